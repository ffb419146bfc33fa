import { ByteLru } from '../memory/byteLru';

/** Default memory for cached store reads (estimated bytes of the cached records). */
export const DEFAULT_READ_CACHE_BYTES = 16 * 1024 * 1024;

interface Entry {
  value: unknown;
  bytes: number;
  tables: readonly string[];
  /** Each table's generation when the read began: the entry is valid while none has moved on. */
  generations: readonly number[];
}

/**
 * Read-through cache of store records the request path reads again and again (sessions, users,
 * organizations, projects, sources, verified answers). Correctness rests on table generations: every
 * committed write to a table moves its generation on (see watchStoreWrites), and an entry is only
 * served while the generations of all tables it was read from are the ones seen when its read
 * *began*, so a read racing a write is never served afterwards. Bounded by estimated bytes, least
 * recently used first out (and, when the server turns idle, entries unread for a while go: see
 * ByteLru). Records are handed out as copies, so callers may change their fields; the JSON
 * documents inside them (a source's schema and glossary, a user's settings) are shared and frozen,
 * so a hit does not copy a whole schema, and what is derived from a document (a parsed glossary)
 * can be kept per document object.
 */
export class ReadCache {
  private readonly entries: ByteLru<Entry>;
  private readonly generation = new Map<string, number>();
  /** Tables whose rows may be cached (registered when their repositories are built). */
  private readonly cachedTables = new Set<string>();
  /** Bumped by `invalidateAll`; part of every entry's validity. */
  private epoch = 0;
  /** While false (e.g. the PostgreSQL change feed is down) every read goes to the store. */
  private enabled = true;
  hits = 0;
  misses = 0;
  /** Runs before every read: hears changes other processes made (see SqliteChangeFile). */
  beforeRead: () => void = () => undefined;

  constructor(private readonly maxBytes = DEFAULT_READ_CACHE_BYTES, now: () => number = Date.now) {
    this.entries = new ByteLru<Entry>({ maxBytes, sizeOf: (entry) => entry.bytes, now });
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.entries.bytes };
  }

  async read<T>(tables: readonly string[], key: string, load: () => Promise<T>): Promise<T> {
    if (!this.enabled) return load();
    this.beforeRead();
    const fullKey = `${tables.join(',')}|${key}`;
    const found = this.entries.get(fullKey);
    if (found && this.current(found)) {
      this.hits += 1;
      return handedOut(found.value) as T;
    }
    if (found) this.entries.delete(fullKey);
    this.misses += 1;
    const generations = this.generationsOf(tables);
    const value = await load();
    const entry: Entry = { value: kept(value), bytes: estimateBytes(fullKey, value), tables, generations };
    if (this.enabled && this.current(entry) && entry.bytes <= this.maxBytes / 4) this.entries.set(fullKey, entry);
    return value;
  }

  track(table: string): void {
    this.cachedTables.add(table);
  }

  /** Whether a change to this table can touch anything cached. */
  tracks(table: string): boolean {
    return this.cachedTables.has(table);
  }

  /** A write to these tables committed (here or, on PostgreSQL, in another instance). */
  invalidate(tables: Iterable<string>): void {
    for (const table of tables) this.generation.set(table, (this.generation.get(table) ?? 0) + 1);
  }

  /** Drops entries last read before `cutoff` (the server turned idle). */
  dropUntouchedSince(cutoff: number): number {
    return this.entries.dropUntouchedSince(cutoff);
  }

  invalidateAll(): void {
    this.epoch += 1;
    this.entries.clear();
  }

  /** Off: nothing is served from or kept in memory until turned on again. */
  setEnabled(enabled: boolean): void {
    if (!enabled) this.invalidateAll();
    this.enabled = enabled;
  }

  private generationsOf(tables: readonly string[]): number[] {
    return [this.epoch, ...tables.map((table) => this.generation.get(table) ?? 0)];
  }

  private current(entry: Entry): boolean {
    const now = this.generationsOf(entry.tables);
    return now.every((value, i) => value === entry.generations[i]);
  }
}

/** A deep copy of a record as the store returns it (plain objects, arrays, dates, bytes), so
 *  callers can change what they read; several times faster than structuredClone for rows. */
export function copyOf<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (Array.isArray(value)) return value.map(copyOf) as T;
  if (Buffer.isBuffer(value)) return Buffer.from(value) as T;
  if (!isPlainObject(value)) return structuredClone(value);
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) copy[key] = copyOf((value as Record<string, unknown>)[key]);
  return copy as T;
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/** What an entry keeps of a read (a record, a list of records, ids, a count): records copied, their
 *  documents (nested objects and arrays) deep-copied and frozen. */
function kept<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(kept) as T;
  if (!isPlainObject(value)) return copyOf(value);
  const record: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    record[key] = field !== null && typeof field === 'object' && (Array.isArray(field) || isPlainObject(field)) ? deepFreeze(copyOf(field)) : copyOf(field);
  }
  return record as T;
}

/** A hit's value: lists and records are fresh objects, the frozen documents in them shared. */
function handedOut<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(handedOut) as T;
  if (!isPlainObject(value)) return copyOf(value);
  const record: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) record[key] = Object.isFrozen(field) ? field : copyOf(field); // values and frozen documents are shared
  return record as T;
}

function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return value; // typed arrays cannot be frozen
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return Object.freeze(value);
}

/** Rough heap size of a cached record: its JSON text as UTF-16 plus per-entry bookkeeping. */
function estimateBytes(key: string, value: unknown): number {
  return 2 * (key.length + (JSON.stringify(value ?? null)?.length ?? 0)) + 200;
}

/** A stable text key for query options, including Sequelize's symbol operators (which
 *  JSON.stringify would silently drop, making different conditions share a key). */
export function keyOf(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return `D${value.toISOString()}`;
  if (Array.isArray(value)) return `[${value.map(keyOf).join(',')}]`;
  if (typeof value === 'object') {
    const record = value as Record<string | symbol, unknown>;
    const named = Object.keys(record).sort().map((k) => `${JSON.stringify(k)}:${keyOf(record[k])}`);
    const operators = Object.getOwnPropertySymbols(record).map((s) => `@${s.description ?? '?'}:${keyOf(record[s])}`).sort();
    return `{${[...named, ...operators].join(',')}}`;
  }
  throw new TypeError(`Cannot key a ${typeof value} for the read cache.`);
}

const attached = new WeakMap<object, ReadCache>();

/** Makes `cache` the read cache of the store behind this Sequelize instance. */
export function attachReadCache(sequelize: object, cache: ReadCache): void {
  attached.set(sequelize, cache);
}

/** Registers a table whose rows the store behind `sequelize` may cache. */
export function trackCachedTable(sequelize: object | undefined, table: string): void {
  if (sequelize) attached.get(sequelize)?.track(table);
}

/** Reads through the cache of the store `sequelize` belongs to (directly when it has none). */
export function cachedRead<T>(sequelize: object | undefined, tables: readonly string[], key: unknown, load: () => Promise<T>): Promise<T> {
  const cache = sequelize ? attached.get(sequelize) : undefined;
  if (!cache) return load();
  for (const table of tables) cache.track(table);
  return cache.read(tables, keyOf(key), load);
}
