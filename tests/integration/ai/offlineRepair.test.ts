/** The chat pipeline with no language model: when the database rejects the offline engine's SQL
 *  (the source changed after its schema was read), the engine repairs from the error or the answer
 *  says plainly that it could not and what to do next. */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAiHarness, type AiHarness } from './harness';

describe('offline repair in the answer pipeline (real SQLite source)', () => {
  let h: AiHarness;

  beforeAll(async () => {
    h = await openAiHarness();
    // The schema is read (and kept) before the database changes underneath it; each role asks in its own organization.
    for (const org of [h.orgA, h.orgB]) {
      await h.ask(org.as('analyst'), { question: 'number of stores by city', mode: 'offline' });
      const db = new Database(org.sqlitePath);
      try {
        db.exec('ALTER TABLE stores DROP COLUMN city');
      } finally {
        db.close();
      }
    }
  });
  afterAll(async () => h.close());

  it('tells an analyst which column is gone, what it tried and that the schema needs a refresh', async () => {
    const { answer } = await h.ask(h.orgA.as('analyst'), { question: 'how many stores are there in each city', mode: 'offline' });
    expect(answer.kind).not.toBe('answer');
    expect(answer.error?.code).toBe('SOURCE_ERROR');
    expect(answer.error?.message).toMatch(/repairing it without a language model did not work/);
    expect(answer.error?.message).toMatch(/no such column: stores\.city/);
    expect(answer.error?.hint).toMatch(/Refresh the source's schema/);
  });

  it('gives an executive the plain message and the next step without the database detail', async () => {
    const { answer } = await h.ask(h.orgB.as('executive'), { question: 'how many stores are there in each city', mode: 'offline' });
    expect(answer.error?.code).toBe('SOURCE_ERROR');
    expect(answer.error?.message).not.toMatch(/no such column/);
    expect(answer.error?.hint).toMatch(/Refresh the source's schema/);
  });
});
