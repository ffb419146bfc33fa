/** The one small SQL AST every plan compiles to; `render.ts` prints it per dialect. */

export type TimeUnit = 'day' | 'week' | 'month' | 'quarter' | 'year';
export type BinaryOp = '+' | '-' | '*' | '/' | '=' | '<>' | '<' | '>' | '<=' | '>=' | 'AND' | 'OR' | 'LIKE';

export type Expr =
  | { k: 'col'; table: string; column: string }
  | { k: 'ref'; name: string }
  /** `float` keeps a decimal point so integer division never happens (100.0 * a / b). */
  | { k: 'num'; value: number; float?: boolean }
  | { k: 'str'; value: string }
  | { k: 'date'; value: string }
  | { k: 'null' }
  | { k: 'star' }
  | { k: 'bin'; op: BinaryOp; left: Expr; right: Expr }
  | { k: 'not'; expr: Expr }
  | { k: 'neg'; expr: Expr }
  | { k: 'isNull'; expr: Expr; negated: boolean }
  | { k: 'in'; expr: Expr; values: Expr[]; negated: boolean }
  | { k: 'fn'; name: string; args: Expr[]; distinct?: boolean }
  | { k: 'case'; whens: { when: Expr; then: Expr }[]; otherwise?: Expr }
  /** Time bucket of a date: the date itself, week start, 'YYYY-MM', 'YYYY' or quarter number 1–4. */
  | { k: 'bucket'; unit: TimeUnit; expr: Expr; dateKind: 'date' | 'datetime'; /** dates kept in a text column */ textual?: boolean }
  | { k: 'daysBetween'; from: Expr; to: Expr }
  /** A number of seconds (or milliseconds) since 1970 as a timestamp. */
  | { k: 'epochTime'; expr: Expr; millis: boolean }
  /** Day of the week of a date, 0 = Sunday … 6 = Saturday. */
  | { k: 'weekday'; expr: Expr; textual?: boolean }
  | { k: 'median'; expr: Expr }
  /** Aggregate over the whole result: SUM(expr) OVER (). */
  | { k: 'overAll'; expr: Expr }
  | { k: 'subquery'; query: Select }
  /** expr [NOT] IN (SELECT …). */
  | { k: 'inQuery'; expr: Expr; query: Select; negated: boolean }
  /** A value read as a number or a timestamp where the database holds it in another type. */
  | { k: 'cast'; expr: Expr; to: 'number' | 'timestamp' }
  /** Glossary text the expression parser could not read; printed verbatim. */
  | { k: 'raw'; sql: string };

export interface TableRef {
  name: string;
  schema?: string;
}

export type FromItem = { k: 'table'; table: TableRef } | { k: 'sub'; query: Select; alias: string };

export interface Join {
  item: FromItem;
  on: Expr;
}

export interface SelectItem {
  expr: Expr;
  alias?: string;
}

export interface Select {
  items: SelectItem[];
  /** Several items are cross joined (comma-separated). */
  from: FromItem[];
  joins: Join[];
  where: Expr[];
  groupBy: Expr[];
  having: Expr[];
  /** nullsLast: rows without a value rank after all others on every database (PostgreSQL ranks NULL first when descending). */
  orderBy: { expr: Expr; desc: boolean; nullsLast?: boolean }[];
  limit?: number;
}

export function select(partial: Partial<Select> & Pick<Select, 'items' | 'from'>): Select {
  return { joins: [], where: [], groupBy: [], having: [], orderBy: [], ...partial };
}

export const col = (table: string, column: string): Expr => ({ k: 'col', table, column });
export const fn = (name: string, args: Expr[], distinct = false): Expr => ({ k: 'fn', name, args, distinct });
export const bin = (op: BinaryOp, left: Expr, right: Expr): Expr => ({ k: 'bin', op, left, right });
export const num = (value: number, float = false): Expr => ({ k: 'num', value, float });
export const str = (value: string): Expr => ({ k: 'str', value });
export const ref = (name: string): Expr => ({ k: 'ref', name });

export function and(parts: Expr[]): Expr | undefined {
  return parts.reduce<Expr | undefined>((acc, p) => (acc ? bin('AND', acc, p) : p), undefined);
}

/** Visits every node of an expression (not into subqueries). */
export function walk(expr: Expr, visit: (e: Expr) => void): void {
  visit(expr);
  const kids: Expr[] = [];
  switch (expr.k) {
    case 'bin': kids.push(expr.left, expr.right); break;
    case 'not': case 'neg': case 'isNull': case 'bucket': case 'median': case 'overAll': case 'epochTime': case 'weekday': case 'cast': kids.push(expr.expr); break;
    case 'in': kids.push(expr.expr, ...expr.values); break;
    case 'fn': kids.push(...expr.args); break;
    case 'case': expr.whens.forEach((w) => kids.push(w.when, w.then)); if (expr.otherwise) kids.push(expr.otherwise); break;
    case 'daysBetween': kids.push(expr.from, expr.to); break;
    case 'inQuery': kids.push(expr.expr); break;
    default: break;
  }
  kids.forEach((kid) => walk(kid, visit));
}

/** Returns a copy of the expression with nodes replaced where `swap` returns a node. */
export function mapExpr(expr: Expr, swap: (e: Expr) => Expr | undefined): Expr {
  const replaced = swap(expr);
  if (replaced) return replaced;
  const m = (e: Expr) => mapExpr(e, swap);
  switch (expr.k) {
    case 'bin': return { ...expr, left: m(expr.left), right: m(expr.right) };
    case 'not': case 'neg': case 'isNull': case 'bucket': case 'median': case 'overAll': case 'epochTime': case 'weekday': case 'cast': return { ...expr, expr: m(expr.expr) };
    case 'in': return { ...expr, expr: m(expr.expr), values: expr.values.map(m) };
    case 'fn': return { ...expr, args: expr.args.map(m) };
    case 'case': return { ...expr, whens: expr.whens.map((w) => ({ when: m(w.when), then: m(w.then) })), otherwise: expr.otherwise && m(expr.otherwise) };
    case 'daysBetween': return { ...expr, from: m(expr.from), to: m(expr.to) };
    case 'inQuery': return { ...expr, expr: m(expr.expr) };
    default: return expr;
  }
}

/** Tables referenced by column nodes of an expression. */
export function tablesOf(expr: Expr): Set<string> {
  const out = new Set<string>();
  walk(expr, (e) => { if (e.k === 'col') out.add(e.table); });
  return out;
}

export const AGGREGATES = new Set(['SUM', 'COUNT', 'AVG', 'MIN', 'MAX']);

export function isAggregate(expr: Expr): boolean {
  let found = false;
  walk(expr, (e) => { if ((e.k === 'fn' && AGGREGATES.has(e.name)) || e.k === 'median') found = true; });
  return found;
}
