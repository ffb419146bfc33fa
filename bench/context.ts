/**
 * Context ranking benchmark: ranking latency on a generated 2,000-table / 40,000-column schema
 * (lexical, and hybrid with the tiny test model once table vectors are cached) and embedding
 * throughput. Run alone with `npx tsx bench/context.ts`; `runContextBench()` returns the JSON.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { systemContext } from '../shared/types/auth';
import type { ColumnInfo, ForeignKey, SchemaInfo, TableInfo } from '../shared/types/schema';
import { shutdownEmbeddingHost } from '../electron/main/context/embeddings/embeddingHost';
import { findInstalledModel } from '../electron/main/context/embeddings/modelFolder';
import { WorkerEmbedder } from '../electron/main/context/embeddings/workerEmbedder';
import { SchemaRanker, type RankingSource } from '../electron/main/context/ranking/schemaRanker';
import { tableEmbeddingText } from '../electron/main/context/ranking/schemaIndex';
import { splitWords } from '../electron/main/context/ranking/text';
import { writeTinyEmbeddingModel } from '../electron/main/context/testing/tinyEmbeddingModel';

const TABLES = 2000;
const COLUMNS_PER_TABLE = 20;
const QUESTIONS = 200;

const SUBJECTS = ['customer', 'order', 'product', 'invoice', 'shipment', 'supplier', 'warehouse', 'employee', 'campaign', 'ticket', 'contract', 'payment', 'account', 'asset', 'vehicle', 'store', 'region', 'budget', 'claim', 'policy'];
const QUALIFIERS = ['daily', 'monthly', 'archived', 'staging', 'regional', 'global', 'partner', 'legacy', 'audit', 'forecast'];
const ATTRIBUTES = ['name', 'status', 'amount', 'quantity', 'price', 'cost', 'date', 'created_at', 'type', 'category', 'country', 'city', 'channel', 'score', 'discount', 'currency', 'owner', 'priority', 'segment', 'notes', 'weight', 'tax', 'margin', 'rating'];

/** Deterministic pseudo-random numbers, so every run measures the same schema. */
function random(seed: number): () => number {
  let state = seed;
  return () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

export function generateLargeSchema(): SchemaInfo {
  const next = random(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  const tables: TableInfo[] = [];
  const foreignKeys: ForeignKey[] = [];
  for (let t = 0; t < TABLES; t++) {
    const name = `${pick(QUALIFIERS)}_${pick(SUBJECTS)}_${pick(SUBJECTS)}_${t}`;
    const columns: ColumnInfo[] = [{ name: 'id', type: 'bigint', kind: 'number', nullable: false, isPrimaryKey: true }];
    const parents = t === 0 ? [] : [Math.floor(next() * t), Math.floor(next() * t)];
    for (const parent of new Set(parents)) {
      columns.push({ name: `${tables[parent].name}_id`, type: 'bigint', kind: 'number', nullable: true, isPrimaryKey: false });
      foreignKeys.push({ fromTable: name, fromColumns: [`${tables[parent].name}_id`], toTable: tables[parent].name, toColumns: ['id'], inferred: false });
    }
    while (columns.length < COLUMNS_PER_TABLE) {
      const attribute = `${pick(ATTRIBUTES)}_${columns.length}`;
      const isText = attribute.startsWith('status') || attribute.startsWith('channel') || attribute.startsWith('segment');
      columns.push({
        name: attribute, type: isText ? 'text' : 'numeric', kind: isText ? 'text' : 'number', nullable: true, isPrimaryKey: false,
        ...(isText ? { distinctValues: ['open', 'closed', 'pending', 'online', 'retail', `v${t % 50}`], distinctCount: 6 } : {}),
      });
    }
    tables.push({ name, columns, primaryKey: ['id'], rowCountEstimate: 1000 });
  }
  return { dialect: 'postgres', tables, foreignKeys, version: 'bench-2000' };
}

function questions(): string[] {
  const next = random(7);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  return Array.from({ length: QUESTIONS }, () => `What was the total ${pick(ATTRIBUTES).replace('_', ' ')} of ${pick(QUALIFIERS)} ${pick(SUBJECTS)}s by ${pick(ATTRIBUTES)} last month?`);
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function latency(ranker: SchemaRanker, source: RankingSource, qs: readonly string[]) {
  const ctx = systemContext(source.orgId);
  await ranker.rank(ctx, source, qs[0]); // builds and caches the index (and vectors)
  const times: number[] = [];
  for (const q of qs) {
    const start = performance.now();
    await ranker.rank(ctx, source, q);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { p50Ms: round(percentile(times, 50)), p95Ms: round(percentile(times, 95)), questions: qs.length };
}

const round = (value: number) => Math.round(value * 100) / 100;

export async function runContextBench() {
  const schema = generateLargeSchema();
  const source: RankingSource = { orgId: 'bench-org', sourceId: 'bench', schema };
  const qs = questions();
  const ctx = systemContext(source.orgId);

  const indexStart = performance.now();
  const lexicalRanker = new SchemaRanker();
  await lexicalRanker.rank(ctx, source, qs[0]);
  const indexBuildMs = round(performance.now() - indexStart);
  const lexical = await latency(lexicalRanker, source, qs);

  const modelsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiser-bench-models-'));
  try {
    const texts = schema.tables.map((t) => tableEmbeddingText(t));
    writeTinyEmbeddingModel(modelsDir, 'tiny', { vocabulary: [...texts, ...qs].flatMap((t) => splitWords(t)), dimension: 16 });
    const embedder = await WorkerEmbedder.start(findInstalledModel(modelsDir)!);
    const embedStart = performance.now();
    for (let i = 0; i < texts.length; i += 32) await embedder.embed(texts.slice(i, i + 32));
    const embeddingSeconds = (performance.now() - embedStart) / 1000;
    const hybridRanker = new SchemaRanker({ embedder });
    await hybridRanker.warmUp(ctx, source);
    const hybrid = await latency(hybridRanker, source, qs);
    await embedder.dispose();
    return {
      schema: { tables: schema.tables.length, columns: schema.tables.reduce((n, t) => n + t.columns.length, 0), foreignKeys: schema.foreignKeys.length },
      lexicalIndexBuildMs: indexBuildMs,
      rankingLatency: { lexical, hybridCachedVectors: hybrid },
      embeddingThroughput: { model: 'tiny test model (16-d, in worker)', texts: texts.length, textsPerSecond: Math.round(texts.length / embeddingSeconds) },
      targetP95Ms: 50,
    };
  } finally {
    fs.rmSync(modelsDir, { recursive: true, force: true });
  }
}

/** The name `npm run bench` (bench/run.ts) looks for. */
export const benchContext = runContextBench;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runContextBench()
    .then((result) => console.log(JSON.stringify(result, null, 2)))
    .finally(() => shutdownEmbeddingHost());
}
