/** The chat pipeline with the shared-install store (PostgreSQL): persistence, cache, metrics and
 *  audit behave as with the embedded store, and concurrent questions all succeed. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAiHarness, type AiHarness } from './harness';

describe('chat pipeline on a PostgreSQL store', () => {
  let h: AiHarness;
  beforeAll(async () => {
    h = await openAiHarness({}, { store: 'postgres' });
  });
  afterAll(async () => h.close());

  it('answers, persists the conversation, caches the repeat and records metrics and audit', async () => {
    const analyst = h.orgA.as('analyst');
    const first = await h.ask(analyst, { question: 'gross profit by region in 2025' });
    const repeat = await h.ask(analyst, { question: 'gross profit by region in 2025' });
    expect(first.answer.kind).toBe('answer');
    expect(repeat.answer.route.cached).toBe(true);
    const stored = await h.stack.chat.log.get(analyst, first.answer.conversationId);
    expect(stored.messages).toHaveLength(2);
    const metrics = await h.container.services.store.metrics.list(analyst, { name: 'ai.answer.latency_ms' });
    expect(metrics.map((m) => m.tags.route).sort()).toEqual(['cache', 'offline']);
    expect((await h.container.services.store.audit.list(analyst, { action: 'ai.answer' })).length).toBe(2);
  });

  it('answers 30 concurrent questions without a failure', async () => {
    const questions = ['orders in 2025', 'revenue by month in 2025', 'units sold by region', 'refunds in 2025', 'revenue in 2024'];
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => h.ask(h.orgA.as(i % 2 ? 'analyst' : 'executive'), { question: questions[i % questions.length] })));
    expect(answers.map((a) => a.answer.kind)).toEqual(Array(30).fill('answer'));
  });
});
