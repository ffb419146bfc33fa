import type { RequestContext } from '../../../shared/types/auth';
import { sqlHash } from '../sql/hash';
import { isVolatileSql, sharedResultCache, type ResultCache } from './resultCache';
import { ConnectorError, type Connector, type QueryOptions, type ResultPage } from './types';

/** Results with more rows are streamed, never kept for reuse. */
const MAX_REUSED_ROWS = 20_000;

/** What one executed query read: metadata only, never the rows themselves. */
export interface LineageRecord {
  userId: string;
  orgId: string;
  sourceId: string;
  /** `sqlHash` (sql/hash.ts) of the SQL that ran: the same hash the guard and audit use. */
  sqlHash: string;
  /** Tables and columns read, as reported by the SQL guard. */
  tables: string[];
  columns: string[];
  rowCount: number;
  durationMs: number;
  /** ISO timestamp of when the query started. */
  at: string;
  outcome: 'completed' | 'failed' | 'cancelled';
  /** ConnectorError code when the query did not complete. */
  errorCode?: string;
}

/** Persists lineage (implemented by the store). */
export interface LineageSink {
  record(entry: LineageRecord): Promise<void> | void;
}

export interface QueryProgress {
  rowsRead: number;
  pages: number;
  elapsedMs: number;
}

export interface ExecuteQueryInput {
  connector: Connector;
  /** SQL already accepted by the guard (with its row limit injected). */
  sql: string;
  /** Hash of the statement as shown and audited, when what runs differs (it holds a masking key). */
  shownSqlHash?: string;
  sourceId: string;
  ctx: RequestContext;
  /** The guard's report of what the statement reads. */
  reads: { tables: string[]; columns: string[] };
  options?: QueryOptions;
  lineage: LineageSink;
  onProgress?: (progress: QueryProgress) => void;
  /** Where results of file-backed sources are reused (default: the process-wide cache; null: never). */
  resultCache?: ResultCache | null;
}

interface Reuse {
  cache: ResultCache;
  key: string;
}

/** A result may be reused when the source can fingerprint its files and the SQL reads no clock. */
async function reuseFor(input: ExecuteQueryInput): Promise<Reuse | null> {
  const cache = input.resultCache === undefined ? sharedResultCache() : input.resultCache;
  if (!cache || !input.connector.dataVersion || isVolatileSql(input.sql)) return null;
  const version = await input.connector.dataVersion().catch(() => null);
  if (version === null) return null;
  const { pageSize, maxRows } = input.options ?? {};
  return { cache, key: `${version}\u0000${pageSize ?? ''}\u0000${maxRows ?? ''}\u0000${input.sql}` };
}

/** The result of an identical query running right now (people asking related questions at once
 *  share its totals and comparisons), once it ends; undefined when none runs or it kept nothing. */
async function afterIdenticalRun(reuse: Reuse, input: ExecuteQueryInput): Promise<ResultPage[] | undefined> {
  const running = reuse.cache.runningNow(input.sourceId, reuse.key);
  if (!running) return undefined;
  const signal = input.options?.signal;
  if (signal) {
    let stop = () => undefined as void;
    const cancelled = new Promise<void>((resolve) => (stop = resolve));
    signal.addEventListener('abort', stop, { once: true });
    try {
      await Promise.race([running, cancelled]);
    } finally {
      signal.removeEventListener('abort', stop);
    }
    if (signal.aborted) throw new ConnectorError('CANCELLED', 'The query was cancelled.');
  } else {
    await running;
  }
  return reuse.cache.get(input.sourceId, reuse.key);
}

async function* replay(pages: ResultPage[]): AsyncGenerator<ResultPage> {
  yield* pages;
}

/**
 * Streams a guarded query's pages, reports progress, and records lineage exactly once when
 * the stream ends — completed, failed, cancelled or abandoned by the consumer.
 */
export async function* executeQuery(input: ExecuteQueryInput): AsyncGenerator<ResultPage> {
  const startedAt = new Date();
  const started = performance.now();
  let rowCount = 0;
  let pages = 0;
  let outcome: LineageRecord['outcome'] = 'cancelled';
  let errorCode: string | undefined;
  let endRun: (() => void) | undefined;
  try {
    const reuse = await reuseFor(input);
    const cached = reuse ? reuse.cache.get(input.sourceId, reuse.key) ?? (await afterIdenticalRun(reuse, input)) : undefined;
    if (reuse && !cached) endRun = reuse.cache.startRun(input.sourceId, reuse.key);
    // Copies of the pages as they stream, kept once the result is complete and small enough.
    let kept: ResultPage[] | null = reuse && !cached ? [] : null;
    for await (const page of cached ? replay(cached) : input.connector.query(input.sql, input.options)) {
      rowCount += page.rows.length;
      pages++;
      input.onProgress?.({ rowsRead: rowCount, pages, elapsedMs: performance.now() - started });
      if (kept && rowCount > MAX_REUSED_ROWS) kept = null;
      if (kept) kept.push({ ...page, rows: page.rows.map((row) => row.slice()) });
      if (page.done) {
        outcome = 'completed';
        if (kept && reuse) reuse.cache.set(input.sourceId, reuse.key, kept);
      }
      yield page;
    }
    outcome = 'completed';
  } catch (error) {
    errorCode = error instanceof ConnectorError ? error.code : 'QUERY_FAILED';
    outcome = errorCode === 'CANCELLED' ? 'cancelled' : 'failed';
    throw error;
  } finally {
    endRun?.();
    await input.lineage.record({
      userId: input.ctx.userId,
      orgId: input.ctx.orgId,
      sourceId: input.sourceId,
      sqlHash: input.shownSqlHash ?? sqlHash(input.sql),
      tables: [...input.reads.tables],
      columns: [...input.reads.columns],
      rowCount,
      durationMs: Math.round(performance.now() - started),
      at: startedAt.toISOString(),
      outcome,
      ...(errorCode ? { errorCode } : {}),
    });
  }
}
