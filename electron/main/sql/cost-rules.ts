import type { Dialect } from '../../../shared/types/schema';
import { functionNameParts, identifierText, isNode, isSelect, type AstNode } from './ast';
import { SqlGuardError } from './errors';
import { walkStatement } from './walker';

/** Rows generated functions may produce in one FROM clause (a cross join multiplies them). */
export const MAX_GENERATED_ROWS = 10_000_000;
/** Characters one padding/repeat call may build (a few of these exhaust a server's memory). */
export const MAX_BUILT_STRING = 1_000_000;

const SERIES_FUNCTIONS = new Set(['generate_series', 'range']);
const STRING_BUILDERS: Readonly<Record<string, number>> = { repeat: 1, lpad: 1, rpad: 1, space: 0 };

/**
 * Structural cost rules, applied before a statement reaches the database: series generators
 * whose literal bounds (alone or cross-joined) produce more than MAX_GENERATED_ROWS rows,
 * strings built to more than MAX_BUILT_STRING characters, and recursive WITH queries whose
 * recursive part has no stopping condition. These exhaust memory or never end; the statement
 * timeout stops what structure cannot tell (e.g. a cross join of large tables).
 */
export function checkCost(root: AstNode, dialect: Dialect): void {
  walkStatement(root, dialect, {
    select: (select) => {
      checkGeneratedRows(select);
      checkRecursion(select);
    },
    node: (node) => {
      if (node.type !== 'function') return;
      const name = (functionNameParts(node).at(-1) ?? '').toLowerCase();
      const args = isNode(node.args) && Array.isArray(node.args.value) ? (node.args.value as unknown[]) : [];
      if (SERIES_FUNCTIONS.has(name)) {
        const rows = seriesRows(args);
        if (rows !== null && rows > MAX_GENERATED_ROWS) throw tooExpensive(`${name}() would generate about ${format(rows)} rows`);
      }
      const lengthArg = STRING_BUILDERS[name];
      if (lengthArg !== undefined) {
        const length = constantNumber(args[lengthArg]);
        if (length !== null && length > MAX_BUILT_STRING) throw tooExpensive(`${name}() would build a string of ${format(length)} characters`);
      }
    },
  });
}

function checkGeneratedRows(select: AstNode): void {
  if (!Array.isArray(select.from)) return;
  let product = 1;
  for (const item of select.from) {
    const expr = isNode(item) ? item.expr : null;
    if (!isNode(expr) || expr.type !== 'function') continue;
    const name = (functionNameParts(expr).at(-1) ?? '').toLowerCase();
    if (!SERIES_FUNCTIONS.has(name)) continue;
    const rows = seriesRows(isNode(expr.args) && Array.isArray(expr.args.value) ? (expr.args.value as unknown[]) : []);
    if (rows !== null) product *= Math.max(rows, 1);
  }
  if (product > MAX_GENERATED_ROWS) throw tooExpensive(`the generated series in one FROM clause multiply to about ${format(product)} rows`);
}

function checkRecursion(select: AstNode): void {
  if (!Array.isArray(select.with)) return;
  for (const cte of select.with) {
    if (!isNode(cte) || cte.recursive !== true || !isNode(cte.stmt)) continue;
    const name = identifierText(cte.name)?.toLowerCase();
    const body = isSelect(cte.stmt.ast) ? cte.stmt.ast : cte.stmt;
    for (let branch = isSelect(body) ? body._next : null; isSelect(branch); branch = branch._next) {
      if (name && readsTable(branch, name) && !branch.where && !hasLimit(branch)) {
        throw tooExpensive(`the recursive part of WITH RECURSIVE ${name} has no stopping condition, so it never ends`, 'Add a WHERE condition that bounds it (e.g. WHERE n < 100) to the recursive part.');
      }
    }
  }
}

function hasLimit(select: AstNode): boolean {
  return isNode(select.limit) && Array.isArray(select.limit.value) && select.limit.value.length > 0;
}

function readsTable(select: AstNode, name: string): boolean {
  return Array.isArray(select.from) && select.from.some((item) => isNode(item) && typeof item.table === 'string' && item.table.toLowerCase() === name);
}

/** Rows of generate_series/range with constant numeric bounds; null when not constant. */
function seriesRows(args: unknown[]): number | null {
  const [first, second, third] = args.map(constantNumber);
  if (args.length === 1 && first !== null) return Math.abs(first); // DuckDB range(n)
  if (first === null || second === null) return null;
  const step = args.length >= 3 ? third : 1;
  if (step === null) return null;
  if (step === 0) return Number.POSITIVE_INFINITY;
  return Math.max(0, Math.floor((second - first) / step) + 1);
}

/** The value of a constant arithmetic expression of number literals, or null. */
function constantNumber(node: unknown): number | null {
  if (!isNode(node)) return null;
  if (node.type === 'number' && typeof node.value === 'number') return node.value;
  if (node.type === 'unary_expr' && node.operator === '-') {
    const inner = constantNumber(node.expr);
    return inner === null ? null : -inner;
  }
  if (node.type === 'binary_expr') {
    const [left, right] = [constantNumber(node.left), constantNumber(node.right)];
    if (left === null || right === null) return null;
    switch (node.operator) {
      case '+': return left + right;
      case '-': return left - right;
      case '*': return left * right;
      case '/': return right === 0 ? null : left / right;
      default: return null;
    }
  }
  return null;
}

const format = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'unbounded');

function tooExpensive(what: string, hint = 'Narrow the range or filter the data first.'): SqlGuardError {
  return new SqlGuardError('SQL_TOO_EXPENSIVE', `This query is refused before it runs: ${what}, which would exhaust the database's memory or time. ${hint}`);
}
