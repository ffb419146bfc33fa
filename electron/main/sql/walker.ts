import type { Dialect } from '../../../shared/types/schema';
import { identifierText, isNode, isSelect, type AstNode } from './ast';
import { DIALECT_FACTS, nameKey } from './dialects';
import { SqlGuardError } from './errors';

/** What a FROM item named `alias` stands for in a SELECT: a real table, or a CTE/derived table. */
export interface SourceBinding {
  table: string | null;
}

/** Name scope of one SELECT: visible CTE names and FROM-clause aliases, chained to outer scopes. */
export interface Scope {
  parent: Scope | null;
  /** Comparison key of a name in this dialect (lower-cased unless names are case-sensitive). */
  key: (name: string) => string;
  ctes: ReadonlySet<string>;
  sources: Map<string, SourceBinding>;
}

export interface TableRefVisit {
  ref: AstNode;
  scope: Scope;
}

export interface WalkHooks {
  /** A FROM item naming a real table (CTE references are resolved and not reported). */
  table?(visit: TableRefVisit): void;
  /** A table-valued function in FROM. */
  tableFunction?(fn: AstNode): void;
  /** Every SELECT node, before its children. */
  select?(select: AstNode): void;
  /** Every other AST object, before its children. */
  node?(node: AstNode, scope: Scope): void;
}

/**
 * Visits a SELECT statement fully — CTEs, set operations, FROM items, joins, and every
 * expression — while tracking which names are CTEs, so that a CTE named like a real table
 * never hides that table from the checks (non-recursive CTEs do not see themselves).
 */
export function walkStatement(root: AstNode, dialect: Dialect, hooks: WalkHooks): void {
  const visited = new WeakSet<object>();
  const key = nameKey(DIALECT_FACTS[dialect].identifiersCaseSensitive);
  const rootScope: Scope = { parent: null, key, ctes: new Set(), sources: new Map() };

  const walkSelect = (select: AstNode, outer: Scope): void => {
    if (visited.has(select)) return;
    visited.add(select);
    hooks.select?.(select);
    const cteScope = walkWith(select, outer);
    const scope: Scope = { parent: cteScope, key, ctes: new Set(), sources: new Map() };
    const from = select.from;
    if (Array.isArray(from)) from.forEach((item) => walkFromItem(item, scope));
    else if (from !== null && from !== undefined) throw unsupported('this kind of FROM clause');
    for (const [field, value] of Object.entries(select)) {
      if (field !== 'with' && field !== 'from' && field !== '_next') walkValue(value, scope);
    }
    if (isSelect(select._next)) walkSelect(select._next, cteScope);
  };

  const walkWith = (select: AstNode, outer: Scope): Scope => {
    const ctes = new Set<string>();
    const scope: Scope = { parent: outer, key, ctes, sources: new Map() };
    if (!Array.isArray(select.with)) return scope;
    const recursive = select.with.some((cte) => isNode(cte) && cte.recursive === true);
    for (const cte of select.with) {
      if (!isNode(cte)) continue;
      const name = identifierText(cte.name);
      if (!name) throw unsupported('a WITH clause without a name');
      if (recursive) ctes.add(key(name));
      const body = isNode(cte.stmt) && isSelect(cte.stmt.ast) ? cte.stmt.ast : cte.stmt;
      if (!isSelect(body)) throw new SqlGuardError('SQL_WRITE', `The WITH query "${name}" is not a SELECT. Writable CTEs are not allowed; use only SELECT inside WITH.`);
      walkSelect(body, { parent: outer, key, ctes: new Set(ctes), sources: new Map() });
      ctes.add(key(name));
      walkValue(cte.columns, scope);
    }
    return scope;
  };

  const walkFromItem = (item: unknown, scope: Scope): void => {
    if (!isNode(item)) throw unsupported('an unrecognised FROM item');
    const alias = typeof item.as === 'string' ? key(item.as) : null;
    if (alias?.includes('(')) throw unsupported('column alias lists in FROM (AS t(a, b)); name the columns inside a subquery instead');
    if (alias && KEYWORDS_MISREAD_AS_ALIASES.has(alias.toLowerCase())) throw unsupported(`${alias.toUpperCase()} joins; write JOIN … ON … instead`);
    const expr = item.expr;
    if (isNode(expr) && isSelect(expr.ast)) {
      walkSelect(expr.ast, scope);
      if (alias) scope.sources.set(alias, { table: null });
    } else if (isNode(expr) && expr.type === 'function') {
      hooks.tableFunction?.(expr);
      walkValue(expr.args, scope);
      if (alias) scope.sources.set(alias, { table: null });
    } else if (isNode(expr) && expr.type === 'values') {
      walkValue(expr, scope);
      if (alias) scope.sources.set(alias, { table: null });
    } else if (typeof item.table === 'string' && (expr === undefined || expr === null)) {
      const table = item.table;
      const isCte = !item.db && !item.schema && cteVisible(scope, key(table));
      scope.sources.set(alias ?? key(table), { table: isCte ? null : table });
      if (!isCte) hooks.table?.({ ref: item, scope }); // may rewrite `item` in place
    } else if (item.type === 'dual') {
      return;
    } else {
      throw unsupported('this kind of FROM item');
    }
    for (const [field, value] of Object.entries(item)) {
      if (!FROM_ITEM_FIELDS_HANDLED.has(field)) walkValue(value, scope); // ON, USING, hints, …
    }
  };

  const walkValue = (value: unknown, scope: Scope): void => {
    if (Array.isArray(value)) {
      value.forEach((v) => walkValue(v, scope));
      return;
    }
    if (!isNode(value)) return;
    if (isSelect(value)) {
      walkSelect(value, scope);
      return;
    }
    if (visited.has(value)) return;
    visited.add(value);
    if (looksLikeUnhandledTableSource(value)) throw unsupported('a table reference in this position');
    hooks.node?.(value, scope);
    for (const child of Object.values(value)) walkValue(child, scope);
  };

  if (!isSelect(root)) throw new SqlGuardError('SQL_NOT_SELECT', 'Only SELECT or WITH … SELECT queries can run. Rewrite the statement as a SELECT.');
  walkSelect(root, rootScope);
}

/** Whether `name` (already a comparison key) is a CTE visible from `scope`. */
const FROM_ITEM_FIELDS_HANDLED = new Set(['expr', 'table', 'db', 'schema', 'as']);

/** The parser reads `t NATURAL JOIN u` as `t AS natural JOIN u` (silently changing the join). */
const KEYWORDS_MISREAD_AS_ALIASES = new Set(['natural', 'left', 'right', 'full', 'inner', 'outer', 'cross', 'join', 'positional', 'asof', 'anti', 'semi']);

/** Fail closed: a FROM list or table reference reached outside a recognised SELECT/FROM item
 *  (a construct this walker does not model) would escape the table checks and row policies. */
function looksLikeUnhandledTableSource(node: AstNode): boolean {
  if (Array.isArray(node.from)) return true;
  return typeof node.table === 'string' && node.type !== 'column_ref' && !('column' in node);
}

export function cteVisible(scope: Scope | null, name: string): boolean {
  for (let s = scope; s; s = s.parent) if (s.ctes.has(name)) return true;
  return false;
}

/** Resolves a column qualifier (`o` in `o.amount`) to the real table it reads, if any. */
export function resolveSource(scope: Scope, qualifier: string): SourceBinding | null {
  for (let s: Scope | null = scope; s; s = s.parent) {
    const found = s.sources.get(s.key(qualifier));
    if (found) return found;
  }
  return null;
}

function unsupported(what: string): SqlGuardError {
  return new SqlGuardError('SQL_FORBIDDEN_SYNTAX', `The guard does not accept ${what}. Rewrite the query with plain tables, joins and subqueries.`);
}
