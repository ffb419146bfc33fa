import type pg from 'pg';
import { pgDriver } from './driver';
import { quoteIdentifier } from '../dialects';
import type { QueryDeadline } from '../execution-control';
import { postgresError } from './connection';

export interface SessionSettings {
  /** Where the cancelling connection goes (the pool may be exhausted, so it is a fresh client). */
  cancelConfig: pg.ClientConfig;
  /** The source's schema: first on the search_path, so unqualified names resolve like the schema browser shows them. */
  schema?: string;
}

/**
 * A pooled client inside `BEGIN READ ONLY` with a transaction-local statement_timeout. When the
 * deadline fires, the running statement is cancelled with `pg_cancel_backend` from a second
 * connection. `close()` always rolls back: a read-only session has nothing to keep, and rolling
 * back also undoes anything a function managed despite READ ONLY (e.g. creating a large object).
 */
export class ReadOnlySession {
  private closed = false;

  private constructor(
    readonly client: pg.PoolClient,
    private readonly deadline: QueryDeadline,
    private readonly stopCancelling: () => void,
  ) {}

  static async open(pool: pg.Pool, settings: SessionSettings, deadline: QueryDeadline): Promise<ReadOnlySession> {
    deadline.throwIfStopped();
    const client = await pool.connect().catch((error) => { throw postgresError(error, 'connection'); });
    const session = new ReadOnlySession(client, deadline, deadline.onStop(() => void cancelBackend(settings.cancelConfig, client)));
    try {
      await client.query('BEGIN READ ONLY');
      await client.query({ text: 'SELECT set_config($1, $2, true)', values: ['statement_timeout', String(deadline.timeoutMs)] });
      if (settings.schema) {
        await client.query({ text: 'SELECT set_config($1, $2, true)', values: ['search_path', `${quoteIdentifier('postgres', settings.schema)}, public`] });
      }
      return session;
    } catch (error) {
      throw await session.fail(error);
    }
  }

  /** Rolls back and returns the client to the pool (or drops it if even ROLLBACK failed). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stopCancelling();
    let healthy = true;
    try {
      await this.client.query('ROLLBACK');
    } catch {
      healthy = false;
    }
    this.client.release(!healthy);
  }

  /** Closes the session and turns `error` into the ConnectorError the caller should see. */
  async fail(error: unknown): Promise<Error> {
    await this.close();
    return this.deadline.stopped ? this.deadline.stopError() : postgresError(error, 'query');
  }
}

export async function withReadOnlySession<T>(
  pool: pg.Pool,
  settings: SessionSettings,
  deadline: QueryDeadline,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const session = await ReadOnlySession.open(pool, settings, deadline);
  let result: T;
  try {
    result = await work(session.client);
  } catch (error) {
    throw await session.fail(error);
  }
  await session.close();
  return result;
}

/** Connection pids are per client; `processID` is set by pg once the backend key data arrives. */
async function cancelBackend(config: pg.ClientConfig, target: pg.PoolClient): Promise<void> {
  const pid = (target as unknown as { processID?: number }).processID;
  if (!pid) return;
  const canceller = new (pgDriver().Client)({ ...config, connectionTimeoutMillis: 5_000 });
  canceller.on('error', () => undefined);
  try {
    await canceller.connect();
    await canceller.query('SELECT pg_cancel_backend($1)', [pid]);
  } catch {
    // Best effort: statement_timeout still stops the statement on the server.
  } finally {
    await canceller.end().catch(() => undefined);
  }
}
