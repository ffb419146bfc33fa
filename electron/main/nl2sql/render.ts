/** Renders the SQL AST in one dialect: quoting, date bucketing, day differences, median. */
import type { Dialect } from '../../../shared/types/schema';
import type { Expr, FromItem, Select, TimeUnit } from './ast';

export class UnsupportedInDialectError extends Error {
  constructor(feature: string, dialect: Dialect) {
    super(`${feature} is not available in ${dialect}`);
    this.name = 'UnsupportedInDialectError';
  }
}

const RESERVED = new Set([
  'all', 'and', 'as', 'asc', 'between', 'by', 'case', 'check', 'column', 'create', 'default', 'desc', 'distinct', 'else',
  'end', 'from', 'group', 'having', 'in', 'index', 'is', 'join', 'key', 'limit', 'not', 'null', 'on', 'or', 'order',
  'primary', 'references', 'select', 'table', 'then', 'to', 'union', 'user', 'values', 'when', 'where', 'window', 'with',
]);

const PRECEDENCE: Record<string, number> = { OR: 1, AND: 2, '=': 4, '<>': 4, '<': 4, '>': 4, '<=': 4, '>=': 4, LIKE: 4, '+': 5, '-': 5, '*': 6, '/': 6 };

export function quoteIdent(name: string, dialect: Dialect): string {
  if (/^[a-z_][a-z0-9_]*$/.test(name) && !RESERVED.has(name)) return name;
  return dialect === 'mysql' ? `\`${name.replace(/`/g, '``')}\`` : `"${name.replace(/"/g, '""')}"`;
}

export function quoteString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function renderBucket(unit: TimeUnit, e: string, dateKind: 'date' | 'datetime', d: Dialect): string {
  const asDate = dateKind === 'date' ? e : d === 'sqlite' || d === 'mysql' ? `DATE(${e})` : `CAST(${e} AS DATE)`;
  switch (d) {
    case 'sqlite':
      return { day: asDate, week: `date(${e}, 'weekday 0', '-6 days')`, month: `strftime('%Y-%m', ${e})`, year: `strftime('%Y', ${e})`, quarter: `(CAST(strftime('%m', ${e}) AS INTEGER) + 2) / 3` }[unit];
    case 'postgres':
      return { day: asDate, week: `CAST(date_trunc('week', ${e}) AS DATE)`, month: `to_char(${e}, 'YYYY-MM')`, year: `to_char(${e}, 'YYYY')`, quarter: `CAST(EXTRACT(QUARTER FROM ${e}) AS INTEGER)` }[unit];
    case 'mysql':
      return { day: asDate, week: `DATE(DATE_SUB(${e}, INTERVAL WEEKDAY(${e}) DAY))`, month: `DATE_FORMAT(${e}, '%Y-%m')`, year: `DATE_FORMAT(${e}, '%Y')`, quarter: `QUARTER(${e})` }[unit];
    case 'duckdb':
      return { day: asDate, week: `CAST(date_trunc('week', ${e}) AS DATE)`, month: `strftime(${e}, '%Y-%m')`, year: `strftime(${e}, '%Y')`, quarter: `quarter(${e})` }[unit];
  }
}

function renderDaysBetween(from: string, to: string, d: Dialect): string {
  switch (d) {
    case 'sqlite': return `julianday(${to}) - julianday(${from})`;
    case 'postgres': return `(CAST(${to} AS DATE) - CAST(${from} AS DATE))`;
    case 'mysql': return `DATEDIFF(${to}, ${from})`;
    case 'duckdb': return `date_diff('day', CAST(${from} AS DATE), CAST(${to} AS DATE))`;
  }
}

export function renderExpr(e: Expr, d: Dialect, parentPrec = 0, rightSide = false): string {
  const r = (x: Expr, p = 0, right = false) => renderExpr(x, d, p, right);
  switch (e.k) {
    case 'col': return `${quoteIdent(e.table, d)}.${quoteIdent(e.column, d)}`;
    case 'ref': return quoteIdent(e.name, d);
    case 'num': return e.float && Number.isInteger(e.value) ? e.value.toFixed(1) : String(e.value);
    case 'str': case 'date': return quoteString(e.value);
    case 'null': return 'NULL';
    case 'star': return '*';
    case 'raw': return `(${e.sql})`;
    case 'bin': {
      const p = PRECEDENCE[e.op];
      const text = `${r(e.left, p)} ${e.op} ${r(e.right, p, true)}`;
      const wrap = p < parentPrec || (p === parentPrec && rightSide);
      return wrap ? `(${text})` : text;
    }
    case 'not': return `NOT (${r(e.expr)})`;
    case 'neg': return `-${r(e.expr, 7)}`;
    case 'isNull': return `${r(e.expr, 4)} IS ${e.negated ? 'NOT ' : ''}NULL`;
    case 'in': return `${r(e.expr, 4)} ${e.negated ? 'NOT IN' : 'IN'} (${e.values.map((v) => r(v)).join(', ')})`;
    case 'fn': return `${e.name}(${e.distinct ? 'DISTINCT ' : ''}${e.args.map((a) => r(a)).join(', ')})`;
    case 'case': {
      const whens = e.whens.map((w) => `WHEN ${r(w.when)} THEN ${r(w.then)}`).join(' ');
      return `CASE ${whens}${e.otherwise ? ` ELSE ${r(e.otherwise)}` : ''} END`;
    }
    case 'bucket': {
      // Text dates need a real date type where date functions do not accept text.
      const source = e.textual && (d === 'postgres' || d === 'duckdb') ? `CAST(${r(e.expr)} AS TIMESTAMP)` : r(e.expr);
      const text = renderBucket(e.unit, source, e.textual ? 'datetime' : e.dateKind, d);
      return e.unit === 'quarter' && d === 'sqlite' && parentPrec >= 6 ? `(${text})` : text;
    }
    case 'daysBetween': {
      const text = renderDaysBetween(r(e.from), r(e.to), d);
      return parentPrec >= 5 ? `(${text})` : text;
    }
    case 'epochTime': {
      const seconds = e.millis ? `${r(e.expr, 6)} / 1000` : r(e.expr);
      return { sqlite: `datetime(${seconds}, 'unixepoch')`, postgres: `to_timestamp(${seconds})`, mysql: `FROM_UNIXTIME(${seconds})`, duckdb: `to_timestamp(${seconds})` }[d];
    }
    case 'weekday': {
      const x = e.textual && (d === 'postgres' || d === 'duckdb') ? `CAST(${r(e.expr)} AS TIMESTAMP)` : r(e.expr);
      return { sqlite: `CAST(strftime('%w', ${x}) AS INTEGER)`, postgres: `CAST(EXTRACT(DOW FROM ${x}) AS INTEGER)`, mysql: `(DAYOFWEEK(${x}) - 1)`, duckdb: `CAST(dayofweek(${x}) AS INTEGER)` }[d];
    }
    case 'median':
      if (d === 'postgres') return `percentile_cont(0.5) WITHIN GROUP (ORDER BY ${r(e.expr)})`;
      if (d === 'duckdb') return `median(${r(e.expr)})`;
      throw new UnsupportedInDialectError('The median', d);
    case 'cast': {
      const type = e.to === 'number'
        ? { sqlite: 'REAL', postgres: 'NUMERIC', mysql: 'DECIMAL(38,10)', duckdb: 'DOUBLE' }[d]
        : { sqlite: 'TEXT', postgres: 'TIMESTAMP', mysql: 'DATETIME', duckdb: 'TIMESTAMP' }[d];
      return `CAST(${r(e.expr)} AS ${type})`;
    }
    case 'overAll': return `SUM(${r(e.expr)}) OVER ()`;
    case 'subquery': return `(${renderSelect(e.query, d)})`;
    case 'inQuery': return `${r(e.expr, 4)} ${e.negated ? 'NOT IN' : 'IN'} (${renderSelect(e.query, d)})`;
  }
}

function renderFrom(item: FromItem, d: Dialect): string {
  if (item.k === 'sub') return `(${renderSelect(item.query, d)}) AS ${quoteIdent(item.alias, d)}`;
  const { schema, name } = item.table;
  return schema ? `${quoteIdent(schema, d)}.${quoteIdent(name, d)}` : quoteIdent(name, d);
}

export function renderSelect(s: Select, d: Dialect): string {
  const items = s.items.map((i) => (i.alias ? `${renderExpr(i.expr, d)} AS ${quoteIdent(i.alias, d)}` : renderExpr(i.expr, d)));
  let sql = `SELECT ${items.join(', ')} FROM ${s.from.map((f) => renderFrom(f, d)).join(', ')}`;
  for (const j of s.joins) sql += ` JOIN ${renderFrom(j.item, d)} ON ${renderExpr(j.on, d)}`;
  if (s.where.length) sql += ` WHERE ${s.where.map((w) => renderExpr(w, d, 2)).join(' AND ')}`;
  if (s.groupBy.length) sql += ` GROUP BY ${s.groupBy.map((g) => renderExpr(g, d)).join(', ')}`;
  if (s.having.length) sql += ` HAVING ${s.having.map((h) => renderExpr(h, d, 2)).join(' AND ')}`;
  if (s.orderBy.length) sql += ` ORDER BY ${s.orderBy.map((o) => renderOrderItem(o, d)).join(', ')}`;
  if (s.limit !== undefined) sql += ` LIMIT ${s.limit}`;
  return sql;
}

function renderOrderItem(o: Select['orderBy'][number], d: Dialect): string {
  const e = renderExpr(o.expr, d);
  const dir = o.desc ? 'DESC' : 'ASC';
  if (!o.nullsLast) return `${e} ${dir}`;
  // MySQL/MariaDB have no NULLS LAST; sorting on "is null" first does the same.
  return d === 'mysql' ? `${e} IS NULL ASC, ${e} ${dir}` : `${e} ${dir} NULLS LAST`;
}
