import type mysql from 'mysql2';
import type { SchemaInfo } from '../../../../shared/types/schema';
import type { MysqlFlavour } from '../dialects';
import { QueryDeadline } from '../execution-control';
import { pagesFrom } from '../paging';
import { ConnectorError, type CellValue, type Connector, type QueryOptions, type ResultColumn, type ResultPage } from '../types';
import { toCellValue } from '../values';
import { createMysqlPool, kindFromTypeCode, mysqlConnectionOptions, mysqlError, type MysqlSourceConfig } from './connection';
import { introspectMysql } from './introspect';
import { mysqlPrivilegeWarnings } from './privileges';
import { beginReadOnly, detectFlavour, getConnection, killQuery, run } from './session';

const INTROSPECTION_TIMEOUT_MS = 60_000;
/** Rows the driver buffers ahead of the reader before pausing the socket. */
const STREAM_HIGH_WATER_MARK = 1_000;

interface ReadOnlyConnection {
  connection: mysql.PoolConnection;
  /** Returns the connection to the pool, or destroys it when `broken`. */
  done(broken: boolean): void;
}

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
    const session = await this.readOnlyConnection(deadline);
    let completed = false;
    try {
      const schema = await introspectMysql(session.connection, { ...options, database: this.config.database });
      completed = true;
      return schema;
    } catch (error) {
      throw deadline.stopped ? deadline.stopError() : mysqlError(error, 'introspection');
    } finally {
      await this.endSession(session, completed);
      deadline.dispose();
    }
  }

  async securityWarnings(): Promise<string[]> {
    const connection = await getConnection(this.getPool());
    try {
      const grants = ((await run(connection, 'SHOW GRANTS')) as string[][]).map((row) => row[0]);
      const [[secureFilePriv]] = (await run(connection, 'SELECT @@secure_file_priv')) as [[string | null]];
      this.flavour ??= await detectFlavour(connection);
      return mysqlPrivilegeWarnings(grants, secureFilePriv, this.flavour);
    } catch (error) {
      throw mysqlError(error, 'privilege check');
    } finally {
      connection.release();
    }
  }

  async *query(sql: string, options: QueryOptions = {}): AsyncGenerator<ResultPage> {
    const deadline = new QueryDeadline(options);
    /** True once the server has sent the whole result (the connection can be reused). */
    let finished = false;
    let session: ReadOnlyConnection | null = null;
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
    } catch (error) {
      finished = false;
      throw deadline.stopped ? deadline.stopError() : mysqlError(error, 'query');
    } finally {
      if (session) await this.endSession(session, finished);
      deadline.dispose();
    }
  }

  /**
   * A fully read result is rolled back and the connection reused. One stopped half-way (maxRows,
   * consumer gone, error) still has rows on the wire: stop it and drop that connection.
   */
  private async endSession(session: ReadOnlyConnection, fullyRead: boolean): Promise<void> {
    if (fullyRead) {
      const rolledBack = await run(session.connection, 'ROLLBACK').then(() => true, () => false);
      return session.done(!rolledBack);
    }
    await killQuery(mysqlConnectionOptions(this.config), session.connection.threadId);
    session.done(true);
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

  private async readOnlyConnection(deadline: QueryDeadline): Promise<ReadOnlyConnection> {
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
