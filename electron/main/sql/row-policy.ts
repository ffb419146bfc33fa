import type { Dialect } from '../../../shared/types/schema';
import { isNode, type AstNode } from './ast';
import { SqlGuardError } from './errors';

export type RowPolicyValue = string | number;

/** Restricts which rows of `table` a person may see, e.g. `{ table: 'orders', column: 'region', op: '=', value: 'EU' }`. */
export interface RowPolicy {
  table: string;
  column: string;
  op: '=' | 'in';
  value: RowPolicyValue | RowPolicyValue[];
}

export function validateRowPolicies(policies: unknown): RowPolicy[] {
  if (policies === undefined || policies === null) return [];
  if (!Array.isArray(policies)) throw invalidPolicy('rowPolicies must be an array');
  return policies.map((policy, index) => {
    if (!isNode(policy)) throw invalidPolicy(`policy #${index + 1} is not an object`);
    const { table, column, op, value } = policy;
    if (typeof table !== 'string' || !/^[A-Za-z_][A-Za-z0-9_$]*$/.test(table)) throw invalidPolicy(`policy #${index + 1} needs a plain table name`);
    if (typeof column !== 'string' || !/^[A-Za-z_][A-Za-z0-9_$ ]*$/.test(column)) throw invalidPolicy(`policy #${index + 1} needs a plain column name`);
    if (op !== '=' && op !== 'in') throw invalidPolicy(`policy #${index + 1} has op ${String(op)}; use '=' or 'in'`);
    const values = Array.isArray(value) ? value : [value];
    if (op === '=' && Array.isArray(value)) throw invalidPolicy(`policy #${index + 1} uses '=' with a list; use 'in'`);
    if (values.length === 0) throw invalidPolicy(`policy #${index + 1} has no values; to deny all rows, remove access to the source instead`);
    for (const v of values) checkPolicyValue(v, index);
    return { table, column, op, value: value as RowPolicy['value'] };
  });
}

function checkPolicyValue(value: unknown, index: number): void {
  if (typeof value === 'number' && Number.isFinite(value)) return;
  if (typeof value === 'string' && !/[\\\p{Cc}]/u.test(value)) return;
  throw invalidPolicy(`policy #${index + 1} has a value that is not a finite number or a plain string (no backslashes or control characters)`);
}

/** Row policies by lower-case table name. */
export function groupPolicies(policies: readonly RowPolicy[]): Map<string, RowPolicy[]> {
  const byTable = new Map<string, RowPolicy[]>();
  for (const policy of policies) {
    const key = policy.table.toLowerCase();
    byTable.set(key, [...(byTable.get(key) ?? []), policy]);
  }
  return byTable;
}

/** `col = v AND col2 IN (…)` for the policies, built from a template column reference of the dialect. */
export function policyPredicate(policies: readonly RowPolicy[], columnTemplate: AstNode, dialect: Dialect): AstNode {
  return policies
    .map((policy) => predicate(policy, columnTemplate, dialect))
    .reduce((left, right) => ({ type: 'binary_expr', operator: 'AND', left, right }));
}

function predicate(policy: RowPolicy, columnTemplate: AstNode, dialect: Dialect): AstNode {
  const column = withColumnName(columnTemplate, policy.column, dialect);
  if (policy.op === '=') return { type: 'binary_expr', operator: '=', left: column, right: literal(policy.value as RowPolicyValue) };
  const values = (Array.isArray(policy.value) ? policy.value : [policy.value]).map(literal);
  return { type: 'binary_expr', operator: 'IN', left: column, right: { type: 'expr_list', value: values } };
}

/** A copy of the template column reference naming `name` (the shape differs by dialect). */
function withColumnName(template: AstNode, name: string, dialect: Dialect): AstNode {
  const copy = structuredClone(template);
  if (typeof copy.column === 'string') copy.column = name;
  else copy.column = { expr: { type: dialect === 'mysql' ? 'backticks_quote_string' : 'double_quote_string', value: name } };
  return copy;
}

/** The renderer prints string values verbatim between quotes, so quotes are doubled here. */
function literal(value: RowPolicyValue): AstNode {
  if (typeof value === 'number') return { type: 'number', value };
  return { type: 'single_quote_string', value: value.replace(/'/g, "''") };
}

function invalidPolicy(detail: string): SqlGuardError {
  return new SqlGuardError('SQL_INVALID_OPTIONS', `Invalid row policy: ${detail}. Fix the role's row policy settings.`);
}
