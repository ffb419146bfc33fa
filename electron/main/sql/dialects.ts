import type { Dialect } from '../../../shared/types/schema';

/** Facts about each SQL dialect that the guard needs, kept as data. */
export interface DialectFacts {
  /** `database` option of node-sql-parser (DuckDB speaks close enough to PostgreSQL). */
  parserDatabase: 'PostgresQL' | 'MySQL' | 'Sqlite';
  /** Schema an unqualified table resolves to, so `main.t` matches an allowed `t`. */
  defaultSchemas: readonly string[];
  /** Schemas holding catalogs/credentials: never readable unless explicitly allowed. */
  systemSchemas: readonly string[];
  /** Whether `x.table` may name an ATTACHed database `x` (SQLite, DuckDB) rather than a schema. */
  qualifierMayNameAttachedDatabase: boolean;
  /** Unqualified table-name prefixes that denote system catalogs. */
  systemTablePrefixes: readonly string[];
  /**
   * Whether a table reference matches a CTE name case-sensitively. PostgreSQL's does once
   * unquoted names are folded to lower case as the server does; MySQL's do on Linux.
   */
  identifiersCaseSensitive: boolean;
  /** Fold code outside literals/quoted names to lower case before parsing (what PostgreSQL does). */
  foldUnquotedIdentifiers: boolean;
  /** Lexer rules. */
  backslashEscapesInStrings: boolean;
  doubleQuoteIsString: boolean;
  nestedBlockComments: boolean;
  hashLineComments: boolean;
  /** MySQL: `--` starts a comment only when followed by whitespace or a control character. */
  dashCommentNeedsSpace: boolean;
  dollarQuotes: boolean;
  bracketIdentifiers: boolean;
  backtickIdentifiers: boolean;
}

export const DIALECT_FACTS: Readonly<Record<Dialect, DialectFacts>> = {
  postgres: {
    parserDatabase: 'PostgresQL',
    identifiersCaseSensitive: true,
    foldUnquotedIdentifiers: true,
    defaultSchemas: ['public'],
    systemSchemas: ['pg_catalog', 'information_schema', 'pg_toast'],
    qualifierMayNameAttachedDatabase: false,
    systemTablePrefixes: ['pg_', 'pg_temp'],
    backslashEscapesInStrings: false,
    doubleQuoteIsString: false,
    nestedBlockComments: true,
    hashLineComments: false,
    dashCommentNeedsSpace: false,
    dollarQuotes: true,
    bracketIdentifiers: false,
    backtickIdentifiers: false,
  },
  duckdb: {
    parserDatabase: 'PostgresQL',
    identifiersCaseSensitive: false,
    foldUnquotedIdentifiers: false,
    defaultSchemas: ['main'],
    systemSchemas: ['pg_catalog', 'information_schema', 'system', 'temp'],
    qualifierMayNameAttachedDatabase: true,
    systemTablePrefixes: ['duckdb_', 'pg_', 'sqlite_', 'pragma_'],
    backslashEscapesInStrings: false,
    doubleQuoteIsString: false,
    nestedBlockComments: true,
    hashLineComments: false,
    dashCommentNeedsSpace: false,
    dollarQuotes: true,
    bracketIdentifiers: false,
    backtickIdentifiers: false,
  },
  mysql: {
    parserDatabase: 'MySQL',
    identifiersCaseSensitive: true,
    foldUnquotedIdentifiers: false,
    defaultSchemas: [],
    systemSchemas: ['mysql', 'information_schema', 'performance_schema', 'sys'],
    qualifierMayNameAttachedDatabase: false,
    systemTablePrefixes: [],
    backslashEscapesInStrings: true,
    doubleQuoteIsString: true,
    nestedBlockComments: false,
    hashLineComments: true,
    dashCommentNeedsSpace: true,
    dollarQuotes: false,
    bracketIdentifiers: false,
    backtickIdentifiers: true,
  },
  sqlite: {
    parserDatabase: 'Sqlite',
    identifiersCaseSensitive: false,
    foldUnquotedIdentifiers: false,
    defaultSchemas: ['main'],
    systemSchemas: ['temp'],
    qualifierMayNameAttachedDatabase: true,
    systemTablePrefixes: ['sqlite_', 'pragma_'],
    backslashEscapesInStrings: false,
    doubleQuoteIsString: false,
    nestedBlockComments: false,
    hashLineComments: false,
    dashCommentNeedsSpace: false,
    dollarQuotes: false,
    bracketIdentifiers: true,
    backtickIdentifiers: true,
  },
};

/**
 * Comparison key for names: exact when case-sensitive, otherwise ASCII-only lower-casing
 * (SQLite folds only ASCII; folding less than a server does can only make the guard stricter).
 */
export function nameKey(caseSensitive: boolean): (name: string) => string {
  return caseSensitive ? (name) => name : (name) => name.replace(/[A-Z]/g, (c) => c.toLowerCase());
}
