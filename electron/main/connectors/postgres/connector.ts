import pg from 'pg';
import type { SchemaInfo } from '../../../../shared/types/schema';
import { QueryDeadline, stripTrailingSemicolons } from '../execution-control';
import { pagesFrom } from '../paging';
import type { CellValue, Connector, QueryOptions, ResultColumn, ResultPage } from '../types';
import { toCellValue } from '../values';
import { createPostgresPool, postgresClientConfig, postgresError, type PostgresSourceConfig } from './connection';
import { introspectPostgres } from './introspect';
import { withReadOnlySession } from './session';
import { kindFromOid } from './value-types';

const INTROSPECTION_TIMEOUT_MS = 60_000;
const CURSOR_NAME = 'aiser_result';

/**
 * PostgreSQL through a small pool per source. Every statement runs in `BEGIN READ ONLY` with a
 * transaction-local statement_timeout, and results stream through a server-side cursor so only
 * one page is ever held in memory.
 */
export class PostgresConnector implements Connector {
  readonly type = 'postgres' as const;
  readonly dialect = 'postgres' as const;
  private pool: pg.Pool | null = null;

  constructor(private readonly config: PostgresSourceConfig) {}

  async test(): Promise<void> {
    const client = new pg.Client({ ...postgresClientConfig(this.config), connectionTimeoutMillis: 10_000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
    } catch (error) {
      throw postgresError(error, 'connection test');
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  async introspect(options: { signal?: AbortSignal; distinctValueCap?: number } = {}): Promise<SchemaInfo> {
    const deadline = new QueryDeadline({ timeoutMs: INTROSPECTION_TIMEOUT_MS, signal: options.signal });
    try {
      return await withReadOnlySession(this.getPool(), this.sessionSettings(), deadline, (client) =>
        introspectPostgres(client, { ...options, schema: this.config.schema }),
      );
    } finally {
      deadline.dispose();
    }
  }

  async *query(sql: string, options: QueryOptions = {}): AsyncGenerator<ResultPage> {
    const deadline = new QueryDeadline(options);
    const pool = this.getPool();
    // The generator yields across awaits, so the session is driven by hand: open, page, close.
    const session = openCursorSession(pool, this.sessionSettings(), deadline, stripTrailingSemicolons(sql));
    try {
      const cursor = await session.next();
      if (cursor.done) return;
      yield* pagesFrom(cursor.value, options, deadline);
    } catch (error) {
      throw deadline.stopped ? deadline.stopError() : postgresError(error, 'query');
    } finally {
      await session.return(undefined);
      deadline.dispose();
    }
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    await pool?.end();
  }

  private sessionSettings() {
    return { cancelConfig: postgresClientConfig(this.config), schema: this.config.schema };
  }

  private getPool(): pg.Pool {
    this.pool ??= createPostgresPool(this.config);
    return this.pool;
  }
}

interface CursorBatches {
  columns(): ResultColumn[];
  next(wanted: number): Promise<CellValue[][] | null>;
}

/**
 * Yields one cursor reader, then (when the caller returns) closes the cursor and the
 * transaction. Extended query mode makes PostgreSQL reject stacked statements outright.
 */
async function* openCursorSession(
  pool: pg.Pool,
  settings: Parameters<typeof withReadOnlySession>[1],
  deadline: QueryDeadline,
  sql: string,
): AsyncGenerator<CursorBatches> {
  let release!: () => void;
  const finished = new Promise<void>((resolve) => (release = resolve));
  let reader!: CursorBatches;
  let ready!: () => void;
  const opened = new Promise<void>((resolve) => (ready = resolve));
  const session = withReadOnlySession(pool, settings, deadline, async (client) => {
    await client.query({ text: `DECLARE ${CURSOR_NAME} NO SCROLL CURSOR FOR ${sql}`, queryMode: 'extended' } as pg.QueryConfig);
    let columns: ResultColumn[] = [];
    let exhausted = false;
    reader = {
      columns: () => columns,
      next: async (wanted) => {
        if (exhausted) return null;
        const result = await client.query({ text: `FETCH FORWARD ${Math.max(1, wanted)} FROM ${CURSOR_NAME}`, rowMode: 'array' });
        columns = result.fields.map((field) => ({ name: field.name, kind: kindFromOid(field.dataTypeID) }));
        if (result.rows.length < wanted) exhausted = true;
        if (result.rows.length === 0) return null;
        return (result.rows as unknown[][]).map((row) => row.map((value, index) => toCellValue(value, columns[index].kind)));
      },
    };
    ready();
    await finished;
  });
  await Promise.race([opened, session]);
  try {
    yield reader;
  } finally {
    release();
    await session;
  }
}
