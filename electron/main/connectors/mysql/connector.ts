import type mysql from 'mysql2';
import type { SchemaInfo } from '../../../../shared/types/schema';
import type { MysqlFlavour } from '../dialects';
import { QueryDeadline } from '../execution-control';
import { pagesFrom } from '../paging';
import { ConnectorError, type CellValue, type Connector, type QueryOptions, type ResultColumn, type ResultPage } from '../types';
import { toCellValue } from '../values';
import { createMysqlPool, kindFromTypeCode, mysqlConnectionOptions, mysqlError, type MysqlSourceConfig } from './connection';
import { introspectMysql } from './introspect';
import { beginReadOnly, detectFlavour, getConnection, killQuery, run } from './session';

const INTROSPECTION_TIMEOUT_MS = 60_000;
/** Rows the driver buffers ahead of the reader before pausing the socket. */
const STREAM_HIGH_WATER_MARK = 1_000;

/**
 * MySQL and MariaDB through a small pool per source. Each query runs in a read-only session and
 * read-only transaction with the flavour's statement time limit; rows stream with back-pressure.
 */
export class MysqlConnector implements Connector {
  readonly type = 'mysql' as const;
  readonly dialect = 'mysql' as const;
  private pool: mysql.Pool | null = null;
  private flavour: MysqlFlavour | null = null;

  constructor(private readonly config: MysqlSourceConfig) {}

  async test(): Promise<void> {
    const pool = this.getPool();
    const connection = await getConnection(pool);
    try {
      await run(connection, 'SELECT 1');
    } catch (error) {
      throw mysqlError(error, 'connection test');
    } finally {
      connection.release();
    }
  }

  async introspect(options: { signal?: AbortSignal; distinctValueCap?: number } = {}): Promise<SchemaInfo> {
    const deadline = new QueryDeadline({ timeoutMs: INTROSPECTION_TIMEOUT_MS, signal: options.signal });
    const connection = await this.readOnlyConnection(deadline);
    try {
      const schema = await introspectMysql(connection.connection, { ...options, database: this.config.database });
      await run(connection.connection, 'ROLLBACK');
      return schema;
    } catch (error) {
      throw deadline.stopped ? deadline.stopError() : mysqlError(error, 'introspection');
    } finally {
      connection.done(false);
      deadline.dispose();
    }
  }

  async *query(sql: string, options: QueryOptions = {}): AsyncGenerator<ResultPage> {
    const deadline = new QueryDeadline(options);
    /** True once the server has sent the whole result (the connection can be reused). */
    let finished = false;
    let session: Awaited<ReturnType<MysqlConnector['readOnlyConnection']>> | null = null;
    try {
      session = await this.readOnlyConnection(deadline);
      const query = session.connection.query({ sql, rowsAsArray: true });
      let columns: ResultColumn[] = [];
      // Statements without a result set (SET, DDL) emit `fields` with nothing.
      query.on('fields', (fields: mysql.FieldPacket[] | undefined) => {
        columns = (fields ?? []).map((field) => ({ name: field.name, kind: kindFromTypeCode(field.columnType ?? field.type) }));
      });
      const rows = query.stream({ highWaterMark: STREAM_HIGH_WATER_MARK })[Symbol.asyncIterator]();
      yield* pagesFrom({
        columns: () => columns,
        next: async (wanted) => {
          const batch: CellValue[][] = [];
          while (batch.length < wanted) {
            const step = await rows.next();
            if (step.done) {
              finished = true;
              break;
            }
            if (!Array.isArray(step.value)) {
              throw new ConnectorError('READ_ONLY_VIOLATION', 'Only queries that return rows can run on this source.');
            }
            batch.push(step.value.map((value: unknown, index: number) => toCellValue(value, columns[index]?.kind)));
          }
          return batch.length > 0 ? batch : null;
        },
      }, options, deadline);
      // Stopped at maxRows with rows still on the wire: the finally block drops this connection.
      if (finished) await run(session.connection, 'ROLLBACK');
    } catch (error) {
      finished = false;
      throw deadline.stopped ? deadline.stopError() : mysqlError(error, 'query');
    } finally {
      // A result abandoned half-way leaves rows on the wire: stop it and drop that connection.
      if (session && !finished) await killQuery(mysqlConnectionOptions(this.config), session.connection.threadId);
      session?.done(!finished);
      deadline.dispose();
    }
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    if (pool) await new Promise<void>((resolve) => pool.end(() => resolve()));
  }

  private getPool(): mysql.Pool {
    this.pool ??= createMysqlPool(this.config);
    return this.pool;
  }

  private async readOnlyConnection(deadline: QueryDeadline): Promise<{ connection: mysql.PoolConnection; done(broken: boolean): void }> {
    deadline.throwIfStopped();
    const connection = await getConnection(this.getPool());
    try {
      this.flavour ??= await detectFlavour(connection);
      const stopKill = await beginReadOnly(connection, this.flavour, deadline, mysqlConnectionOptions(this.config));
      return {
        connection,
        done: (broken) => {
          stopKill();
          if (broken) connection.destroy();
          else connection.release();
        },
      };
    } catch (error) {
      connection.destroy();
      throw mysqlError(error, 'session setup');
    }
  }
}
