/** The answer cache inside real conversations: a standalone question asked again (in the same or
 *  another conversation, after other questions) is served from memory without touching the source,
 *  a follow-up is keyed by the answer it continues, and another role's masking never shares it. */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../../shared/types/auth';
import { openAiHarness, type AiHarness } from './harness';

describe('answer cache in conversations (real SQLite source and store)', () => {
  let h: AiHarness;

  beforeAll(async () => {
    h = await openAiHarness();
  });
  afterAll(async () => h.close());

  /** How many times a query reached the source so far (every run is audited as query.run). */
  const sourceRuns = async (ctx: RequestContext) => (await h.container.services.store.audit.list(ctx, { action: 'query.run' })).length;

  it('serves a standalone question asked again later in the conversation, and in another one, from the cache', async () => {
    const analyst = h.orgA.as('analyst');
    const question = 'revenue by region in 2024';
    const first = await h.ask(analyst, { question });
    const conversationId = first.answer.conversationId;
    const between = await h.ask(analyst, { question: 'gross profit in 2025', conversationId });
    const runsBefore = await sourceRuns(analyst);
    const again = await h.ask(analyst, { question, conversationId });
    const elsewhere = await h.ask(analyst, { question: 'units sold by category in 2025' });
    const runsBeforeElsewhere = await sourceRuns(analyst);
    const againElsewhere = await h.ask(analyst, { question, conversationId: elsewhere.answer.conversationId });

    expect(first.answer.route.cached).toBe(false);
    expect(between.answer.kind).toBe('answer');
    expect(again.answer.route.cached).toBe(true);
    expect(again.answer.result?.rows).toEqual(first.answer.result?.rows);
    expect(againElsewhere.answer.route.cached).toBe(true);
    expect(await sourceRuns(analyst)).toBe(runsBeforeElsewhere);
    expect(runsBeforeElsewhere - runsBefore).toBeGreaterThan(0); // the other conversation's first question did run
    const turns = await h.stack.chat.log.get(analyst, conversationId);
    expect(turns.messages.filter((m) => m.role === 'user').map((m) => m.content)).toEqual([question, 'gross profit in 2025', question]);
  });

  it('keys a follow-up by the answer it continues: same previous answer shares it, another previous answer does not', async () => {
    const analyst = h.orgA.as('analyst');
    const byRegion = await h.ask(analyst, { question: 'revenue by region last year' });
    const followUp = await h.ask(analyst, { question: 'and by month?', conversationId: byRegion.answer.conversationId });
    const byChannel = await h.ask(analyst, { question: 'revenue by channel last year' });
    const otherFollowUp = await h.ask(analyst, { question: 'and by month?', conversationId: byChannel.answer.conversationId });
    const sameStart = await h.ask(analyst, { question: 'revenue by region last year' });
    const sharedFollowUp = await h.ask(analyst, { question: 'and by month?', conversationId: sameStart.answer.conversationId });

    const columns = (answer: typeof followUp.answer) => answer.result?.columns.map((c) => c.name) ?? [];
    expect(followUp.answer.route.cached).toBe(false);
    expect(columns(followUp.answer)).toEqual(expect.arrayContaining(['region_name', 'month']));
    expect(otherFollowUp.answer.route.cached).toBe(false);
    expect(columns(otherFollowUp.answer)).toEqual(expect.arrayContaining(['month']));
    expect(columns(otherFollowUp.answer)).not.toContain('region_name');
    expect(sameStart.answer.route.cached).toBe(true);
    expect(sharedFollowUp.answer.route.cached).toBe(true);
    expect(sharedFollowUp.answer.result?.rows).toEqual(followUp.answer.result?.rows);
  });

  it('never serves one role’s cached answer to a role with other masking', async () => {
    const admin = h.orgA.as('admin');
    const analyst = h.orgA.as('analyst');
    const question = 'list the sales reps';
    const first = await h.ask(admin, { question });
    const repeat = await h.ask(admin, { question, conversationId: first.answer.conversationId });
    const runsBefore = await sourceRuns(admin);
    const masked = await h.ask(analyst, { question });

    expect(first.answer.kind).toBe('answer');
    expect(repeat.answer.route.cached).toBe(true);
    expect(masked.answer.route.cached).toBe(false);
    expect(await sourceRuns(admin)).toBeGreaterThan(runsBefore);
    const db = new Database(h.orgA.sqlitePath, { readonly: true });
    const realNames = new Set(db.prepare('SELECT full_name FROM sales_reps').pluck().all() as string[]);
    db.close();
    const namesIn = (answer: typeof first.answer) => {
      const at = answer.result?.columns.findIndex((c) => c.name === 'full_name') ?? -1;
      return (answer.result?.rows ?? []).map((row) => row[at]);
    };
    expect(namesIn(first.answer).length).toBeGreaterThan(0);
    expect(namesIn(first.answer).every((name) => realNames.has(name as string))).toBe(true);
    expect(namesIn(masked.answer).length).toBe(namesIn(first.answer).length);
    expect(namesIn(masked.answer).some((name) => realNames.has(name as string))).toBe(false);
  });
});
