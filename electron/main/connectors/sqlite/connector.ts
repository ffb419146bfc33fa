import fs from 'node:fs';
import Database from 'better-sqlite3';
import type { SchemaInfo } from '../../../../shared/types/schema';
import { QueryDeadline } from '../execution-control';
import { pagesFrom } from '../paging';
import { ConnectorError, type CellValue, type Connector, type QueryOptions, type ResultColumn, type ResultPage } from '../types';
import { toCellValue } from '../values';
import { kindFromTypeName } from '../schema/kinds';
import { introspectSqlite } from './introspect';

/** How many rows to step between cancellation/timeout checks (better-sqlite3 is synchronous). */
const ROWS_BETWEEN_CHECKS = 1_000;

/**
 * SQLite file, opened read-only (`fileMustExist`, `query_only`). better-sqlite3 runs on the
 * calling thread, so a query is stepped lazily with `.iterate()` and checks cancel/timeout
 * between batches; one single very slow step cannot be interrupted.
 */
export class SqliteConnector implements Connector {
  readonly type = 'sqlite' as const;
  readonly dialect = 'sqlite' as const;
  private db: Database.Database | null = null;

  constructor(private readonly config: { path: string }) {}

  async test(): Promise<void> {
    try {
      this.open().prepare('SELECT count(*) FROM sqlite_master').get();
    } catch (error) {
      throw asSqliteError(error);
    }
  }

  async introspect(options: { signal?: AbortSignal; distinctValueCap?: number } = {}): Promise<SchemaInfo> {
    try {
      return await introspectSqlite(this.open(), options);
    } catch (error) {
      throw asSqliteError(error);
    }
  }

  async *query(sql: string, options: QueryOptions = {}): AsyncGenerator<ResultPage> {
    const deadline = new QueryDeadline(options);
    try {
      const statement = this.prepareReadOnly(sql);
      const rows = statement.raw(true).safeIntegers(true).iterate() as IterableIterator<unknown[]>;
      const declared = statement.columns();
      let columns: ResultColumn[] = declared.map((column) => ({ name: column.name, kind: kindFromTypeName(column.type) }));
      let kindsSettled = false;
      try {
        yield* pagesFrom({
          columns: () => columns,
          next: async (wanted) => {
            const batch: CellValue[][] = [];
            for (let i = 0; i < Math.min(wanted, ROWS_BETWEEN_CHECKS); i++) {
              const step = rows.next();
              if (step.done) break;
              if (!kindsSettled) {
                columns = settleExpressionKinds(columns, step.value);
                kindsSettled = true;
              }
              batch.push(step.value.map((value, index) => toCellValue(value, columns[index].kind)));
            }
            return batch.length > 0 ? batch : null;
          },
        }, options, deadline);
      } finally {
        rows.return?.();
      }
    } catch (error) {
      throw asSqliteError(error);
    } finally {
      deadline.dispose();
    }
  }

  async close(): Promise<void> {
    this.db?.close();
    this.db = null;
  }

  private open(): Database.Database {
    if (this.db) return this.db;
    if (!fs.existsSync(this.config.path)) {
      throw new ConnectorError('FILE_NOT_FOUND', `SQLite file not found: ${this.config.path}`, 'Check the path, or choose the file again.');
    }
    try {
      const db = new Database(this.config.path, { readonly: true, fileMustExist: true });
      db.pragma('query_only = ON');
      this.db = db;
      return db;
    } catch (error) {
      throw new ConnectorError('QUERY_FAILED', `Could not open ${this.config.path} as a SQLite database: ${(error as Error).message}`, 'Make sure the file is a SQLite database and is readable.');
    }
  }

  /** SQLite itself reports whether a statement writes; anything but a read-only query is refused. */
  private prepareReadOnly(sql: string): Database.Statement {
    const statement = this.open().prepare(sql);
    if (!statement.reader || !statement.readonly) {
      throw new ConnectorError('READ_ONLY_VIOLATION', 'This source is read-only: only SELECT queries can run.', 'Ask a question that reads data instead of changing it.');
    }
    return statement;
  }
}

/** Expression columns (`count(*)`, `sum(x)`) have no declared type; take the kind from the first row. */
function settleExpressionKinds(columns: ResultColumn[], firstRow: unknown[]): ResultColumn[] {
  return columns.map((column, index) => {
    if (column.kind !== 'other') return column;
    const value = firstRow[index];
    const kind = typeof value === 'number' || typeof value === 'bigint' ? 'number' : typeof value === 'string' ? 'text' : 'other';
    return { ...column, kind };
  });
}

function asSqliteError(error: unknown): unknown {
  if (error instanceof ConnectorError) return error;
  const err = error as { code?: string; message?: string };
  if (err.code === 'SQLITE_NOTADB') {
    return new ConnectorError('QUERY_FAILED', 'The file is not a SQLite database.', 'Choose a SQLite database file (.db, .sqlite).');
  }
  if (err.code === 'SQLITE_READONLY' || /readonly|read-only|query_only/i.test(err.message ?? '')) {
    return new ConnectorError('READ_ONLY_VIOLATION', `This source is read-only: ${err.message}`);
  }
  return new ConnectorError('QUERY_FAILED', `SQLite refused the query: ${err.message ?? String(error)}`);
}
