import type pg from 'pg';
import { pgDriver } from './driver';
import { ConnectorError } from '../types';
import { postgresTypes } from './value-types';

export interface PostgresSourceConfig {
  url?: string; host?: string; port?: number; database?: string; user?: string; password?: string;
  ssl?: 'disable' | 'require' | 'verify-full'; schema?: string;
}

/** Connections per source: enough for a dashboard's parallel tiles, small enough to be a good neighbour. */
const POOL_LIMITS = { max: 4, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 10_000 };

function sslOption(mode: PostgresSourceConfig['ssl']): pg.ClientConfig['ssl'] {
  if (mode === 'require') return { rejectUnauthorized: false };
  if (mode === 'verify-full') return { rejectUnauthorized: true };
  return undefined;
}

export function postgresClientConfig(config: PostgresSourceConfig): pg.ClientConfig {
  const explicit: pg.ClientConfig = {
    host: config.host, port: config.port, database: config.database, user: config.user, password: config.password,
  };
  const base: pg.ClientConfig = config.url ? { connectionString: config.url, ...withoutUndefined(explicit) } : explicit;
  const ssl = sslOption(config.ssl);
  return { ...base, ...(ssl ? { ssl } : config.ssl === 'disable' ? { ssl: false } : {}), types: postgresTypes, application_name: 'aiser-desktop' };
}

export function createPostgresPool(config: PostgresSourceConfig): pg.Pool {
  const pool = new (pgDriver().Pool)({ ...postgresClientConfig(config), ...POOL_LIMITS });
  // An idle client losing its server must not crash the main process; the next query reconnects.
  pool.on('error', () => undefined);
  return pool;
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, inner]) => inner !== undefined)) as Partial<T>;
}

const NETWORK_ERRORS = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'EAI_AGAIN', 'ECONNRESET']);

/** Maps `pg` and network errors onto precise connector codes with a next step for the user. */
export function postgresError(error: unknown, where: string): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const err = error as { code?: string; message?: string };
  const message = err.message ?? String(error);
  if (err.code && NETWORK_ERRORS.has(err.code) || /timeout expired|Connection terminated due to connection timeout/i.test(message)) {
    return new ConnectorError('HOST_UNREACHABLE', `Cannot reach the PostgreSQL server (${err.code ?? message}).`, 'Check the host name and port, that the server is running, and that no firewall blocks it.');
  }
  if (/does not support SSL/i.test(message)) {
    return new ConnectorError('INVALID_CONFIG', 'The server does not accept SSL connections.', 'Set SSL to "disable" for this source.');
  }
  if (/no pg_hba\.conf entry.*no encryption|SSL (connection )?(is )?required|SSL off/i.test(message)) {
    return new ConnectorError('SSL_REQUIRED', 'The server only accepts encrypted (SSL) connections.', 'Set SSL to "require" (or "verify-full") for this source.');
  }
  switch (err.code) {
    case '28P01':
    case '28000':
      return new ConnectorError('AUTH_FAILED', `PostgreSQL rejected the login: ${message}`, 'Check the user name and password.');
    case '3D000':
      return new ConnectorError('DATABASE_NOT_FOUND', `The database does not exist: ${message}`, 'Check the database name (it is case-sensitive).');
    case '25006':
      return new ConnectorError('READ_ONLY_VIOLATION', `This source is read-only: ${message}`, 'Ask a question that reads data instead of changing it.');
    case '57014':
      return new ConnectorError('CANCELLED', 'The query was cancelled by the server.');
  }
  return new ConnectorError('QUERY_FAILED', `PostgreSQL ${where} failed: ${message}`);
}
