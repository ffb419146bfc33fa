import { trimWhenIdle, type IdleTrimmable } from '../memory/idle';
import type { CellValue, ResultPage } from './types';

/**
 * Results of file-backed sources (SQLite, CSV/Parquet/Excel files) reused while the files are
 * unchanged. The key is the exact SQL that ran — after the guard, so it embeds the caller's row
 * policies and masking and two organizations never share an entry — plus the paging options and
 * the source's data version (size and modification time of every file it reads). Bounded in
 * bytes overall and per source, least recently used first; entries also expire.
 */
export interface ResultCacheOptions {
  maxBytes: number;
  maxBytesPerSource: number;
  /** Larger results are not kept. */
  maxEntryBytes: number;
  ttlMs: number;
}

const MB = 1024 * 1024;
export const DEFAULT_RESULT_CACHE_OPTIONS: ResultCacheOptions = { maxBytes: 64 * MB, maxBytesPerSource: 16 * MB, maxEntryBytes: 4 * MB, ttlMs: 5 * 60_000 };

/** SQL whose answer changes with the clock or at random, although the files do not. */
const VOLATILE_SQL = /\b(?:now|today|random|randomblob|uuid|gen_random_uuid|get_current_time|get_current_timestamp|transaction_timestamp|current_localtimestamp|setseed)\s*\(|\bcurrent_(?:date|time|timestamp)\b|\blocaltimestamp\b|'(?:now|localtime|utc)'/i;

export function isVolatileSql(sql: string): boolean {
  return VOLATILE_SQL.test(sql);
}

interface Entry {
  sourceKey: string;
  pages: ResultPage[];
  bytes: number;
  expiresAt: number;
  touched: number;
}

export class ResultCache implements IdleTrimmable {
  private readonly entries = new Map<string, Entry>();
  /** Runs started and not finished yet, so an identical query asked meanwhile waits for their result. */
  private readonly running = new Map<string, Promise<void>>();
  private readonly bytesBySource = new Map<string, number>();
  private totalBytes = 0;

  constructor(private readonly options: ResultCacheOptions = DEFAULT_RESULT_CACHE_OPTIONS, private readonly now: () => number = Date.now) {}

  get bytes(): number {
    return this.totalBytes;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The pages of an earlier identical run, as fresh arrays (callers may change rows). */
  get(sourceKey: string, key: string): ResultPage[] | undefined {
    const fullKey = entryKey(sourceKey, key);
    const entry = this.entries.get(fullKey);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.remove(fullKey);
      return undefined;
    }
    this.entries.delete(fullKey);
    this.entries.set(fullKey, entry);
    entry.touched = this.now();
    return entry.pages.map((page) => ({ ...page, columns: page.columns.map((column) => ({ ...column })), rows: page.rows.map((row) => row.slice()) }));
  }

  set(sourceKey: string, key: string, pages: ResultPage[]): void {
    const bytes = pages.reduce((sum, page) => sum + pageBytes(page), key.length * 2);
    if (bytes > this.options.maxEntryBytes || bytes > this.options.maxBytesPerSource) return;
    const fullKey = entryKey(sourceKey, key);
    this.remove(fullKey);
    const now = this.now();
    this.entries.set(fullKey, { sourceKey, pages, bytes, expiresAt: now + this.options.ttlMs, touched: now });
    this.totalBytes += bytes;
    this.bytesBySource.set(sourceKey, (this.bytesBySource.get(sourceKey) ?? 0) + bytes);
    for (const [candidate, entry] of this.entries) {
      if ((this.bytesBySource.get(sourceKey) ?? 0) <= this.options.maxBytesPerSource) break;
      if (entry.sourceKey === sourceKey) this.remove(candidate);
    }
    for (const candidate of this.entries.keys()) {
      if (this.totalBytes <= this.options.maxBytes) break;
      this.remove(candidate);
    }
  }

  /** A run of this query that started and has not ended yet. */
  runningNow(sourceKey: string, key: string): Promise<void> | undefined {
    return this.running.get(entryKey(sourceKey, key));
  }

  /** Marks a run of this query as started; the returned function ends it (however it ended). */
  startRun(sourceKey: string, key: string): () => void {
    const fullKey = entryKey(sourceKey, key);
    let end = () => undefined as void;
    const run = new Promise<void>((resolve) => (end = resolve));
    this.running.set(fullKey, run);
    return () => {
      if (this.running.get(fullKey) === run) this.running.delete(fullKey);
      end();
    };
  }

  /** Drops expired entries, so memory returns after a load even when nothing is asked. */
  prune(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.remove(key);
  }

  /** Drops entries last used before `cutoff` (the server turned idle). */
  dropUntouchedSince(cutoff: number): number {
    let dropped = 0;
    for (const [key, entry] of this.entries) {
      if (entry.touched >= cutoff) break; // recency order
      this.remove(key);
      dropped += 1;
    }
    return dropped;
  }

  /** Drops a source's entries (its settings changed or it was removed). */
  dropSource(sourceKey: string): void {
    for (const [key, entry] of this.entries) if (entry.sourceKey === sourceKey) this.remove(key);
  }

  private remove(fullKey: string): void {
    const entry = this.entries.get(fullKey);
    if (!entry) return;
    this.entries.delete(fullKey);
    this.totalBytes -= entry.bytes;
    const left = (this.bytesBySource.get(entry.sourceKey) ?? 0) - entry.bytes;
    if (left > 0) this.bytesBySource.set(entry.sourceKey, left);
    else this.bytesBySource.delete(entry.sourceKey);
  }
}

const entryKey = (sourceKey: string, key: string) => `${sourceKey}\u0000${key}`;

function cellBytes(value: CellValue): number {
  return typeof value === 'string' ? 16 + value.length * 2 : 8;
}

/** Estimated heap held by a page: its rows' cells plus array overhead. */
function pageBytes(page: ResultPage): number {
  let bytes = 64 + page.columns.reduce((sum, column) => sum + 48 + column.name.length * 2, 0);
  for (const row of page.rows) {
    bytes += 32;
    for (const value of row) bytes += cellBytes(value);
  }
  return bytes;
}

let shared: ResultCache | null = null;
let pruner: NodeJS.Timeout | null = null;

/** The process-wide cache every file-backed source shares (sizes: AISER_RESULT_CACHE_MB, default 64). */
export function sharedResultCache(): ResultCache {
  const configured = process.env.AISER_RESULT_CACHE_MB?.trim();
  const megabytes = configured ? Number(configured) : Number.NaN;
  shared ??= new ResultCache(Number.isFinite(megabytes) && megabytes >= 0
    ? { ...DEFAULT_RESULT_CACHE_OPTIONS, maxBytes: megabytes * MB, maxBytesPerSource: Math.min(DEFAULT_RESULT_CACHE_OPTIONS.maxBytesPerSource, megabytes * MB) }
    : DEFAULT_RESULT_CACHE_OPTIONS);
  if (!pruner) {
    trimWhenIdle(shared);
    pruner = setInterval(() => shared?.prune(), 60_000);
    pruner.unref();
  }
  return shared;
}
