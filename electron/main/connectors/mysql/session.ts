import type mysql from 'mysql2';
import { MYSQL_FLAVOURS, type MysqlFlavour } from '../dialects';
import type { QueryDeadline } from '../execution-control';
import { mysqlDriver, mysqlError } from './connection';

export function run(connection: mysql.Connection | mysql.PoolConnection, sql: string): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    connection.query({ sql, rowsAsArray: true }, (error, rows) => (error ? reject(error) : resolve(rows as unknown[])));
  });
}

export function getConnection(pool: mysql.Pool): Promise<mysql.PoolConnection> {
  return new Promise((resolve, reject) => pool.getConnection((error, connection) => (error ? reject(mysqlError(error, 'connection')) : resolve(connection))));
}

export async function detectFlavour(connection: mysql.PoolConnection): Promise<MysqlFlavour> {
  const [[version]] = (await run(connection, 'SELECT VERSION()')) as [[string]];
  return /mariadb/i.test(version) ? 'mariadb' : 'mysql';
}

/**
 * Makes the pooled connection's session read-only, applies the flavour's statement time limit
 * and opens a read-only transaction. Returns a function that stops the running statement
 * with `KILL QUERY` from a second connection when the deadline fires.
 */
export async function beginReadOnly(
  connection: mysql.PoolConnection,
  flavour: MysqlFlavour,
  deadline: QueryDeadline,
  killOptions: mysql.ConnectionOptions,
): Promise<() => void> {
  const facts = MYSQL_FLAVOURS[flavour];
  const limit = Math.max(1, Math.ceil(deadline.timeoutMs / facts.timeoutUnitMs));
  await run(connection, 'SET SESSION TRANSACTION READ ONLY');
  await run(connection, `SET SESSION ${facts.timeoutVariable} = ${limit}`);
  await run(connection, 'START TRANSACTION READ ONLY');
  return deadline.onStop(() => void killQuery(killOptions, connection.threadId));
}

export async function killQuery(options: mysql.ConnectionOptions, threadId: number | null): Promise<void> {
  if (threadId === null) return;
  const killer = mysqlDriver().createConnection(options);
  killer.on('error', () => undefined);
  try {
    await run(killer, `KILL QUERY ${Number(threadId)}`);
  } catch {
    // Best effort: the session's statement time limit still stops the query on the server.
  } finally {
    killer.destroy();
  }
}
