import type mysql from 'mysql2';
import type { ColumnKind } from '../../../../shared/types/schema';
import { lazyRequire } from '../../startup/lazyRequire';
import { ConnectorError } from '../types';

/** The driver, loaded when a MySQL source is first used. */
export const mysqlDriver = lazyRequire<typeof mysql>('mysql2');

export interface MysqlSourceConfig {
  url?: string; host?: string; port?: number; database?: string; user?: string; password?: string; ssl?: 'disable' | 'require';
}

/** Connections per source: enough for a dashboard's parallel tiles, small enough to be a good neighbour. */
const POOL_LIMITS = { connectionLimit: 4, maxIdle: 2, idleTimeout: 30_000, connectTimeout: 10_000 };

/** Driver options that keep values JSON-safe: decimals as numbers, bigints and dates as text. */
const VALUE_OPTIONS = { supportBigNumbers: true, bigNumberStrings: true, decimalNumbers: true, dateStrings: true, multipleStatements: false } as const;

export function mysqlConnectionOptions(config: MysqlSourceConfig): mysql.ConnectionOptions {
  const explicit = Object.fromEntries(
    Object.entries({ host: config.host, port: config.port, database: config.database, user: config.user, password: config.password }).filter(([, value]) => value !== undefined),
  );
  return {
    ...(config.url ? { uri: config.url } : {}),
    ...explicit,
    ...VALUE_OPTIONS,
    ...(config.ssl === 'require' ? { ssl: { rejectUnauthorized: false } } : {}),
    connectTimeout: POOL_LIMITS.connectTimeout,
  };
}

export function createMysqlPool(config: MysqlSourceConfig): mysql.Pool {
  return mysqlDriver().createPool({ ...mysqlConnectionOptions(config), ...POOL_LIMITS });
}

/** mysql2 column type codes (protocol `MYSQL_TYPE_*`) mapped onto the app's kinds. */
const TYPE_CODE_KINDS: Record<number, ColumnKind> = {
  0: 'number', 1: 'number', 2: 'number', 3: 'number', 4: 'number', 5: 'number', 8: 'number', 9: 'number', 13: 'number', 246: 'number',
  7: 'datetime', 12: 'datetime', 10: 'date', 14: 'date',
  15: 'text', 247: 'text', 253: 'text', 254: 'text',
};

export function kindFromTypeCode(code: number | undefined): ColumnKind {
  return code === undefined ? 'other' : TYPE_CODE_KINDS[code] ?? 'other';
}

const NETWORK_ERRORS = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'EAI_AGAIN', 'ECONNRESET', 'PROTOCOL_CONNECTION_LOST']);

/** Maps mysql2 and network errors onto precise connector codes with a next step for the user. */
export function mysqlError(error: unknown, where: string): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const err = error as { code?: string; errno?: number; message?: string };
  const message = err.message ?? String(error);
  if (err.code && NETWORK_ERRORS.has(err.code)) {
    return new ConnectorError('HOST_UNREACHABLE', `Cannot reach the MySQL/MariaDB server (${err.code}).`, 'Check the host name and port, that the server is running, and that no firewall blocks it.');
  }
  switch (err.code) {
    case 'ER_ACCESS_DENIED_ERROR':
    case 'ER_DBACCESS_DENIED_ERROR':
      return new ConnectorError('AUTH_FAILED', `The server rejected the login: ${message}`, 'Check the user name and password, and that the user may access this database.');
    case 'ER_BAD_DB_ERROR':
      return new ConnectorError('DATABASE_NOT_FOUND', `The database does not exist: ${message}`, 'Check the database name.');
    case 'HANDSHAKE_NO_SSL_SUPPORT':
      return new ConnectorError('INVALID_CONFIG', 'The server does not accept SSL connections.', 'Set SSL to "disable" for this source.');
    case 'ER_SECURE_TRANSPORT_REQUIRED':
      return new ConnectorError('SSL_REQUIRED', 'The server only accepts encrypted (SSL) connections.', 'Set SSL to "require" for this source.');
    case 'ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION':
      return new ConnectorError('READ_ONLY_VIOLATION', `This source is read-only: ${message}`, 'Ask a question that reads data instead of changing it.');
  }
  if (/requires? (SSL|secure transport)/i.test(message)) {
    return new ConnectorError('SSL_REQUIRED', 'The server only accepts encrypted (SSL) connections.', 'Set SSL to "require" for this source.');
  }
  return new ConnectorError('QUERY_FAILED', `MySQL ${where} failed: ${message}`);
}
