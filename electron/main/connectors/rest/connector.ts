import type { DuckDBInstance } from '@duckdb/node-api';
import type { SchemaInfo } from '../../../../shared/types/schema';
import { QueryDeadline } from '../execution-control';
import { introspectDuckdb } from '../duckdb/introspect';
import { loadRecordsTable } from '../duckdb/records';
import { openSandboxedDuckdb } from '../duckdb/sandbox';
import { asDuckdbError, streamDuckdbSelect } from '../duckdb/stream';
import type { Connector, QueryOptions, ResultPage } from '../types';
import type { OutboundPolicy } from '../../security/outboundAddresses';
import { fetchRecords, type RestSourceConfig } from './fetch-records';

const INTROSPECTION_TIMEOUT_MS = 60_000;

/**
 * A JSON API whose records are fetched for each query, held in an in-memory DuckDB table just
 * for that query, and dropped with the database when the query ends.
 */
export class RestConnector implements Connector {
  readonly type = 'rest' as const;
  readonly dialect = 'duckdb' as const;

  constructor(private readonly config: RestSourceConfig, private readonly outbound: OutboundPolicy) {}

  async test(): Promise<void> {
    const deadline = new QueryDeadline({ timeoutMs: INTROSPECTION_TIMEOUT_MS });
    try {
      await this.fetchOrStop(deadline, 1);
    } finally {
      deadline.dispose();
    }
  }

  async introspect(options: { signal?: AbortSignal; distinctValueCap?: number } = {}): Promise<SchemaInfo> {
    const deadline = new QueryDeadline({ timeoutMs: INTROSPECTION_TIMEOUT_MS, signal: options.signal });
    const instance = await this.loadDatabase(deadline);
    const connection = await instance.connect();
    try {
      const schema = await introspectDuckdb(connection, { ...options, countableTables: new Set([this.config.tableName ?? 'records']) });
      return schema;
    } catch (error) {
      throw asDuckdbError(error);
    } finally {
      connection.closeSync();
      instance.closeSync();
      deadline.dispose();
    }
  }

  async *query(sql: string, options: QueryOptions = {}): AsyncGenerator<ResultPage> {
    const deadline = new QueryDeadline(options);
    let instance: DuckDBInstance | null = null;
    try {
      instance = await this.loadDatabase(deadline);
      const connection = await instance.connect();
      try {
        yield* streamDuckdbSelect(connection, sql, options, deadline);
      } finally {
        connection.closeSync();
      }
    } finally {
      instance?.closeSync();
      deadline.dispose();
    }
  }

  async close(): Promise<void> {
    // Nothing is kept between queries.
  }

  private async loadDatabase(deadline: QueryDeadline): Promise<DuckDBInstance> {
    const table = await this.fetchOrStop(deadline);
    return openSandboxedDuckdb([], (connection) => loadRecordsTable(connection, table));
  }

  private async fetchOrStop(deadline: QueryDeadline, pageLimit?: number) {
    try {
      return await fetchRecords(this.config, deadline.signal, this.outbound, pageLimit);
    } catch (error) {
      if (deadline.stopped) throw deadline.stopError();
      throw error;
    }
  }
}
