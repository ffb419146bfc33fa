import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { systemContext } from '../../../shared/types/auth';
import { findInstalledModel } from '../../../electron/main/context/embeddings/modelFolder';
import { WorkerEmbedder } from '../../../electron/main/context/embeddings/workerEmbedder';
import { tableEmbeddingText } from '../../../electron/main/context/ranking/schemaIndex';
import { SchemaRanker } from '../../../electron/main/context/ranking/schemaRanker';
import { splitWords } from '../../../electron/main/context/ranking/text';
import { writeTinyEmbeddingModel } from '../../../electron/main/context/testing/tinyEmbeddingModel';
import { introspectRetail, loadRetailGlossary, loadRetailQuestions, tablesInSql } from './retailFixture';

const ctx = systemContext('org-retail');
const source = { orgId: ctx.orgId, sourceId: 'retail', schema: await introspectRetail(), glossary: loadRetailGlossary() };
const known = new Set(source.schema.tables.map((t) => t.name));

async function measureSlices(ranker: SchemaRanker) {
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
  return { recall: (questions.length - misses.length) / questions.length, misses, averageSliceSize: sliceSizes / questions.length };
}

describe('schema slice on the retail dev questions', () => {
  it('contains every table the gold SQL uses for at least 95% of questions', async () => {
    const ranker = new SchemaRanker();
    expect(ranker.mode).toBe('lexical');
    const { recall, misses, averageSliceSize } = await measureSlices(ranker);
    expect(recall, misses.join('\n')).toBeGreaterThanOrEqual(0.95);
    // The slice must stay a slice: on average well under the 13 tables of the schema.
    expect(averageSliceSize).toBeLessThan(8);
  });

  it('keeps that recall when embeddings are blended in (tiny model)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiser-retail-model-'));
    const texts = [...source.schema.tables.map((t) => tableEmbeddingText(t, source.glossary)), ...loadRetailQuestions().flatMap((q) => q.turns)];
    writeTinyEmbeddingModel(dir, 'tiny', { vocabulary: texts.flatMap((t) => splitWords(t)) });
    const embedder = await WorkerEmbedder.start(findInstalledModel(dir)!);
    try {
      const ranker = new SchemaRanker({ embedder });
      expect(ranker.mode).toBe('hybrid');
      const { recall, misses } = await measureSlices(ranker);
      expect(recall, misses.join('\n')).toBeGreaterThanOrEqual(0.95);
    } finally {
      await embedder.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    }
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
