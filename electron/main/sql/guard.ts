import { randomBytes } from 'node:crypto';
import { DIALECTS, type Dialect } from '../../../shared/types/schema';
import type { ColumnMasking, KeyLiterals, MaskKey } from './column-masks';
import { protectedColumnUses } from './protected-uses';
import { checkCost } from './cost-rules';
import { SqlGuardError } from './errors';
import { applyRowLimit } from './limit';
import { parseSelectSteps, parseSingleSelect, renderSelectSteps } from './parse';
import { runBlocking, runNonBlocking, type ParserSteps } from './parser-steps';
import { validateRowPolicies, type RowPolicy } from './row-policy';
import { rewriteTableSources } from './source-rewrite';
import { normaliseAllowedTables } from './table-rules';
import { prepareSqlText } from './text-checks';
import { validateSelect, type Lineage } from './validate';

export { SqlGuardError, isSqlGuardError, type SqlGuardErrorCode } from './errors';
export type { RowPolicy, RowPolicyValue } from './row-policy';
export type { Lineage } from './validate';
export type { ColumnMasking, MaskKey, MaskStyle, SourceColumn } from './column-masks';
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
  /** Protected columns masked at the source (for callers without PII access). */
  masking?: ColumnMasking | null;
}

export interface GuardedSql extends Lineage {
  /** The statement to execute: re-rendered from the checked AST, with LIMIT, row policies and
   *  masking projections (holding the masking key: never show, log or store it). */
  sql: string;
  /** The statement as shown to the caller and hashed for lineage: LIMIT and row policies only. */
  shownSql: string;
  /** With masking: protected columns the statement filters, joins or computes on (an attempt to
   *  learn their values, which see masked values only). */
  protectedUses?: string[];
}

/**
 * Fail-closed gate for every SQL statement sent to a data source: accepts exactly one
 * read-only SELECT (or WITH … SELECT) that reads only allowed tables and calls no dangerous
 * function, and returns SQL rebuilt from the checked AST. Throws SqlGuardError otherwise.
 * Blocks while the parser worker parses: the request path uses guardSqlAsync.
 */
export function guardSql(sql: string, options: GuardOptions): GuardedSql {
  return runBlocking(guardSteps(sql, options, keyPlaceholders()));
}

/** guardSql without blocking the event loop while the parser worker parses and renders. */
export function guardSqlAsync(sql: string, options: GuardOptions): Promise<GuardedSql> {
  const keys = keyPlaceholders();
  return runNonBlocking(() => guardSteps(sql, options, keys));
}

function* guardSteps(sql: string, options: GuardOptions, keys: KeyLiterals): ParserSteps<GuardedSql> {
  const { dialect, rowLimit } = checkOptions(options);
  const policies = validateRowPolicies(options.rowPolicies);
  const prepared = prepareSqlText(sql, dialect);
  const ast = yield* parseSelectSteps(prepared, dialect);
  const lineage = validateSelect(ast, dialect, normaliseAllowedTables(options.allowedTables));
  checkCost(ast, dialect);
  const masking = options.masking?.tables.size ? checkMaskKey(options.masking) : null;
  const shownAst = masking ? structuredClone(ast) : ast;
  rewriteTableSources(shownAst, { rowPolicies: policies, masking: null, keys }, dialect);
  const shownSql = yield* renderSelectSteps(applyRowLimit(shownAst, rowLimit, dialect), dialect);
  if (!masking) return { sql: shownSql, shownSql, ...lineage };
  const protectedUses = protectedColumnUses(ast, lineage.tables, masking);
  rewriteTableSources(ast, { rowPolicies: policies, masking, keys }, dialect);
  const rendered = yield* renderSelectSteps(applyRowLimit(ast, rowLimit, dialect), dialect);
  return { sql: rendered.split(keys.outer).join(`'${masking.key.outer}'`).split(keys.inner).join(`'${masking.key.inner}'`), shownSql, protectedUses, ...lineage };
}

/** Literals that cannot occur in user SQL (random per call), replaced by the key only after the
 *  rendered text has been checked, so the key is never part of what is parsed or shown. */
function keyPlaceholders(): KeyLiterals {
  const nonce = randomBytes(12).toString('hex');
  return { outer: `'mask_key_outer_${nonce}'`, inner: `'mask_key_inner_${nonce}'` };
}

function checkMaskKey(masking: ColumnMasking): ColumnMasking {
  const hex = (value: unknown) => typeof value === 'string' && /^[0-9a-f]{32,128}$/.test(value);
  const key: Partial<MaskKey> = masking.key ?? {};
  if (!hex(key.outer) || !hex(key.inner)) throw invalidOptions('masking.key must hold two hex strings (32–128 digits)');
  return masking;
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
