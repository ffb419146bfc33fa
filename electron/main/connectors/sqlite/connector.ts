import fs from 'node:fs';
import type { SchemaInfo } from '../../../../shared/types/schema';
import { QueryDeadline } from '../execution-control';
import { pagesFrom } from '../paging';
import { ConnectorError, type CellValue, type Connector, type QueryOptions, type ResultColumn, type ResultPage } from '../types';
import { fileVersions } from '../fileVersion';
import { toCellValue } from '../values';
import { kindFromTypeName } from '../schema/kinds';
import { introspectSqlite, type SqliteReader } from './introspect';
import { sqliteWorkers, type SqliteLease, type SqliteWorkerPool, type WorkerReply } from './workerPool';

/** Rows asked of the worker at a time. */
const ROWS_PER_BATCH = 1_000;
const TEST_TIMEOUT_MS = 30_000;
const INTROSPECTION_TIMEOUT_MS = 120_000;

/**
 * SQLite file, opened read-only (`fileMustExist`, `query_only`) in a pooled worker thread that
 * keeps the connection for later queries, so the statement timeout and cancellation stop a query
 * mid-step (the worker is terminated) and a slow statement never blocks the server.
 */
export class SqliteConnector implements Connector {
  readonly type = 'sqlite' as const;
  readonly dialect = 'sqlite' as const;

  constructor(private readonly config: { path: string }, private readonly workers: SqliteWorkerPool = sqliteWorkers()) {}

  async test(): Promise<void> {
    await this.withDatabase({ timeoutMs: TEST_TIMEOUT_MS }, async (lease) => {
      await lease.request({ type: 'all', sql: 'SELECT count(*) FROM sqlite_master', mode: 'pluck' });
    });
  }

  async introspect(options: { signal?: AbortSignal; distinctValueCap?: number } = {}): Promise<SchemaInfo> {
    return this.withDatabase({ timeoutMs: INTROSPECTION_TIMEOUT_MS, signal: options.signal }, (lease) => introspectSqlite(readerOf(lease), options));
  }

  async *query(sql: string, options: QueryOptions = {}): AsyncGenerator<ResultPage> {
    const deadline = new QueryDeadline(options);
    let lease: SqliteLease | null = null;
    const unsubscribe = deadline.onStop(() => lease?.kill(deadline.stopError()));
    try {
      lease = await this.open(deadline);
      const opened = lease;
      const declared = expect(await opened.request({ type: 'query', sql }), 'columns').columns;
      let columns: ResultColumn[] = declared.map((column) => ({ name: column.name, kind: kindFromTypeName(column.type ?? '') }));
      let kindsSettled = false;
      let finished = false;
      yield* pagesFrom({
        columns: () => columns,
        next: async (wanted) => {
          if (finished) return null;
          const reply = expect(await opened.request({ type: 'next', count: Math.min(wanted, ROWS_PER_BATCH) }), 'rows');
          finished = reply.done;
          if (!kindsSettled && reply.rows.length) {
            columns = settleExpressionKinds(columns, reply.rows[0]);
            kindsSettled = true;
          }
          const batch: CellValue[][] = reply.rows.map((row) => row.map((value, index) => toCellValue(value, columns[index].kind)));
          return batch.length > 0 ? batch : finished ? null : batch;
        },
      }, options, deadline);
    } catch (error) {
      throw deadline.stopped ? deadline.stopError() : asSqliteError(error);
    } finally {
      unsubscribe();
      lease?.release();
      deadline.dispose();
    }
  }

  /** The database file and its write-ahead log: any committed change moves one of them. */
  async dataVersion(): Promise<string | null> {
    return fileVersions([this.config.path, `${this.config.path}-wal`]);
  }

  async close(): Promise<void> {
    // Idle workers keep the file open for the next query; a closed source lets it go.
    this.workers.closeFile(this.config.path);
  }

  private async withDatabase<T>(options: { timeoutMs: number; signal?: AbortSignal }, work: (lease: SqliteLease) => Promise<T>): Promise<T> {
    const deadline = new QueryDeadline(options);
    let lease: SqliteLease | null = null;
    const unsubscribe = deadline.onStop(() => lease?.kill(deadline.stopError()));
    try {
      lease = await this.open(deadline);
      return await work(lease);
    } catch (error) {
      throw deadline.stopped ? deadline.stopError() : asSqliteError(error);
    } finally {
      unsubscribe();
      lease?.release();
      deadline.dispose();
    }
  }

  private async open(deadline: QueryDeadline): Promise<SqliteLease> {
    if (!fs.existsSync(this.config.path)) {
      throw new ConnectorError('FILE_NOT_FOUND', `SQLite file not found: ${this.config.path}`, 'Check the path, or choose the file again.');
    }
    const lease = await this.workers.acquire(deadline.signal, this.config.path);
    try {
      await lease.request({ type: 'open', path: this.config.path });
    } catch (error) {
      lease.release();
      const message = (error as Error).message;
      if ((error as { code?: string }).code === 'SQLITE_NOTADB') throw error;
      throw new ConnectorError('QUERY_FAILED', `Could not open ${this.config.path} as a SQLite database: ${message}`, 'Make sure the file is a SQLite database and is readable.');
    }
    return lease;
  }
}

function readerOf(lease: SqliteLease): SqliteReader {
  const all = async (sql: string, mode: 'pluck' | 'raw' | 'objects') => expect(await lease.request({ type: 'all', sql, mode }), 'all').rows;
  return {
    pluck: (sql) => all(sql, 'pluck'),
    raw: async (sql) => (await all(sql, 'raw')) as unknown[][],
    objects: async <T>(sql: string) => (await all(sql, 'objects')) as T[],
  };
}

function expect<K extends WorkerReply['type']>(reply: WorkerReply, type: K): Extract<WorkerReply, { type: K }> {
  if (reply.type !== type) throw new Error(`The SQLite worker answered "${reply.type}" instead of "${type}".`);
  return reply as Extract<WorkerReply, { type: K }>;
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
  if (err.code === 'AISER_NOT_READ_ONLY') {
    return new ConnectorError('READ_ONLY_VIOLATION', 'This source is read-only: only SELECT queries can run.', 'Ask a question that reads data instead of changing it.');
  }
  if (err.code === 'SQLITE_READONLY' || /readonly|read-only|query_only/i.test(err.message ?? '')) {
    return new ConnectorError('READ_ONLY_VIOLATION', `This source is read-only: ${err.message}`);
  }
  if (err.code === 'SQLITE_NOMEM' || /out of memory/i.test(err.message ?? '')) {
    return new ConnectorError('QUERY_FAILED', 'The query needed more memory than a source query may use and was stopped.', 'Narrow the question (filters, fewer joined rows) and try again.');
  }
  return new ConnectorError('QUERY_FAILED', `SQLite refused the query: ${err.message ?? String(error)}`);
}
