/** The row conditions a SELECT applies (WHERE of the statement, its CTEs and FROM subqueries) and
 *  the group conditions (HAVING), read from the parsed statement in general terms — which column,
 *  which operation, which literal values — so an answer can say what it kept whoever wrote the SQL. */
import type { Dialect } from '../../../shared/types/schema';
import { identifierText, isNode, isSelect, type AstNode } from './ast';
import { parseSingleSelect } from './parse';
import { prepareSqlText } from './text-checks';

/** What a condition reads: a column, maybe a part of it (the year of a date) or an aggregate of it. */
export interface ConditionOperand {
  column: string;
  /** "year", "month", … of a date column; "total", "average", "count" … in HAVING. */
  part?: string;
}

export type SqlCondition =
  | { kind: 'compare'; operand: ConditionOperand; op: '=' | '≠' | '>' | '<' | '≥' | '≤'; value: string }
  | { kind: 'in'; operand: ConditionOperand; values: string[]; negated: boolean }
  | { kind: 'between'; operand: ConditionOperand; from: string; to: string; negated: boolean }
  | { kind: 'like'; operand: ConditionOperand; pattern: string; negated: boolean }
  | { kind: 'null'; operand: ConditionOperand; negated: boolean }
  | { kind: 'flag'; operand: ConditionOperand; negated: boolean }
  /** A condition that is not one of the above (OR, subquery, expression): the columns it reads. */
  | { kind: 'other'; columns: string[] };

export interface StatementConditions {
  rows: SqlCondition[];
  groups: SqlCondition[];
}

const COMPARISONS: Record<string, Extract<SqlCondition, { kind: 'compare' }>['op']> = { '=': '=', '==': '=', '<>': '≠', '!=': '≠', '>': '>', '<': '<', '>=': '≥', '<=': '≤' };
const FLIPPED: Record<string, Extract<SqlCondition, { kind: 'compare' }>['op']> = { '=': '=', '≠': '≠', '>': '<', '<': '>', '≥': '≤', '≤': '≥' };
const AGGREGATES: Record<string, string> = { SUM: 'total', AVG: 'average', COUNT: 'number of', MIN: 'lowest', MAX: 'highest', MEDIAN: 'median' };
const DATE_PARTS: Record<string, string> = { year: 'year', month: 'month', quarter: 'quarter', week: 'week', day: 'day', dow: 'weekday', isodow: 'weekday', hour: 'hour' };
const STRFTIME_PARTS: Record<string, string> = { '%Y': 'year', '%Y-%m': 'month', '%m': 'month', '%Y-%m-%d': 'date', '%w': 'weekday', '%H': 'hour', '%d': 'day' };
const TODAY_FUNCTIONS = /^(current_date|current_timestamp|now|today|getdate|curdate|localtimestamp|date|datetime|date_sub|date_add|dateadd)$/i;

/** The conditions of a statement that already passed the guard; none when it cannot be read. */
export function statementConditions(sql: string, dialect: Dialect): StatementConditions {
  let ast: AstNode;
  try {
    ast = parseSingleSelect(prepareSqlText(sql, dialect), dialect);
  } catch {
    return { rows: [], groups: [] };
  }
  const rows: SqlCondition[] = [];
  const groups: SqlCondition[] = [];
  for (const select of selectsOf(ast)) {
    rows.push(...conjuncts(select.where).map(condition));
    groups.push(...conjuncts(select.having).map(condition));
  }
  return { rows: unique(rows), groups: unique(groups) };
}

/** The statement's select, its CTEs' and its FROM subqueries' (one level: where filters are written). */
function selectsOf(ast: AstNode): AstNode[] {
  if (isSelect(ast._next)) return []; // a UNION's branches each filter differently: nothing one sentence can say
  const found: AstNode[] = [ast];
  for (const cte of Array.isArray(ast.with) ? ast.with : []) {
    const stmt = isNode(cte) && isNode(cte.stmt) ? (isSelect(cte.stmt.ast) ? cte.stmt.ast : cte.stmt) : undefined;
    if (isSelect(stmt) && !isSelect(stmt._next)) found.push(stmt);
  }
  for (const item of Array.isArray(ast.from) ? ast.from : []) {
    const sub = isNode(item) && isNode(item.expr) ? item.expr.ast : undefined;
    if (isSelect(sub) && !isSelect(sub._next)) found.push(sub);
  }
  return found;
}

function conjuncts(node: unknown): AstNode[] {
  if (!isNode(node)) return [];
  if (node.type === 'binary_expr' && String(node.operator).toUpperCase() === 'AND') return [...conjuncts(node.left), ...conjuncts(node.right)];
  return [node];
}

function condition(node: AstNode): SqlCondition {
  const other = (): SqlCondition => ({ kind: 'other', columns: columnsIn(node) });
  if (node.type === 'unary_expr' && String(node.operator).toUpperCase() === 'NOT') {
    const inner = condition(node.expr as AstNode);
    return 'negated' in inner ? { ...inner, negated: !inner.negated } as SqlCondition : inner.kind === 'compare' && inner.op === '=' ? { ...inner, op: '≠' } : other();
  }
  const asFlag = operand(node);
  if (asFlag && node.type === 'column_ref') return { kind: 'flag', operand: asFlag, negated: false };
  if (node.type !== 'binary_expr') return other();
  const op = String(node.operator).toUpperCase();
  let left = operand(node.left);
  let right: unknown = node.right;
  let flipped = false;
  if (!left && operand(node.right) && COMPARISONS[op]) {
    left = operand(node.right);
    right = node.left;
    flipped = true;
  }
  if (!left) return other();
  if (COMPARISONS[op]) {
    if (isNode(right) && right.type === 'bool' && COMPARISONS[op] === '=') return { kind: 'flag', operand: left, negated: right.value !== true };
    const value = literal(right);
    if (value === undefined) return other();
    return { kind: 'compare', operand: left, op: flipped ? FLIPPED[COMPARISONS[op]] : COMPARISONS[op], value };
  }
  if (op === 'IN' || op === 'NOT IN') {
    const values = isNode(right) && Array.isArray(right.value) ? right.value.map(literal) : [];
    if (!values.length || values.some((v) => v === undefined)) return other();
    return { kind: 'in', operand: left, values: values as string[], negated: op === 'NOT IN' };
  }
  if (op === 'BETWEEN' || op === 'NOT BETWEEN') {
    const [from, to] = isNode(right) && Array.isArray(right.value) ? right.value.map(literal) : [];
    if (from === undefined || to === undefined) return other();
    return { kind: 'between', operand: left, from, to, negated: op === 'NOT BETWEEN' };
  }
  if (/^(NOT )?I?LIKE$/.test(op)) {
    const pattern = literal(right);
    return pattern === undefined ? other() : { kind: 'like', operand: left, pattern, negated: op.startsWith('NOT') };
  }
  if ((op === 'IS' || op === 'IS NOT') && isNode(right) && right.type === 'null') return { kind: 'null', operand: left, negated: op === 'IS NOT' };
  return other();
}

/** A column, a date part of one, or (in HAVING) an aggregate of one. */
function operand(node: unknown): ConditionOperand | undefined {
  if (!isNode(node)) return undefined;
  if (node.type === 'column_ref') {
    const column = identifierText(node.column);
    return column && column !== '*' ? { column } : undefined;
  }
  if (node.type === 'cast') return operand(node.expr);
  if (node.type === 'extract' && isNode(node.args)) {
    const inner = operand(node.args.source);
    const part = DATE_PARTS[String(node.args.field).toLowerCase()];
    return inner && part ? { column: inner.column, part } : undefined;
  }
  if (node.type === 'aggr_func') {
    const name = String(node.name).toUpperCase();
    const arg = isNode(node.args) ? node.args.expr : undefined;
    if (name === 'COUNT' && isNode(arg) && (arg.type === 'star' || identifierText(arg.column) === '*' || arg.value === '*')) return { column: 'rows', part: 'number of' };
    const inner = operand(arg);
    return inner && AGGREGATES[name] ? { column: inner.column, part: AGGREGATES[name] } : undefined;
  }
  if (node.type === 'function') {
    const name = (identifierText(isNode(node.name) && Array.isArray(node.name.name) ? node.name.name[0] : node.name) ?? '').toLowerCase();
    const args = isNode(node.args) && Array.isArray(node.args.value) ? node.args.value : [];
    if (name === 'strftime' && args.length === 2) {
      const part = STRFTIME_PARTS[literal(args[0]) ?? ''];
      const inner = operand(args[1]);
      return inner && part ? { column: inner.column, part } : undefined;
    }
    if ((name === 'date_trunc' || name === 'date_part') && args.length === 2) {
      const part = DATE_PARTS[(literal(args[0]) ?? '').toLowerCase()];
      const inner = operand(args[1]);
      return inner && part ? { column: inner.column, part } : undefined;
    }
    if (args.length === 1 && DATE_PARTS[name]) {
      const inner = operand(args[0]);
      return inner ? { column: inner.column, part: DATE_PARTS[name] } : undefined;
    }
    if (args.length === 1 && /^(lower|upper|trim|date)$/.test(name)) return operand(args[0]);
  }
  return undefined;
}

/** A literal as people would read it; dates relative to today are said so. */
function literal(node: unknown): string | undefined {
  if (!isNode(node)) return undefined;
  switch (node.type) {
    case 'single_quote_string': case 'double_quote_string': case 'string': case 'natural_string': case 'date': case 'timestamp': case 'datetime':
      return String(node.value);
    case 'number': return String(node.value);
    case 'bool': return node.value ? 'true' : 'false';
    case 'cast': return literal(node.expr);
    default: return relativeToToday(node) ? 'a date counted from today' : undefined;
  }
}

function relativeToToday(node: AstNode): boolean {
  if (node.type === 'function') {
    const name = identifierText(isNode(node.name) && Array.isArray(node.name.name) ? node.name.name[0] : node.name) ?? '';
    return TODAY_FUNCTIONS.test(name);
  }
  if (node.type === 'binary_expr') return [node.left, node.right].some((side) => isNode(side) && relativeToToday(side));
  return false;
}

function columnsIn(node: unknown, found = new Set<string>()): string[] {
  if (Array.isArray(node)) node.forEach((n) => columnsIn(n, found));
  else if (isNode(node)) {
    if (node.type === 'column_ref') {
      const column = identifierText(node.column);
      if (column && column !== '*') found.add(column);
    } else Object.values(node).forEach((v) => columnsIn(v, found));
  }
  return [...found];
}

function unique(conditions: SqlCondition[]): SqlCondition[] {
  const seen = new Set<string>();
  return conditions.filter((c) => {
    const key = JSON.stringify(c);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
