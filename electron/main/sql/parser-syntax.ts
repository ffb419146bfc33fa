import type { Dialect } from '../../../shared/types/schema';
import { functionNameParts, identifierText, isNode, type AstNode } from './ast';
import { SqlGuardError } from './errors';

/**
 * Standard analytic syntax the dialect's grammar in node-sql-parser cannot read although the
 * server runs it: `GROUPING SETS`, PostgreSQL/DuckDB `percent_rank()`/`cume_dist()`,
 * `IS [NOT] DISTINCT FROM`, MySQL's `<=>` and SQLite's aggregate `FILTER (WHERE …)`. Before
 * parsing, each is written as a marker the grammar reads (a call named `aiser_syntax_…` or
 * an `IS` comparison); after parsing the markers become the real construct in the AST, so the
 * checks see — and the server runs — the statement as written. The renderer writes the real
 * syntax, which the render check marks again to re-parse it.
 */
const MARK = 'aiser_syntax_';

type Rewrite = [RegExp, string];

const DISTINCT_FROM_AS_IS: Rewrite[] = [
  [/\bis\s+not\s+distinct\s+from\b/gi, 'IS'],
  [/\bis\s+distinct\s+from\b/gi, 'IS NOT'],
];

const POSTGRES_LIKE: Rewrite[] = [
  ...DISTINCT_FROM_AS_IS,
  [/\bgrouping\s+sets\s*\(/gi, `${MARK}grouping_sets(`],
  [/([(,]\s*)\(\s*\)/g, `$1${MARK}empty_set()`],
  // The grammar reads OVER only after named window functions: the call rides on first_value().
  [/(^|[^A-Za-z0-9_$.])(percent_rank|cume_dist)\s*\(\s*\)/gi, `$1first_value(${MARK}$2())`],
];

const REWRITES: Readonly<Record<Dialect, readonly Rewrite[]>> = {
  postgres: POSTGRES_LIKE,
  duckdb: POSTGRES_LIKE,
  // `a IS b` is SQLite's own null-safe comparison: the same meaning, no marker to restore.
  sqlite: [...DISTINCT_FROM_AS_IS, [/\bfilter\s*\(\s*where\b/gi, `|| ${MARK}filter(`]],
  // TRUE is 1 in MySQL; `a IS TRUE` would mean something else, so the literal is spelled out.
  mysql: [[/<=>\s*true\b/gi, ' IS 1'], [/<=>\s*false\b/gi, ' IS 0'], [/<=>/g, ' IS ']],
};

/** Code text (no literals or comments) with the dialect's unreadable syntax marked. */
export function markSyntaxForParser(code: string, dialect: Dialect): string {
  let text = code;
  for (const [pattern, replacement] of REWRITES[dialect]) text = text.replace(pattern, replacement);
  return text;
}

/** Names `IS` may be followed by natively (`IS UNKNOWN`, `IS NORMALIZED`…), read as columns by the grammar. */
const IS_KEYWORDS = new Set(['unknown', 'document', 'normalized', 'nfc', 'nfd', 'nfkc', 'nfkd', 'json']);
const NULL_SAFE_OPERATORS: Readonly<Record<Dialect, Readonly<Record<string, string>> | null>> = {
  postgres: { IS: 'IS NOT DISTINCT FROM', 'IS NOT': 'IS DISTINCT FROM' },
  duckdb: { IS: 'IS NOT DISTINCT FROM', 'IS NOT': 'IS DISTINCT FROM' },
  mysql: { IS: '<=>' },
  sqlite: null,
};
const LOGICAL_OPERATORS = new Set(['AND', 'OR', 'XOR']);

/** Turns the markers of `markSyntaxForParser` back into the real constructs, in place. */
export function restoreSyntax(root: unknown, dialect: Dialect): void {
  const visit = (value: unknown, parent: AstNode | null): void => {
    if (Array.isArray(value)) {
      value.forEach((v) => visit(v, parent));
      return;
    }
    if (!isNode(value)) return;
    restoreNode(value, parent, dialect);
    for (const child of Object.values(value)) visit(child, value);
  };
  visit(root, null);
}

function restoreNode(node: AstNode, parent: AstNode | null, dialect: Dialect): void {
  if (node.type === 'function') {
    const name = markerName(node);
    if (name === 'grouping_sets') setFunctionName(node, 'GROUPING SETS');
    else if (name === 'empty_set' && argCount(node) === 0) setFunctionName(node, '');
    return;
  }
  if (node.type === 'window_func') {
    const args = isNode(node.args) && Array.isArray(node.args.value) ? node.args.value : [];
    const only = args.length === 1 && isNode(args[0]) && args[0].type === 'function' ? args[0] : null;
    const name = only ? markerName(only) : null;
    if (only && (name === 'percent_rank' || name === 'cume_dist') && argCount(only) === 0) {
      node.name = name;
      node.args = null;
    }
    return;
  }
  if (node.type !== 'binary_expr') return;
  if (node.operator === '||' && isNode(node.right) && node.right.type === 'function' && markerName(node.right) === 'filter') {
    attachFilter(node);
    return;
  }
  const nullSafe = NULL_SAFE_OPERATORS[dialect]?.[String(node.operator)];
  if (nullSafe && !isNativeIsOperand(node.right)) {
    if (!node.parentheses && isNode(parent) && (parent.type === 'binary_expr' && !LOGICAL_OPERATORS.has(String(parent.operator)))) {
      throw new SqlGuardError('SQL_FORBIDDEN_SYNTAX', `Put the ${nullSafe} comparison in parentheses when it is part of a larger comparison, e.g. (a ${nullSafe} b) = true, so its precedence is unambiguous.`);
    }
    node.operator = nullSafe;
    node.parentheses = true;
  }
}

/** `agg(x) || aiser_syntax_filter(cond)` (or `y || agg(x) || …`, read left to right) → `agg(x) FILTER (WHERE cond)`. */
function attachFilter(node: AstNode): void {
  const marker = node.right as AstNode;
  const condition = isNode(marker.args) && Array.isArray(marker.args.value) && marker.args.value.length === 1 ? marker.args.value[0] : null;
  const left = node.left;
  const target = isAggregate(left) ? left : isNode(left) && left.type === 'binary_expr' && left.operator === '||' && !left.parentheses && isAggregate(left.right) ? left.right : null;
  if (!condition || !target || target.filter || marker.over) {
    throw new SqlGuardError('SQL_FORBIDDEN_SYNTAX', 'FILTER (WHERE …) is accepted here only directly after an aggregate call such as COUNT(*) or SUM(x), without OVER. Use CASE WHEN inside the aggregate instead, e.g. SUM(CASE WHEN cond THEN x END).');
  }
  target.filter = { keyword: 'filter', parentheses: true, where: condition };
  const parentheses = node.parentheses;
  for (const key of Object.keys(node)) delete node[key];
  Object.assign(node, target === left ? target : { ...(left as AstNode), right: target }, parentheses ? { parentheses } : {});
}

function isAggregate(value: unknown): value is AstNode {
  return isNode(value) && value.type === 'aggr_func' && !value.over && !value.parentheses;
}

function isNativeIsOperand(value: unknown): boolean {
  if (!isNode(value)) return false;
  if (value.type === 'null' || value.type === 'bool' || value.type === 'boolean') return true;
  if (value.type !== 'column_ref' || value.table) return false;
  const name = identifierText(value.column);
  return name !== null && IS_KEYWORDS.has(name.toLowerCase());
}

function markerName(node: AstNode): string | null {
  const parts = functionNameParts(node);
  const name = parts.length === 1 ? parts[0].toLowerCase() : '';
  return name.startsWith(MARK) ? name.slice(MARK.length) : null;
}

function argCount(node: AstNode): number {
  return isNode(node.args) && Array.isArray(node.args.value) ? node.args.value.length : 0;
}

function setFunctionName(node: AstNode, name: string): void {
  node.name = { name: [{ type: 'default', value: name }] };
}
