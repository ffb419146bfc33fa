import type { Dialect } from '../../../shared/types/schema';

/** Facts about each SQL dialect that the guard needs, kept as data. */
export interface DialectFacts {
  /** `database` option of node-sql-parser (DuckDB speaks close enough to PostgreSQL). */
  parserDatabase: 'PostgresQL' | 'MySQL' | 'Sqlite';
  /** Schema an unqualified table resolves to, so `main.t` matches an allowed `t`. */
  defaultSchemas: readonly string[];
  /** Schemas holding catalogs/credentials: never readable unless explicitly allowed. */
  systemSchemas: readonly string[];
  /** Unqualified table-name prefixes that denote system catalogs. */
  systemTablePrefixes: readonly string[];
  /**
   * Whether names are compared case-sensitively (CTE shadowing, allow-list). PostgreSQL is, once
   * unquoted names are folded to lower case as the server does; MySQL on Linux is for tables.
   */
  identifiersCaseSensitive: boolean;
  /** Whether the table allow-list is matched case-sensitively. */
  allowListCaseSensitive: boolean;
  /** Fold code outside literals/quoted names to lower case before parsing (what PostgreSQL does). */
  foldUnquotedIdentifiers: boolean;
  /** Lexer rules. */
  backslashEscapesInStrings: boolean;
  doubleQuoteIsString: boolean;
  nestedBlockComments: boolean;
  hashLineComments: boolean;
  dollarQuotes: boolean;
  bracketIdentifiers: boolean;
  backtickIdentifiers: boolean;
}

export const DIALECT_FACTS: Readonly<Record<Dialect, DialectFacts>> = {
  postgres: {
    parserDatabase: 'PostgresQL',
    identifiersCaseSensitive: true,
    allowListCaseSensitive: true,
    foldUnquotedIdentifiers: true,
    defaultSchemas: ['public'],
    systemSchemas: ['pg_catalog', 'information_schema', 'pg_toast'],
    systemTablePrefixes: ['pg_', 'pg_temp'],
    backslashEscapesInStrings: false,
    doubleQuoteIsString: false,
    nestedBlockComments: true,
    hashLineComments: false,
    dollarQuotes: true,
    bracketIdentifiers: false,
    backtickIdentifiers: false,
  },
  duckdb: {
    parserDatabase: 'PostgresQL',
    identifiersCaseSensitive: false,
    allowListCaseSensitive: false,
    foldUnquotedIdentifiers: false,
    defaultSchemas: ['main'],
    systemSchemas: ['pg_catalog', 'information_schema', 'system', 'temp'],
    systemTablePrefixes: ['duckdb_', 'pg_', 'sqlite_', 'pragma_'],
    backslashEscapesInStrings: false,
    doubleQuoteIsString: false,
    nestedBlockComments: true,
    hashLineComments: false,
    dollarQuotes: true,
    bracketIdentifiers: false,
    backtickIdentifiers: false,
  },
  mysql: {
    parserDatabase: 'MySQL',
    identifiersCaseSensitive: true,
    allowListCaseSensitive: false,
    foldUnquotedIdentifiers: false,
    defaultSchemas: [],
    systemSchemas: ['mysql', 'information_schema', 'performance_schema', 'sys'],
    systemTablePrefixes: [],
    backslashEscapesInStrings: true,
    doubleQuoteIsString: true,
    nestedBlockComments: false,
    hashLineComments: true,
    dollarQuotes: false,
    bracketIdentifiers: false,
    backtickIdentifiers: true,
  },
  sqlite: {
    parserDatabase: 'Sqlite',
    identifiersCaseSensitive: false,
    allowListCaseSensitive: false,
    foldUnquotedIdentifiers: false,
    defaultSchemas: ['main'],
    systemSchemas: ['temp'],
    systemTablePrefixes: ['sqlite_', 'pragma_'],
    backslashEscapesInStrings: false,
    doubleQuoteIsString: false,
    nestedBlockComments: false,
    hashLineComments: false,
    dollarQuotes: false,
    bracketIdentifiers: true,
    backtickIdentifiers: true,
  },
};
