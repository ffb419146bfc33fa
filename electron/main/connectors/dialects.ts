import type { Dialect } from '../../../shared/types/schema';

/** Facts about each SQL dialect that connectors and introspection need, kept as data. */
export interface DialectFacts {
  /** Character that opens and closes a quoted identifier. */
  identifierQuote: '"' | '`';
  /** Whether the session itself can be made read-only (not just the guard). */
  readOnlySession: 'transaction' | 'connection' | 'statement-type-check';
}

export const DIALECT_FACTS = {
  postgres: { identifierQuote: '"', readOnlySession: 'transaction' },
  mysql: { identifierQuote: '`', readOnlySession: 'transaction' },
  sqlite: { identifierQuote: '"', readOnlySession: 'connection' },
  duckdb: { identifierQuote: '"', readOnlySession: 'transaction' },
} as const satisfies Record<Dialect, DialectFacts>;

/** MySQL-family servers name their per-statement time limit differently. */
export const MYSQL_FLAVOURS = {
  mysql: { timeoutVariable: 'max_execution_time', timeoutUnitMs: 1, fileExportWhenSecureFilePrivNull: 'disabled' },
  mariadb: { timeoutVariable: 'max_statement_time', timeoutUnitMs: 1000, fileExportWhenSecureFilePrivNull: 'unrestricted' },
} as const;
export type MysqlFlavour = keyof typeof MYSQL_FLAVOURS;

export function quoteIdentifier(dialect: Dialect, name: string): string {
  const q = DIALECT_FACTS[dialect].identifierQuote;
  return q + name.split(q).join(q + q) + q;
}

/** `schema.table` (or just `table`) quoted for the dialect. */
export function qualifiedName(dialect: Dialect, table: string, schema?: string): string {
  const quotedTable = quoteIdentifier(dialect, table);
  return schema ? `${quoteIdentifier(dialect, schema)}.${quotedTable}` : quotedTable;
}
