import type pg from 'pg';
import { pgDriver } from './driver';
import type { SchemaInfo } from '../../../../shared/types/schema';
import { QueryDeadline, stripTrailingSemicolons } from '../execution-control';
import { pagesFrom, type RowBatchSource } from '../paging';
import type { Connector, QueryOptions, ResultColumn, ResultPage } from '../types';
import { toCellValue } from '../values';
import { createPostgresPool, postgresClientConfig, postgresError, type PostgresSourceConfig } from './connection';
import { introspectPostgres } from './introspect';
import { PRIVILEGES_SQL, postgresPrivilegeWarnings, type PrivilegeRow } from './privileges';
import { ReadOnlySession, withReadOnlySession, type SessionSettings } from './session';
import { checkPlanEstimate } from './plan-estimate';
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
    const client = new (pgDriver().Client)({ ...postgresClientConfig(this.config), connectionTimeoutMillis: 10_000 });
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

  async securityWarnings(): Promise<string[]> {
    const deadline = new QueryDeadline({ timeoutMs: INTROSPECTION_TIMEOUT_MS });
    try {
      return await withReadOnlySession(this.getPool(), this.sessionSettings(), deadline, async (client) =>
        postgresPrivilegeWarnings((await client.query<PrivilegeRow>(PRIVILEGES_SQL)).rows[0]),
      );
    } finally {
      deadline.dispose();
    }
  }

  async *query(sql: string, options: QueryOptions = {}): AsyncGenerator<ResultPage> {
    const deadline = new QueryDeadline(options);
    try {
      const session = await ReadOnlySession.open(this.getPool(), this.sessionSettings(), deadline);
      try {
        await checkPlanEstimate(session.client, stripTrailingSemicolons(sql), options.planLimits);
        // Extended query mode makes PostgreSQL reject stacked statements outright.
        await session.client.query({ text: `DECLARE ${CURSOR_NAME} NO SCROLL CURSOR FOR ${stripTrailingSemicolons(sql)}`, queryMode: 'extended' } as pg.QueryConfig);
        yield* pagesFrom(cursorReader(session.client), options, deadline);
      } catch (error) {
        throw await session.fail(error);
      } finally {
        // Also reached when the consumer stops early; closing twice is a no-op.
        await session.close();
      }
    } finally {
      deadline.dispose();
    }
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    await pool?.end();
  }

  private sessionSettings(): SessionSettings {
    return { cancelConfig: postgresClientConfig(this.config), schema: this.config.schema };
  }

  private getPool(): pg.Pool {
    this.pool ??= createPostgresPool(this.config);
    return this.pool;
  }
}

/** Reads the open cursor a page at a time: only one page is ever in memory. */
function cursorReader(client: pg.PoolClient): RowBatchSource {
  let columns: ResultColumn[] = [];
  let exhausted = false;
  return {
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
}
