import type { Sequelize, Transaction } from 'sequelize';
import type { ReadCache } from './readCache';

/** `INSERT INTO t`, `UPDATE t`, `DELETE FROM t` (after any leading comments), quoted either way. */
const WRITE = /^\s*(?:\/\*.*?\*\/\s*)*(insert\s+(?:or\s+\w+\s+)?into|replace\s+into|update|delete\s+from)\s+(?:[`"]?\w+[`"]?\.)?[`"]?(\w+)[`"]?/is;
const SCHEMA_CHANGE = /^\s*(?:\/\*.*?\*\/\s*)*(create|alter|drop|truncate)\b/is;

/** Tables changed by a committed write; `all`: anything may have changed (schema change, or a
 *  delete whose cascades reach other tables). */
export interface StoreChange {
  tables: string[];
  all: boolean;
}

/** SQLite: a writing statement outside a transaction waits for its turn among the process's
 *  writers (see GroupCommit.exclusive) instead of waiting on the file lock in a pool thread. */
export function takeTurnsWriting(sequelize: Sequelize, exclusive: <T>(work: () => Promise<T>) => Promise<T>): void {
  const query = sequelize.query.bind(sequelize) as (sql: unknown, options?: unknown) => Promise<unknown>;
  (sequelize as unknown as { query: typeof query }).query = (sql: unknown, options?: unknown) => {
    const inTransaction = Boolean((options as { transaction?: Transaction | null } | undefined)?.transaction);
    return changeOf(sql) && !inTransaction ? exclusive(() => query(sql, options)) : query(sql, options);
  };
}

/** What one statement writes, or null for a read. */
export function changeOf(sql: unknown): StoreChange | null {
  const text = typeof sql === 'string' ? sql : (sql as { query?: unknown } | null)?.query;
  if (typeof text !== 'string') return null;
  if (SCHEMA_CHANGE.test(text)) return { tables: [], all: true };
  const write = WRITE.exec(text);
  if (!write) return null;
  // Foreign keys cascade deletes (an organization takes its users, projects, sessions…).
  return { tables: [write[2].toLowerCase()], all: /^delete/i.test(write[1]) };
}

/**
 * Every statement the store runs passes through `sequelize.query` (models, query interface and raw
 * SQL alike): a write moves the cache generation of its table once it has committed (at once for
 * an autocommitted statement, after the transaction's commit otherwise), so no repository can
 * forget to invalidate. `committed` hears each change (to tell other instances).
 */
export function watchStoreWrites(sequelize: Sequelize, cache: ReadCache, committed: (change: StoreChange) => void | Promise<void> = () => undefined): void {
  const query = sequelize.query.bind(sequelize) as (sql: unknown, options?: unknown) => Promise<unknown>;
  // The writer resumes only once other instances were told, so its next request (wherever it
  // lands) cannot be served what it just changed.
  const apply = async (change: StoreChange) => {
    const cachedTable = change.tables.some((table) => cache.tracks(table));
    // Deletes cascade only from parent tables, which are all cached ones (organizations, users…).
    const all = change.all && (change.tables.length === 0 || cachedTable);
    if (!all && !cachedTable) return;
    if (all) cache.invalidateAll();
    cache.invalidate(change.tables);
    try {
      await committed({ tables: change.tables, all });
    } catch {
      // The write itself committed; a change that could not be announced only costs other
      // instances freshness until their next change (PostgreSQL: the feed reconnects and clears).
    }
  };
  (sequelize as unknown as { query: typeof query }).query = async (sql: unknown, options?: unknown) => {
    const change = changeOf(sql);
    if (!change) return query(sql, options);
    const transaction = (options as { transaction?: Transaction | null } | undefined)?.transaction;
    // Readers that start while the write is in flight must not keep what they read.
    cache.invalidate(change.tables);
    try {
      return await query(sql, options);
    } finally {
      if (transaction) transaction.afterCommit(() => apply(change));
      else await apply(change);
    }
  };
}
