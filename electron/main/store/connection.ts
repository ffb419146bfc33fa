import path from 'node:path';
import { Sequelize } from 'sequelize';
import { StoreConfigError } from './errors';
import { writeUtcDatesDirectly } from './utcDates';

export type StoreDialect = 'sqlite' | 'postgres';

export interface ConnectionOptions {
  /** `postgres://…` (or `postgresql://…`) for a shared install; omitted: embedded SQLite. */
  databaseUrl?: string;
  /** The app's data folder; holds `aiser.sqlite` when no databaseUrl is given. */
  dataDir: string;
}

export const SQLITE_FILE = 'aiser.sqlite';
const SQLITE_BUSY_TIMEOUT_MS = 10_000;

/** Opens the Sequelize connection for the configured database (no queries run yet). */
export function openSequelize(options: ConnectionOptions): { sequelize: Sequelize; dialect: StoreDialect } {
  writeUtcDatesDirectly();
  const url = options.databaseUrl?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//i.test(url)) {
      throw new StoreConfigError(
        `Unsupported database URL "${redactUrl(url)}": AISER_DATABASE_URL must start with postgres:// ` +
          '(or be unset to use the embedded SQLite store).',
      );
    }
    const sequelize = new Sequelize(url, { dialect: 'postgres', logging: false, pool: { max: 10, idle: 10_000 } });
    return { sequelize, dialect: 'postgres' };
  }
  if (!options.dataDir) throw new StoreConfigError('The store needs a data folder (dataDir) for its SQLite file.');
  const sequelize = new Sequelize({
    dialect: 'sqlite',
    storage: path.join(options.dataDir, SQLITE_FILE),
    logging: false,
    // Each transaction gets its own SQLite connection: wait for a writer instead of failing.
    retry: { match: [/SQLITE_BUSY/], max: 20 },
  });
  tuneSqliteConnections(sequelize);
  skipQueryStackTraces(sequelize);
  return { sequelize, dialect: 'sqlite' };
}

type QueryClass = new (...args: never[]) => { run(sql: string, parameters?: unknown): Promise<unknown> };

/** Sequelize's SQLite query captures and formats a stack trace for every statement, in case it
 *  fails (about a quarter of a millisecond each, several statements per answer). Its errors keep
 *  their message, SQL and cause; only that call-site trace is left out. */
function skipQueryStackTraces(sequelize: Sequelize): void {
  const dialect = (sequelize as unknown as { dialect: { Query: QueryClass } }).dialect;
  const Base = dialect.Query;
  dialect.Query = class extends Base {
    override run(sql: string, parameters?: unknown): Promise<unknown> {
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = 0; // the trace is taken synchronously, before the statement runs
      try {
        return super.run(sql, parameters);
      } finally {
        Error.stackTraceLimit = limit;
      }
    }
  };
}

/** Transaction connections kept open for the next transaction (each would otherwise be opened,
 *  its schema parsed, and closed again for every transaction). */
const IDLE_TRANSACTION_CONNECTIONS = 4;

type Callback = (error: Error | null, rows?: unknown[]) => void;

interface SqliteConnection {
  uuid?: string;
  configure(option: 'busyTimeout', ms: number): void;
  all(sql: string, ...rest: unknown[]): unknown;
  run(sql: string, ...rest: unknown[]): unknown;
  exec(sql: string, ...rest: unknown[]): unknown;
}

const TABLE_INFO = /^PRAGMA table_info\(`([^`]+)`\)$/;
const SCHEMA_CHANGE = /^\s*(create|alter|drop)\b/i;

/** Sequelize's SQLite driver asks `PRAGMA table_info` of a table before every SELECT on it (to
 *  parse the columns' types): answered from memory after the first time, and forgotten whenever a
 *  statement changes the schema (migrations). One cache for all connections to the file. */
function cacheTableInfo(connection: SqliteConnection, cache: Map<string, unknown[]>): void {
  const all = connection.all.bind(connection);
  const forgetOnSchemaChange = (method: 'run' | 'exec' | 'all', original: (sql: string, ...rest: unknown[]) => unknown) => {
    connection[method] = (sql: string, ...rest: unknown[]) => {
      if (typeof sql === 'string' && SCHEMA_CHANGE.test(sql)) cache.clear();
      return original(sql, ...rest);
    };
  };
  forgetOnSchemaChange('run', connection.run.bind(connection));
  forgetOnSchemaChange('exec', connection.exec.bind(connection));
  connection.all = (sql: string, ...rest: unknown[]) => {
    const table = typeof sql === 'string' ? TABLE_INFO.exec(sql)?.[1] : undefined;
    const callback = rest[rest.length - 1];
    if (!table || typeof callback !== 'function') {
      if (typeof sql === 'string' && SCHEMA_CHANGE.test(sql)) cache.clear();
      return all(sql, ...rest);
    }
    const known = cache.get(table);
    if (known) {
      process.nextTick(() => (callback as Callback)(null, known));
      return connection;
    }
    return all(sql, ...rest.slice(0, -1), (error: Error | null, rows?: unknown[]) => {
      if (!error && rows?.length) cache.set(table, rows);
      (callback as Callback)(error, rows);
    });
  };
}

interface SqliteConnectionManager {
  connections: Record<string, SqliteConnection>;
  getConnection(options?: { uuid?: string }): Promise<SqliteConnection>;
  releaseConnection(connection: SqliteConnection, force?: boolean): void;
}

/**
 * Sequelize's SQLite driver opens a new connection for every transaction, without running
 * `afterConnect` hooks, and closes it afterwards. Here every connection gets the busy timeout (a
 * transaction waits for the writer ahead of it instead of failing into Sequelize's retry back-off),
 * and a finished transaction's connection is parked for the next one. Parked connections stay in the
 * manager's table, so closing the store closes them too.
 */
function tuneSqliteConnections(sequelize: Sequelize): void {
  const manager = sequelize.connectionManager as unknown as SqliteConnectionManager;
  const open = manager.getConnection.bind(manager);
  const close = manager.releaseConnection.bind(manager);
  const configured = new WeakSet<SqliteConnection>();
  const tableInfo = new Map<string, unknown[]>();
  const idle: Array<{ key: string; connection: SqliteConnection }> = [];
  let parked = 0;
  manager.getConnection = async (options) => {
    const uuid = options?.uuid;
    const reused = uuid && uuid !== 'default' ? idle.pop() : undefined;
    if (reused) {
      delete manager.connections[reused.key];
      manager.connections[uuid!] = reused.connection;
      return reused.connection;
    }
    const connection = await open(options);
    if (!configured.has(connection)) {
      connection.configure('busyTimeout', SQLITE_BUSY_TIMEOUT_MS);
      cacheTableInfo(connection, tableInfo);
      configured.add(connection);
    }
    return connection;
  };
  manager.releaseConnection = (connection, force) => {
    if (!connection.uuid || force || idle.length >= IDLE_TRANSACTION_CONNECTIONS) return close(connection, force);
    delete manager.connections[connection.uuid];
    const key = `idle-${(parked += 1)}`;
    manager.connections[key] = connection;
    idle.push({ key, connection });
  };
}

/** Settings applied once per open: WAL lets readers proceed while a transaction writes. */
export async function prepareConnection(sequelize: Sequelize, dialect: StoreDialect): Promise<void> {
  try {
    await sequelize.authenticate();
  } catch (error) {
    throw new StoreConfigError(`Cannot open the Aiser store: ${(error as Error).message}. Check the database URL or data folder.`);
  }
  if (dialect === 'sqlite') {
    await sequelize.query('PRAGMA journal_mode=WAL');
    // FULL syncs the WAL at every commit: a committed audit event or message survives a power cut
    // (NORMAL would only sync at checkpoints and could lose the last commits). The cost is one sync
    // per commit, which audit group commit and the chat write queue keep to one per batch.
    await sequelize.query('PRAGMA synchronous=FULL');
  }
}

function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:••••@');
}
