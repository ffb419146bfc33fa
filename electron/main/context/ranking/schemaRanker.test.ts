import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../../../shared/types/auth';
import type { SchemaInfo, TableInfo } from '../../../../shared/types/schema';
import { findInstalledModel } from '../embeddings/modelFolder';
import { WorkerEmbedder } from '../embeddings/workerEmbedder';
import { writeTinyEmbeddingModel } from '../testing/tinyEmbeddingModel';
import { SchemaRanker } from './schemaRanker';

const table = (name: string, columns: string[]): TableInfo => ({
  name,
  primaryKey: ['id'],
  rowCountEstimate: null,
  columns: ['id', ...columns].map((c) => ({ name: c, type: 'text', kind: 'text' as const, nullable: true, isPrimaryKey: c === 'id' })),
});
const schema: SchemaInfo = {
  dialect: 'postgres',
  version: 'v1',
  foreignKeys: [],
  tables: [table('customer_complaints', ['severity', 'opened_at']), table('warehouse_stock', ['quantity', 'bin']), table('invoices', ['amount', 'due_on'])],
};
const ctx = systemContext('org-1');
const source = { orgId: 'org-1', sourceId: 'src', schema };
// A misspelt word the lexical index cannot match but whose trigrams the model shares.
const QUESTION = 'open custmer complants by severity';

describe('hybrid schema ranking', () => {
  let dir: string;
  let embedder: WorkerEmbedder;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiser-hybrid-'));
    const vocabulary = ['customer', 'complaints', 'custmer', 'complants', 'severity', 'opened', 'at', 'warehouse', 'stock', 'quantity', 'bin', 'invoices', 'amount', 'due', 'on', 'id', 'open', 'by'];
    writeTinyEmbeddingModel(dir, 'tiny', { vocabulary });
    embedder = await WorkerEmbedder.start(findInstalledModel(dir)!);
  });

  afterAll(async () => {
    await embedder?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('finds a table through embedding similarity when the words do not match exactly', async () => {
    const hybrid = await new SchemaRanker({ embedder, lexicalWeight: 0.2 }).rank(ctx, source, 'custmer complants');
    expect(hybrid.mode).toBe('hybrid');
    expect(hybrid.tables[0].id).toBe('customer_complaints');
    const lexical = await new SchemaRanker().rank(ctx, source, 'custmer complants');
    expect(lexical.tables).toEqual([]);
  });

  it('blends both signals: every table gets a score, the relevant one first', async () => {
    const ranked = await new SchemaRanker({ embedder }).rank(ctx, source, QUESTION);
    expect(ranked.tables.map((t) => t.id)).toHaveLength(3);
    expect(ranked.tables[0].id).toBe('customer_complaints');
    expect(ranked.slice.tables[0].name).toBe('customer_complaints');
  });
});
