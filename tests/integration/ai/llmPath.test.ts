/** The language-model path on a real SQLite source with a fake model speaking the real wire
 *  protocol: the prompt carries who asks and where; a candidate of the wrong shape is caught
 *  and re-asked, or the built-in engine answers honestly; the narrative arrives piece by piece;
 *  a small-window model gets a smaller prompt. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BASE_CONFIDENCE_THRESHOLD } from '../../../electron/main/ai/routing';
import { glossaryOf } from '../../../electron/main/sources/glossary';
import { FakeLlmServer } from '../../support/fakeLlmServer';
import { openAiHarness, type AiHarness } from './harness';

const PER_MONTH_SQL = "SELECT strftime('%Y-%m', order_date) AS month, COUNT(*) AS orders FROM orders GROUP BY 1 ORDER BY 1";
const TOTAL_SQL = 'SELECT COUNT(*) AS orders FROM orders';
const PHRASING = 'Every order on record is counted here, across all stores and channels.';

describe('language-model path (fake model, real SQLite source)', () => {
  let h: AiHarness;
  let fake: FakeLlmServer;

  beforeAll(async () => {
    h = await openAiHarness();
  });
  afterEach(async () => {
    for (const org of [h.orgA, h.orgB]) {
      const admin = org.as('admin');
      for (const provider of await h.stack.ai.listProviders(admin)) await h.stack.ai.removeProvider(admin, provider.id);
    }
    await fake?.close();
  });
  afterAll(async () => h.close());

  it('in auto mode sends a complex question to the model even when the offline engine is fairly confident', async () => {
    fake = await FakeLlmServer.start();
    fake.script({ kind: 'sql', sql: TOTAL_SQL }, { kind: 'text', text: PHRASING });
    const id = await h.addProvider(h.orgA.as('admin'), { name: 'P', endpoint: fake.openAiUrl });
    const analyst = h.orgA.as('analyst');
    const source = await h.container.services.sources.record(analyst, h.orgA.sourceId);
    const schema = await h.container.services.sources.schema(analyst, h.orgA.sourceId);
    const complex = 'ratio of online to store revenue by region and product category';
    const simple = 'revenue by month in 2025';
    for (const question of [complex, simple]) {
      expect(h.stack.offline({ schema, glossary: glossaryOf(source), question }).confidence).toBeGreaterThanOrEqual(BASE_CONFIDENCE_THRESHOLD);
    }

    const routed = await h.ask(analyst, { question: complex });
    const kept = await h.ask(analyst, { question: simple });

    expect(routed.answer.route).toMatchObject({ engine: 'llm', provider: id });
    expect(kept.answer.route.engine).toBe('offline');
    expect(fake.requests.filter((r) => !r.stream)).toHaveLength(1);
    const audits = await h.container.services.store.audit.list(analyst, { action: 'ai.answer' });
    const audit = audits.find((a) => a.details.route === 'llm');
    expect(audit?.details.routedBecause).toEqual(expect.arrayContaining([expect.stringMatching(/below the 0\.\d+ this question needs/), 'a ratio or share']));
  });

  it('puts the asker’s role, department, organization and project into the prompt', async () => {
    fake = await FakeLlmServer.start();
    fake.script({ kind: 'sql', sql: TOTAL_SQL }, { kind: 'text', text: PHRASING });
    await h.addProvider(h.orgA.as('admin'), { name: 'P', endpoint: fake.openAiUrl });

    await h.ask(h.orgA.as('executive'), { question: 'how many orders do we have', mode: 'llm' });

    const prompt = FakeLlmServer.promptOf(fake.requests[0]);
    expect(prompt).toContain('ASKED BY:');
    expect(prompt).toContain('- role executive, department "Sales"');
    expect(prompt).toContain('- organization "Acme"');
    expect(prompt).toContain('- project "Sales"');
    expect(prompt).toContain('- data source "Retail"');
    // The person's name stays on the machine.
    expect(prompt).not.toContain('executive Acme');
  });

  it('streams the model’s phrasing as separate pieces before the final narrative, keeping the code’s numbers', async () => {
    fake = await FakeLlmServer.start();
    fake.script({ kind: 'sql', sql: TOTAL_SQL }, { kind: 'text', text: PHRASING });
    await h.addProvider(h.orgA.as('admin'), { name: 'P', endpoint: fake.openAiUrl });

    const { answer, events } = await h.ask(h.orgA.as('analyst'), { question: 'how many orders do we have', mode: 'llm' });

    const types = events.map((e) => e.type);
    const tokens = events.filter((e) => e.type === 'narrativeToken').map((e) => (e as { text: string }).text);
    expect(tokens.length).toBeGreaterThan(2);
    expect(tokens.join('')).toBe(PHRASING);
    expect(types.lastIndexOf('narrativeToken')).toBeLessThan(types.indexOf('narrative'));
    expect(types.filter((t) => t === 'narrative')).toHaveLength(1);
    expect(fake.requests[1].stream).toBe(true);
    expect(answer.narrative).toBe(PHRASING);
    // The headline, with its number, is the code's; the final event is headline then phrasing.
    expect(answer.headline).toMatch(/\d/);
    expect((events.find((e) => e.type === 'narrative') as { text: string }).text).toBe(`${answer.headline} ${PHRASING}`);
  });

  it('keeps the code’s narrative when the phrasing invents a number', async () => {
    fake = await FakeLlmServer.start();
    fake.script({ kind: 'sql', sql: TOTAL_SQL }, { kind: 'text', text: 'Orders grew 37.5% on last year, a record.' });
    await h.addProvider(h.orgA.as('admin'), { name: 'P', endpoint: fake.openAiUrl });

    const { answer, events } = await h.ask(h.orgA.as('analyst'), { question: 'what is the total number of orders', mode: 'llm' });

    expect(events.some((e) => e.type === 'narrativeToken')).toBe(true);
    expect(answer.narrative ?? '').not.toContain('37.5');
    const final = events.filter((e) => e.type === 'narrative').at(-1) as { text: string };
    expect(final.text).not.toContain('37.5');
  });

  it('keeps the code’s narrative when the phrasing stream breaks off or fails', async () => {
    fake = await FakeLlmServer.start();
    fake.script({ kind: 'sql', sql: TOTAL_SQL }, { kind: 'truncated', text: PHRASING }, { kind: 'sql', sql: TOTAL_SQL }, { kind: 'status', status: 500 });
    await h.addProvider(h.orgA.as('admin'), { name: 'P', endpoint: fake.openAiUrl });

    const cut = await h.ask(h.orgA.as('analyst'), { question: 'what was the total number of orders', mode: 'llm' });
    const failed = await h.ask(h.orgA.as('admin'), { question: 'what was the total number of orders', mode: 'llm' });

    for (const { answer, events } of [cut, failed]) {
      expect(answer.kind).toBe('answer');
      expect(answer.narrative ?? '').not.toContain('every order on record');
      expect(events.filter((e) => e.type === 'narrative')).toHaveLength(1);
    }
    // Pieces already shown are replaced by the final narrative event.
    expect(cut.events.some((e) => e.type === 'narrativeToken')).toBe(true);
    expect(fake.requests.map((r) => r.stream)).toEqual([false, true, false, true]);
  });

  it('catches a candidate of the wrong shape and asks again with the problem stated', async () => {
    fake = await FakeLlmServer.start();
    fake.script({ kind: 'sql', sql: PER_MONTH_SQL }, { kind: 'sql', sql: TOTAL_SQL }, { kind: 'text', text: PHRASING });
    const id = await h.addProvider(h.orgA.as('admin'), { name: 'P', endpoint: fake.openAiUrl });

    const { answer, events } = await h.ask(h.orgA.as('analyst'), { question: 'how many orders were placed overall', mode: 'llm' });

    expect(answer.route).toMatchObject({ engine: 'llm', provider: id });
    expect(answer.result?.rowCount).toBe(1);
    const reask = FakeLlmServer.promptOf(fake.requests[1]);
    expect(reask).toContain('PROBLEM:');
    expect(reask).toMatch(/asks for one number, but the query returned \d+ rows/);
    // Only the accepted statement is shown.
    expect(events.filter((e) => e.type === 'sql').map((e) => (e as { sql: string }).sql)).toEqual([TOTAL_SQL]);
  });

  it('falls back to the built-in engine, and says so, when the model keeps the wrong shape', async () => {
    fake = await FakeLlmServer.start();
    fake.setDefault({ kind: 'sql', sql: PER_MONTH_SQL });
    await h.addProvider(h.orgA.as('admin'), { name: 'P', endpoint: fake.openAiUrl });

    const { answer } = await h.ask(h.orgA.as('analyst'), { question: 'how many orders were placed in total', mode: 'llm' });

    expect(answer.kind).toBe('answer');
    expect(answer.route.engine).toBe('offline');
    expect(answer.result?.rowCount).toBe(1);
    expect(answer.narrative).toMatch(/language model’s query did not fit the question \(the question asks for one number/);
    expect(fake.requests.filter((r) => !r.stream)).toHaveLength(2);
  });

  it('shows the model’s result with the problem stated when the built-in engine cannot answer either', async () => {
    fake = await FakeLlmServer.start();
    fake.script({ kind: 'sql', sql: PER_MONTH_SQL }, { kind: 'sql', sql: PER_MONTH_SQL });
    await h.addProvider(h.orgA.as('admin'), { name: 'P', endpoint: fake.openAiUrl });

    const { answer } = await h.ask(h.orgA.as('analyst'), { question: 'how many xyzzy plugh frobs are there', mode: 'llm' });

    expect(answer.kind).toBe('answer');
    expect(answer.route.engine).toBe('llm');
    expect(answer.narrative).toMatch(/Check this answer: the question asks for one number, but the query returned \d+ rows\. The built-in engine could not answer this question either\./);
  });

  it('gives a small-window model a smaller prompt than a large-window one', async () => {
    fake = await FakeLlmServer.start();
    fake.setDefault({ kind: 'sql', sql: TOTAL_SQL });
    await h.addProvider(h.orgA.as('admin'), { name: 'Small', endpoint: fake.openAiUrl, model: 'local-small', contextWindow: 2048 });
    await h.addProvider(h.orgB.as('admin'), { name: 'Large', endpoint: fake.openAiUrl, model: 'gpt-4o' });
    const question = 'revenue by product category and region for online orders paid by card, with returns and shipping cost';

    await h.ask(h.orgA.as('analyst'), { question, mode: 'llm' });
    const small = FakeLlmServer.promptOf(fake.requests.filter((r) => !r.stream)[0]);
    await h.ask(h.orgB.as('analyst'), { question, mode: 'llm' });
    const large = FakeLlmServer.promptOf(fake.requests.filter((r) => !r.stream)[1]);

    const tables = (prompt: string) => prompt.split('SCHEMA:\n')[1].split('\n\n')[0].split('\n').length;
    expect(small.length).toBeLessThan(large.length);
    expect(tables(small)).toBeLessThan(tables(large));
    // A 2,048-token window holds the whole prompt (≈ 4 characters a token, with room for the reply).
    expect(small.length / 4).toBeLessThan(2048 - 800);
  });
});
