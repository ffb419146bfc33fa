import type { Dialect } from '../../../shared/types/schema';
import type { AstNode } from './ast';
import { maskedColumnSql, type ColumnMasking, type KeyLiterals, type SourceColumn } from './column-masks';
import { SqlGuardError } from './errors';
import { parseTemplate } from './parse';
import { groupPolicies, policyPredicate, type RowPolicy } from './row-policy';
import { tableNameOf } from './table-rules';
import { walkStatement } from './walker';

export interface SourceRewrites {
  rowPolicies: readonly RowPolicy[];
  /** Protected columns for this caller; null when they may see personal data. */
  masking: ColumnMasking | null;
  /** SQL literals standing for the masking key while the statement is checked and rendered. */
  keys: KeyLiterals;
}

/**
 * Rewrites every FROM reference to a restricted or protected table — in CTEs, subqueries, set
 * operations, LATERAL and joins of any kind — into
 * `(SELECT <every column, protected ones masked> FROM table WHERE <row policies>) AS <same alias>`.
 * The rest of the statement only ever sees that projection: filters, joins, functions, window
 * frames, whole-row references (`SELECT c FROM customers c`) and casts that fail read masked
 * values, and filtering before any join keeps outer joins correct.
 */
export function rewriteTableSources(root: AstNode, rewrites: SourceRewrites, dialect: Dialect): void {
  const policiesByTable = groupPolicies(rewrites.rowPolicies);
  const masked = rewrites.masking?.tables ?? new Map<string, readonly SourceColumn[]>();
  if (policiesByTable.size === 0 && masked.size === 0) return;
  const projections = new Map<string, string>();
  walkStatement(root, dialect, {
    table: ({ ref }) => {
      const key = tableNameOf(ref).name.toLowerCase();
      const policies = policiesByTable.get(key) ?? [];
      const columns = masked.get(key)?.some((c) => c.mask) ? masked.get(key)! : null;
      if (policies.length === 0 && !columns) return;
      if (columns && !projections.has(key)) projections.set(key, projectionSql(columns, dialect, rewrites.keys));
      replaceReference(ref, policies, columns ? projections.get(key)! : '*', dialect);
    },
  });
}

function replaceReference(ref: AstNode, policies: readonly RowPolicy[], projection: string, dialect: Dialect): void {
  const alias = typeof ref.as === 'string' && ref.as ? ref.as : String(ref.table);
  const template = parseTemplate(`SELECT * FROM (SELECT ${projection} FROM source_table WHERE policy_column = 0) AS source_alias`, dialect);
  const derived = (template.from as AstNode[])[0];
  const inner = (derived.expr as AstNode).ast as AstNode;
  const columnTemplate = (inner.where as AstNode).left as AstNode;
  inner.from = [{ db: ref.db ?? null, ...(ref.schema ? { schema: ref.schema } : {}), table: ref.table, as: null }];
  inner.where = policies.length ? policyPredicate(policies, columnTemplate, dialect) : null;
  for (const key of ['db', 'schema', 'table']) delete ref[key];
  ref.expr = derived.expr;
  ref.as = alias;
}

function projectionSql(columns: readonly SourceColumn[], dialect: Dialect, keys: KeyLiterals): string {
  return columns.map(({ name, mask }) => {
    const quoted = quoteName(name, dialect);
    return mask ? `${maskedColumnSql(dialect, quoted, mask, keys)} AS ${quoted}` : quoted;
  }).join(', ');
}

function quoteName(name: string, dialect: Dialect): string {
  // The parser re-renders names verbatim, so a quote inside one could end it early.
  if (!name || /["'`[\]\\\p{Cc}]/u.test(name)) {
    throw new SqlGuardError('SQL_RENDER_FAILED', `The column name "${name.slice(0, 40)}" cannot be masked safely (it contains quotes or control characters). Ask an administrator to rename it or grant PII access.`);
  }
  return dialect === 'mysql' ? `\`${name}\`` : `"${name}"`;
}
