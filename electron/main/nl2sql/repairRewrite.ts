/** The changes a repair makes to compiled SQL (before it is printed): read values as numbers or
 *  timestamps, guard divisions, qualify names in glossary snippets, use another dialect's function. */
import { fn, mapExpr, num, type Expr, type FromItem, type Select } from './ast';

export interface SqlFixes {
  /** Columns the database does not have; the engine re-plans without them. */
  excluded: { table?: string; column: string }[];
  /** Aggregates/functions (upper case) whose column arguments are read as numbers. */
  numericArgsOf: Set<string>;
  /** Columns compared with a number are read as numbers. */
  numericComparisons: boolean;
  /** Columns inside date functions are read as timestamps. */
  timestampDates: boolean;
  /** Every divisor becomes NULLIF(divisor, 0). */
  safeDivision: boolean;
  /** Unqualified names in glossary snippets that more than one joined table has. */
  qualify: Set<string>;
  /** Function names (lower case) → the name this database knows. */
  substitutes: Map<string, string>;
}

export function noFixes(): SqlFixes {
  return { excluded: [], numericArgsOf: new Set(), numericComparisons: false, timestampDates: false, safeDivision: false, qualify: new Set(), substitutes: new Map() };
}

/** Functions with the same meaning under another name in some dialect. */
export const FUNCTION_SUBSTITUTES: Record<string, string> = {
  ifnull: 'COALESCE', nvl: 'COALESCE', isnull: 'COALESCE', len: 'LENGTH', char_length: 'LENGTH', substr: 'SUBSTRING', substring: 'SUBSTR',
  ceil: 'CEILING', ceiling: 'CEIL', pow: 'POWER', power: 'POW', truncate: 'TRUNC', trunc: 'TRUNCATE', lcase: 'LOWER', ucase: 'UPPER',
  stdev: 'STDDEV', stddev: 'STDDEV_SAMP', variance: 'VAR_SAMP', now: 'CURRENT_TIMESTAMP', getdate: 'CURRENT_TIMESTAMP',
};

const COMPARISONS = new Set(['=', '<>', '<', '>', '<=', '>=']);
const asNumber = (e: Expr): Expr => (e.k === 'col' ? { k: 'cast', expr: e, to: 'number' } : e);
const asTimestamp = (e: Expr): Expr => mapExpr(e, (x) => (x.k === 'col' ? { k: 'cast', expr: x, to: 'timestamp' } : undefined));

/** Outside quoted strings, rewrites each unquoted identifier that `swap` returns a replacement for. */
function rewriteIdentifiers(sql: string, swap: (word: string, before: string, after: string) => string | undefined): string {
  return sql.split(/('(?:[^']|'')*')/).map((part, i) => (i % 2 ? part : part.replace(/[A-Za-z_][A-Za-z0-9_]*/g, (word, at: number) => swap(word, part.slice(0, at), part.slice(at + word.length)) ?? word))).join('');
}

function fixRaw(sql: string, fixes: SqlFixes, home?: string): string {
  return rewriteIdentifiers(sql, (word, before, after) => {
    if (/^\s*\(/.test(after)) return fixes.substitutes.get(word.toLowerCase());
    if (home && fixes.qualify.has(word.toLowerCase()) && !/[.]\s*$/.test(before) && !/^\s*\./.test(after)) return `${home}.${word}`;
    return undefined;
  });
}

function fixExpr(e: Expr, fixes: SqlFixes, home?: string): Expr {
  return mapExpr(e, (x) => {
    if (x.k === 'raw') return { k: 'raw', sql: fixRaw(x.sql, fixes, home) };
    if (x.k === 'subquery') return { ...x, query: rewriteSelect(x.query, fixes) };
    if (x.k === 'inQuery') return { ...x, expr: fixExpr(x.expr, fixes, home), query: rewriteSelect(x.query, fixes) };
    if (x.k === 'fn') {
      const name = fixes.substitutes.get(x.name.toLowerCase()) ?? x.name;
      const args = x.args.map((a) => fixExpr(a, fixes, home));
      return { ...x, name, args: fixes.numericArgsOf.has(x.name.toUpperCase()) ? args.map(asNumber) : args };
    }
    if (x.k === 'bin') {
      let left = fixExpr(x.left, fixes, home);
      let right = fixExpr(x.right, fixes, home);
      if (fixes.numericComparisons && COMPARISONS.has(x.op) && (left.k === 'num' || right.k === 'num')) { left = asNumber(left); right = asNumber(right); }
      if (fixes.safeDivision && x.op === '/' && right.k !== 'num') right = fn('NULLIF', [right, num(0)]);
      return { ...x, left, right };
    }
    if (fixes.timestampDates && (x.k === 'bucket' || x.k === 'weekday')) return { ...x, expr: asTimestamp(fixExpr(x.expr, fixes, home)), textual: false };
    if (fixes.timestampDates && x.k === 'daysBetween') return { ...x, from: asTimestamp(fixExpr(x.from, fixes, home)), to: asTimestamp(fixExpr(x.to, fixes, home)) };
    return undefined;
  });
}

function fixFrom(item: FromItem, fixes: SqlFixes): FromItem {
  return item.k === 'sub' ? { ...item, query: rewriteSelect(item.query, fixes) } : item;
}

/** The compiled query with every fix applied; names in glossary snippets are qualified with the
 *  query's first table (the fact table the snippet was written for). */
export function rewriteSelect(s: Select, fixes: SqlFixes): Select {
  const first = s.from[0];
  const home = first?.k === 'table' ? first.table.name : undefined;
  const f = (e: Expr) => fixExpr(e, fixes, home);
  return {
    ...s,
    items: s.items.map((i) => ({ ...i, expr: f(i.expr) })),
    from: s.from.map((i) => fixFrom(i, fixes)),
    joins: s.joins.map((j) => ({ item: fixFrom(j.item, fixes), on: f(j.on) })),
    where: s.where.map(f),
    groupBy: s.groupBy.map(f),
    having: s.having.map(f),
    orderBy: s.orderBy.map((o) => ({ ...o, expr: f(o.expr) })),
  };
}
