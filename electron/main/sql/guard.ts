import { DIALECTS, type Dialect } from '../../../shared/types/schema';
import { SqlGuardError } from './errors';
import { applyRowLimit } from './limit';
import { parseSingleSelect, renderSelect } from './parse';
import { applyRowPolicies, validateRowPolicies, type RowPolicy } from './row-policy';
import { normaliseAllowedTables } from './table-rules';
import { prepareSqlText } from './text-checks';
import { validateSelect, type Lineage } from './validate';

export { SqlGuardError, isSqlGuardError, type SqlGuardErrorCode } from './errors';
export type { RowPolicy, RowPolicyValue } from './row-policy';
export type { Lineage } from './validate';
export { sqlHash } from './hash';
export { prewarmSqlParser } from './parser-sandbox';

export const MAX_ROW_LIMIT = 10_000_000;

export interface GuardOptions {
  dialect: Dialect;
  /** Maximum rows the statement may return; injected as (or clamps) LIMIT. */
  rowLimit: number;
  /** Tables the caller may read (case-insensitive, `table` or `schema.table`); null/undefined = any non-system table. */
  allowedTables?: ReadonlySet<string> | null;
  /** Row restrictions applied by rewriting every reference to the table. */
  rowPolicies?: RowPolicy[];
}

export interface GuardedSql extends Lineage {
  /** The statement to execute: re-rendered from the checked AST, with LIMIT and row policies. */
  sql: string;
}

/**
 * Fail-closed gate for every SQL statement sent to a data source: accepts exactly one
 * read-only SELECT (or WITH … SELECT) that reads only allowed tables and calls no dangerous
 * function, and returns SQL rebuilt from the checked AST. Throws SqlGuardError otherwise.
 */
export function guardSql(sql: string, options: GuardOptions): GuardedSql {
  const { dialect, rowLimit } = checkOptions(options);
  const policies = validateRowPolicies(options.rowPolicies);
  const prepared = prepareSqlText(sql, dialect);
  const ast = parseSingleSelect(prepared, dialect);
  const lineage = validateSelect(ast, dialect, normaliseAllowedTables(options.allowedTables));
  applyRowPolicies(ast, policies, dialect);
  const limited = applyRowLimit(ast, rowLimit, dialect);
  return { sql: renderSelect(limited, dialect), ...lineage };
}

/** Tables and columns a statement reads, after the same checks as guardSql (no rewriting). */
export function extractLineage(sql: string, dialect: Dialect, allowedTables?: ReadonlySet<string> | null): Lineage {
  checkDialect(dialect);
  const ast = parseSingleSelect(prepareSqlText(sql, dialect), dialect);
  return validateSelect(ast, dialect, normaliseAllowedTables(allowedTables));
}

function checkOptions(options: GuardOptions): GuardOptions {
  if (!options || typeof options !== 'object') throw invalidOptions('options are required ({ dialect, rowLimit })');
  checkDialect(options.dialect);
  const { rowLimit } = options;
  if (!Number.isSafeInteger(rowLimit) || rowLimit < 1 || rowLimit > MAX_ROW_LIMIT) {
    throw invalidOptions(`rowLimit must be a whole number between 1 and ${MAX_ROW_LIMIT}`);
  }
  return options;
}

function checkDialect(dialect: unknown): asserts dialect is Dialect {
  if (!(DIALECTS as readonly unknown[]).includes(dialect)) throw invalidOptions(`unknown dialect ${String(dialect)}; use one of ${DIALECTS.join(', ')}`);
}

function invalidOptions(detail: string): SqlGuardError {
  return new SqlGuardError('SQL_INVALID_OPTIONS', `Invalid SQL guard options: ${detail}.`);
}
