import { describe, expect, it } from 'vitest';
import { DIALECTS, type Dialect } from '../../../shared/types/schema';
import { guardSql } from './guard';

const run = (sql: string, dialect: Dialect) => guardSql(sql, { dialect, rowLimit: 50, allowedTables: new Set(['orders']) }).sql;

describe('window frames on every dialect', () => {
  it.each(DIALECTS)('keeps ROWS and RANGE frames, long and short forms, on %s', (dialect) => {
    const sql = run('SELECT id, SUM(amount) OVER (PARTITION BY region ORDER BY id ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS a, '
      + 'SUM(amount) OVER (ORDER BY amount RANGE BETWEEN UNBOUNDED PRECEDING AND 1.5 FOLLOWING) AS b, '
      + 'MIN(amount) OVER (ORDER BY id ROWS 3 PRECEDING) AS c FROM orders', dialect);
    expect(sql).toMatch(/ORDER BY .?id.? ASC ROWS BETWEEN 2 PRECEDING AND CURRENT ROW\)/);
    expect(sql).toContain('ASC RANGE BETWEEN UNBOUNDED PRECEDING AND 1.5 FOLLOWING)');
    expect(sql).toContain('ASC ROWS 3 PRECEDING)');
  });

  it.each(DIALECTS)('keeps a frame on a window without ORDER BY on %s', (dialect) => {
    expect(run('SELECT id, SUM(amount) OVER (PARTITION BY region ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS t FROM orders', dialect))
      .toMatch(/OVER \(PARTITION BY .?region.? ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING\)/);
  });

  it.each(['postgres', 'duckdb', 'sqlite'] as const)('keeps GROUPS frames and EXCLUDE on %s', (dialect) => {
    const sql = run('SELECT id, AVG(amount) OVER (ORDER BY id GROUPS BETWEEN 1 PRECEDING AND CURRENT ROW EXCLUDE TIES) AS a, '
      + 'SUM(amount) OVER (ORDER BY id ROWS BETWEEN 2 PRECEDING AND CURRENT ROW EXCLUDE CURRENT ROW) AS b FROM orders', dialect);
    expect(sql).toContain('GROUPS BETWEEN 1 PRECEDING AND CURRENT ROW EXCLUDE TIES)');
    expect(sql).toContain('ROWS BETWEEN 2 PRECEDING AND CURRENT ROW EXCLUDE CURRENT ROW)');
  });

  it.each(['postgres', 'duckdb'] as const)('keeps frames in a named WINDOW clause on %s', (dialect) => {
    expect(run('SELECT id, AVG(amount) OVER w AS a FROM orders WINDOW w AS (ORDER BY id RANGE BETWEEN 5 PRECEDING AND CURRENT ROW)', dialect))
      .toContain('WINDOW w AS (ORDER BY id ASC RANGE BETWEEN 5 PRECEDING AND CURRENT ROW)');
  });

  it('keeps interval offsets of RANGE frames in each dialect\'s spelling', () => {
    expect(run("SELECT id, SUM(amount) OVER (ORDER BY ordered_at RANGE BETWEEN INTERVAL '7 days' PRECEDING AND CURRENT ROW) AS w FROM orders", 'postgres'))
      .toContain("RANGE BETWEEN INTERVAL '7 DAYS' PRECEDING AND CURRENT ROW)");
    expect(run('SELECT id, SUM(amount) OVER (ORDER BY ordered_at RANGE BETWEEN INTERVAL 7 DAY PRECEDING AND CURRENT ROW) AS w FROM orders', 'mysql'))
      .toContain('RANGE BETWEEN INTERVAL 7 DAY PRECEDING AND CURRENT ROW)');
  });

  it('explains frames MariaDB does not run instead of sending them', () => {
    expect(() => run('SELECT AVG(amount) OVER (ORDER BY id GROUPS 1 PRECEDING) FROM orders', 'mysql')).toThrow(/GROUPS frames are not available in MariaDB.*Use ROWS or RANGE/);
    expect(() => run('SELECT AVG(amount) OVER (ORDER BY id ROWS 1 PRECEDING EXCLUDE TIES) FROM orders', 'mysql')).toThrow(/Remove the EXCLUDE clause/);
    expect(() => run("SELECT AVG(amount) OVER (ORDER BY id ROWS BETWEEN INTERVAL '1 day' PRECEDING AND CURRENT ROW) FROM orders", 'postgres')).toThrow(/RANGE/);
  });

  it.each(DIALECTS)('refuses frame offsets that are not literals, and markers written by hand, on %s', (dialect) => {
    for (const sql of [
      'SELECT SUM(amount) OVER (ORDER BY id ROWS BETWEEN (SELECT COUNT(*) FROM secrets) PRECEDING AND CURRENT ROW) FROM orders',
      'SELECT SUM(amount) OVER (ORDER BY id ROWS BETWEEN abs(-1) PRECEDING AND CURRENT ROW) FROM orders',
      'SELECT SUM(amount) OVER (ORDER BY id, aiser_frame_rows_p_cr((SELECT 1)))  FROM orders',
      'SELECT aiser_frame_rows_p_cr(1) FROM orders',
      'SELECT SUM(amount) OVER (ORDER BY id, aiser_frame_rows_p_cr(1, 2)) FROM orders',
      'SELECT SUM(amount) OVER (ORDER BY id, aiser_frame_drop_p(1)) FROM orders',
    ]) expect(() => run(sql, dialect), `${dialect}: ${sql}`).toThrow();
  });

  it('leaves columns named like frame keywords alone', () => {
    expect(run('SELECT "rows", "range" FROM orders WHERE "groups" > 1', 'postgres')).toBe('SELECT "rows", "range" FROM "orders" WHERE "groups" > 1 LIMIT 50');
  });
});

describe('SQLite named windows', () => {
  it('runs WINDOW w AS (…) as the same windows written inline, frames included', () => {
    expect(run('SELECT id, FIRST_VALUE(amount) OVER w AS f, LAST_VALUE(amount) OVER w AS l, SUM(amount) OVER r AS s FROM orders '
      + 'WHERE amount > 0 WINDOW w AS (PARTITION BY region ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING), r AS (ORDER BY id) ORDER BY id', 'sqlite'))
      .toBe('SELECT "id", FIRST_VALUE("amount") OVER (PARTITION BY "region" ORDER BY "id" ASC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "f", '
        + 'LAST_VALUE("amount") OVER (PARTITION BY "region" ORDER BY "id" ASC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "l", '
        + 'SUM("amount") OVER (PARTITION BY NULL ORDER BY "id" ASC) AS "s" FROM "orders" WHERE "amount" > 0 ORDER BY "id" ASC LIMIT 50');
  });

  it('still checks what an inlined window holds, and leaves unknown window names to the parser', () => {
    expect(() => run("SELECT SUM(amount) OVER w FROM orders WINDOW w AS (PARTITION BY load_extension('x'))", 'sqlite')).toThrow(/not allowed/);
    expect(() => run('SELECT SUM(amount) OVER v FROM orders WINDOW w AS (ORDER BY id)', 'sqlite')).toThrow();
  });
});
