import { describe, expect, it } from 'vitest';
import { systemContext } from '../../../shared/types/auth';
import { SchemaRanker } from '../../../electron/main/context/ranking/schemaRanker';
import { introspectRetail, loadRetailGlossary, loadRetailQuestions, tablesInSql } from './retailFixture';

const ctx = systemContext('org-retail');
const source = { orgId: ctx.orgId, sourceId: 'retail', schema: await introspectRetail(), glossary: loadRetailGlossary() };
const known = new Set(source.schema.tables.map((t) => t.name));

describe('lexical schema slice on the retail dev questions', () => {
  it('contains every table the gold SQL uses for at least 95% of questions', async () => {
    const ranker = new SchemaRanker();
    expect(ranker.mode).toBe('lexical');
    const questions = loadRetailQuestions();
    const misses: string[] = [];
    let sliceSizes = 0;
    for (const q of questions) {
      // A follow-up is ranked with the turns before it, as the ContextManager does.
      const ranked = await ranker.rank(ctx, source, q.turns.join(' '));
      const slice = new Set(ranked.slice.tables.map((t) => t.name));
      sliceSizes += slice.size;
      const missing = tablesInSql(q.sql, known).filter((t) => !slice.has(t));
      if (missing.length > 0) misses.push(`${q.id} "${q.turns.join(' / ')}" lacks ${missing.join(', ')}`);
    }
    const recall = (questions.length - misses.length) / questions.length;
    expect(recall, misses.join('\n')).toBeGreaterThanOrEqual(0.95);
    // The slice must stay a slice: on average well under the 13 tables of the schema.
    expect(sliceSizes / questions.length).toBeLessThan(8);
  });

  it('puts the table a question names first and adds the tables needed to join a metric', async () => {
    const ranked = await new SchemaRanker().rank(ctx, source, 'Revenue by loyalty tier year to date');
    const names = ranked.slice.tables.map((t) => t.name);
    expect(ranked.slice.metrics.map((m) => m.name)).toEqual(['revenue']);
    expect(names).toEqual(expect.arrayContaining(['customers', 'orders', 'order_items']));
    expect(ranked.columns[0].id).toBe('customers.loyalty_tier');
  });

  it('links a distinct value to its column ("PayPal" → orders.payment_method)', async () => {
    const ranked = await new SchemaRanker().rank(ctx, source, 'How many orders were paid with PayPal?');
    expect(ranked.columns[0].id).toBe('orders.payment_method');
    expect(ranked.tables[0].id).toBe('orders');
  });
});
