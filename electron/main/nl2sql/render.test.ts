import { describe, expect, it } from 'vitest';
import { bin, col, fn, num, select, type Expr } from './ast';
import { quoteIdent, renderExpr, renderSelect, UnsupportedInDialectError } from './render';
import { parseSqlExpr, qualifiedRefs } from './sqlExpr';

const bucket = (unit: 'day' | 'week' | 'month' | 'quarter' | 'year', dateKind: 'date' | 'datetime' = 'date'): Expr => ({ k: 'bucket', unit, expr: col('visits', 'visited_on'), dateKind });

describe('SQL rendering per dialect', () => {
  it('quotes only identifiers that need it, in each dialect style', () => {
    expect(quoteIdent('admissions', 'postgres')).toBe('admissions');
    expect(quoteIdent('Order', 'postgres')).toBe('"Order"');
    expect(quoteIdent('order', 'mysql')).toBe('`order`');
    expect(quoteIdent('group', 'sqlite')).toBe('"group"');
  });

  it('buckets dates by month, quarter and week in every dialect', () => {
    expect(renderExpr(bucket('month'), 'sqlite')).toBe("strftime('%Y-%m', visits.visited_on)");
    expect(renderExpr(bucket('month'), 'postgres')).toBe("to_char(visits.visited_on, 'YYYY-MM')");
    expect(renderExpr(bucket('month'), 'mysql')).toBe("DATE_FORMAT(visits.visited_on, '%Y-%m')");
    expect(renderExpr(bucket('month'), 'duckdb')).toBe("strftime(visits.visited_on, '%Y-%m')");
    expect(renderExpr(bucket('quarter'), 'sqlite')).toBe("(CAST(strftime('%m', visits.visited_on) AS INTEGER) + 2) / 3");
    expect(renderExpr(bucket('quarter'), 'mysql')).toBe('QUARTER(visits.visited_on)');
    expect(renderExpr(bucket('week'), 'postgres')).toBe("CAST(date_trunc('week', visits.visited_on) AS DATE)");
    expect(renderExpr(bucket('day', 'datetime'), 'postgres')).toBe('CAST(visits.visited_on AS DATE)');
    expect(renderExpr({ k: 'bucket', unit: 'month', expr: col('visits', 'visited_on'), dateKind: 'date', textual: true }, 'postgres')).toBe("to_char(CAST(visits.visited_on AS TIMESTAMP), 'YYYY-MM')");
  });

  it('renders the median where the dialect has one and refuses elsewhere', () => {
    const median: Expr = { k: 'median', expr: col('visits', 'minutes') };
    expect(renderExpr(median, 'postgres')).toBe('percentile_cont(0.5) WITHIN GROUP (ORDER BY visits.minutes)');
    expect(renderExpr(median, 'duckdb')).toBe('median(visits.minutes)');
    expect(() => renderExpr(median, 'sqlite')).toThrow(UnsupportedInDialectError);
  });

  it('keeps decimal points so ratios never use integer division', () => {
    expect(renderExpr(bin('/', bin('*', num(100, true), col('t', 'a')), col('t', 'b')), 'postgres')).toBe('100.0 * t.a / t.b');
  });

  it('parenthesises by precedence, including the right side of - and /', () => {
    const e = bin('/', bin('-', col('c', 'x'), col('p', 'x')), bin('-', col('p', 'x'), num(1)));
    expect(renderExpr(e, 'sqlite')).toBe('(c.x - p.x) / (p.x - 1)');
  });

  it('renders a complete statement with joins, grouping, ordering and limit', () => {
    const q = select({
      items: [{ expr: col('wards', 'ward_name') }, { expr: fn('COUNT', [{ k: 'star' }]), alias: 'beds' }],
      from: [{ k: 'table', table: { name: 'beds', schema: 'hospital' } }],
      joins: [{ item: { k: 'table', table: { name: 'wards' } }, on: bin('=', col('wards', 'ward_id'), col('beds', 'ward_id')) }],
      groupBy: [col('wards', 'ward_name')], orderBy: [{ expr: { k: 'ref', name: 'beds' }, desc: true }], limit: 3,
    });
    expect(renderSelect(q, 'postgres')).toBe('SELECT wards.ward_name, COUNT(*) AS beds FROM hospital.beds JOIN wards ON wards.ward_id = beds.ward_id GROUP BY wards.ward_name ORDER BY beds DESC LIMIT 3');
  });
});

describe('glossary SQL snippets', () => {
  it('parses expressions and filters into the AST and re-renders them', () => {
    const e = parseSqlExpr('SUM(line_items.amount - line_items.qty * skus.cost) * 1.0 / COUNT(DISTINCT tickets.ticket_id)');
    expect(e.k).toBe('bin');
    expect(renderExpr(e, 'postgres')).toBe('SUM(line_items.amount - line_items.qty * skus.cost) * 1.0 / COUNT(DISTINCT tickets.ticket_id)');
    const f = parseSqlExpr("tickets.state NOT IN ('spam', 'duplicate') AND tickets.closed_at IS NOT NULL");
    expect(renderExpr(f, 'mysql')).toBe("tickets.state NOT IN ('spam', 'duplicate') AND tickets.closed_at IS NOT NULL");
  });

  it('reads the {as_of} placeholder of snapshot metrics', () => {
    const f = parseSqlExpr('members.joined_on <= {as_of} AND (members.left_on IS NULL OR members.left_on > {as_of})');
    expect(JSON.stringify(f)).toContain('{as_of}');
  });

  it('keeps unreadable snippets verbatim and still finds their columns', () => {
    const e = parseSqlExpr('SUM(x.a) FILTER (WHERE x.b > 1)');
    expect(e.k).toBe('raw');
    expect(qualifiedRefs("SUM(x.a) FILTER (WHERE x.b > 'y.z')")).toEqual([{ table: 'x', column: 'a' }, { table: 'x', column: 'b' }]);
  });
});
