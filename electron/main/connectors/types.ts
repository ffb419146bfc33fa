import type { Dialect, SchemaInfo } from '../../../shared/types/schema';

/** How a data source is reached. Secrets (passwords, tokens, header values) are plain here:
 *  this object only ever lives in main-process memory; at rest it is encrypted by the store. */
export type SourceConfig =
  | { type: 'postgres'; url?: string; host?: string; port?: number; database?: string; user?: string; password?: string; ssl?: 'disable' | 'require' | 'verify-full'; schema?: string }
  | { type: 'mysql'; url?: string; host?: string; port?: number; database?: string; user?: string; password?: string; ssl?: 'disable' | 'require' }
  | { type: 'sqlite'; path: string }
  /** One file, or a folder whose files each become a table (csv, tsv, parquet, json, ndjson, xlsx). */
  | { type: 'files'; path: string }
  | { type: 'rest'; url: string; headers?: Record<string, string>; recordsPath?: string; pageParam?: string; pageSize?: number; maxPages?: number;
      /** Name of the table the records are exposed as (default `records`). */
      tableName?: string };

export type ConnectorType = SourceConfig['type'];

export interface ResultColumn {
  name: string;
  /** 'number' | 'text' | 'date' | 'datetime' | 'boolean' | 'other' (see ColumnKind). */
  kind: import('../../../shared/types/schema').ColumnKind;
}

/** Values are JSON-safe: numbers stay numbers, dates are ISO strings, bigints beyond 2^53 are strings. */
export type CellValue = string | number | boolean | null;

export interface ResultPage {
  columns: ResultColumn[];
  rows: CellValue[][];
  /** Index of this page's first row in the whole result. */
  offset: number;
  /** True on the last page. */
  done: boolean;
}

export interface QueryOptions {
  /** Rows per page (default 500). */
  pageSize?: number;
  /** Hard cap on rows returned (the guard injects LIMIT too). */
  maxRows?: number;
  /** Statement timeout in milliseconds (default 30 000). */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** PostgreSQL: planner estimates above which the statement is refused before it runs. */
  planLimits?: { maxTotalCost: number; maxStepRows: number };
}

export interface Connector {
  readonly type: ConnectorType;
  readonly dialect: Dialect;
  /** Opens a connection and checks it works; throws ConnectorError with a precise code. */
  test(): Promise<void>;
  introspect(options?: { signal?: AbortSignal; distinctValueCap?: number }): Promise<SchemaInfo>;
  /** Runs one already-guarded read-only statement, yielding pages as they arrive. */
  query(sql: string, options?: QueryOptions): AsyncIterable<ResultPage>;
  /** Risks a read-only session cannot cover, e.g. a database user allowed to write server
   *  files (`COPY … TO`, `INTO OUTFILE`). Plain sentences for the user; empty when none. */
  securityWarnings?(): Promise<string[]>;
  /** File-backed sources: a fingerprint of the data a query reads (each file's size and
   *  modification time); results are reused while it is unchanged. Null: cannot tell. */
  dataVersion?(): Promise<string | null>;
  close(): Promise<void>;
}

export type ConnectorErrorCode =
  | 'UNKNOWN_SOURCE_TYPE' | 'INVALID_CONFIG' | 'HOST_UNREACHABLE' | 'AUTH_FAILED' | 'DATABASE_NOT_FOUND'
  | 'SSL_REQUIRED' | 'FILE_NOT_FOUND' | 'TIMEOUT' | 'CANCELLED' | 'QUERY_FAILED' | 'READ_ONLY_VIOLATION' | 'TOO_EXPENSIVE';

export class ConnectorError extends Error {
  constructor(public readonly code: ConnectorErrorCode, message: string, public readonly hint?: string) {
    super(message);
    this.name = 'ConnectorError';
  }
}
