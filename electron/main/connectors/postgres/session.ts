import pg from 'pg';
import type { QueryDeadline } from '../execution-control';
import { quoteIdentifier } from '../dialects';
import { postgresError } from './connection';

/**
 * Runs `work` on a pooled client inside `BEGIN READ ONLY` with a transaction-local
 * statement_timeout. If the deadline fires, the running statement is cancelled with
 * `pg_cancel_backend` from a separate connection (the pool may be exhausted).
 */
export async function withReadOnlySession<T>(
  pool: pg.Pool,
  session: { cancelConfig: pg.ClientConfig; schema?: string },
  deadline: QueryDeadline,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  deadline.throwIfStopped();
  const client = await pool.connect().catch((error) => { throw postgresError(error, 'connection'); });
  let broken = false;
  const unsubscribe = deadline.onStop(() => void cancelBackend(session.cancelConfig, client));
  try {
    await client.query('BEGIN READ ONLY');
    await client.query({ text: 'SELECT set_config($1, $2, true)', values: ['statement_timeout', String(deadline.timeoutMs)] });
    // The source's schema comes first so unqualified table names resolve like the schema browser shows them.
    if (session.schema) await client.query({ text: 'SELECT set_config($1, $2, true)', values: ['search_path', `${quoteIdentifier('postgres', session.schema)}, public`] });
    const result = await work(client);
    // Never COMMIT: a read-only session has nothing to keep, and rolling back also undoes
    // anything a function managed to do despite READ ONLY (e.g. creating a large object).
    await client.query('ROLLBACK');
    return result;
  } catch (error) {
    broken = !(await rollbackQuietly(client));
    if (deadline.stopped) throw deadline.stopError();
    throw postgresError(error, 'query');
  } finally {
    unsubscribe();
    client.release(broken);
  }
}

async function rollbackQuietly(client: pg.PoolClient): Promise<boolean> {
  try {
    await client.query('ROLLBACK');
    return true;
  } catch {
    return false;
  }
}

/** Connection pids are per client; `processID` is set by pg once the backend key data arrives. */
async function cancelBackend(config: pg.ClientConfig, target: pg.PoolClient): Promise<void> {
  const pid = (target as unknown as { processID?: number }).processID;
  if (!pid) return;
  const canceller = new pg.Client({ ...config, connectionTimeoutMillis: 5_000 });
  try {
    await canceller.connect();
    await canceller.query('SELECT pg_cancel_backend($1)', [pid]);
  } catch {
    // Best effort: statement_timeout still stops the statement on the server.
  } finally {
    await canceller.end().catch(() => undefined);
  }
}
