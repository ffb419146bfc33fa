import { describe, expect, it } from 'vitest';
import type { Dialect } from '../../../shared/types/schema';
import { guardSql } from './guard';

const run = (sql: string, dialect: Dialect) => guardSql(sql, { dialect, rowLimit: 50 }).sql;
const postgresLike: Dialect[] = ['postgres', 'duckdb'];

describe('analytic syntax the parser grammar cannot read', () => {
  it.each(postgresLike)('keeps GROUPING SETS, including the empty set, on %s', (dialect) => {
    expect(run('SELECT region, status, SUM(amount) FROM orders GROUP BY GROUPING SETS ((region, status), (region), ())', dialect))
      .toBe('SELECT region, status, SUM(amount) FROM "orders" GROUP BY GROUPING SETS((region, status), (region), ()) LIMIT 50');
  });

  it.each(postgresLike)('keeps percent_rank() and cume_dist() windows on %s', (dialect) => {
    expect(run('SELECT id, percent_rank() OVER (ORDER BY amount) AS pr, cume_dist() OVER (PARTITION BY region ORDER BY amount) AS cd FROM orders', dialect))
      .toBe('SELECT id, percent_rank() OVER (ORDER BY amount ASC) AS "pr", cume_dist() OVER (PARTITION BY region ORDER BY amount ASC) AS "cd" FROM "orders" LIMIT 50');
  });

  it.each(postgresLike)('keeps IS [NOT] DISTINCT FROM on %s, parenthesised so precedence cannot shift', (dialect) => {
    expect(run("SELECT id FROM orders WHERE status IS DISTINCT FROM 'pending' AND region IS NOT DISTINCT FROM 'EU'", dialect))
      .toBe(`SELECT id FROM "orders" WHERE (status IS DISTINCT FROM 'pending') AND (region IS NOT DISTINCT FROM 'EU') LIMIT 50`);
    expect(run('SELECT id, amount IS DISTINCT FROM 1 + 2 AS d FROM orders', dialect)).toContain('(amount IS DISTINCT FROM 1 + 2) AS "d"');
  });

  it('keeps native IS forms unchanged on PostgreSQL', () => {
    expect(run('SELECT id FROM orders WHERE status IS NULL AND region IS NOT NULL AND (amount > 1) IS TRUE', 'postgres'))
      .toBe('SELECT id FROM "orders" WHERE status IS NULL AND region IS NOT NULL AND (amount > 1) IS TRUE LIMIT 50');
  });

  it('refuses IS DISTINCT FROM inside another comparison without parentheses instead of guessing precedence', () => {
    expect(() => run("SELECT id FROM orders WHERE status LIKE region IS DISTINCT FROM status", 'postgres')).toThrow(/in parentheses/);
  });

  it("writes IS [NOT] DISTINCT FROM as SQLite's own null-safe IS / IS NOT", () => {
    expect(run("SELECT id FROM orders WHERE status IS DISTINCT FROM 'pending' OR region IS NOT DISTINCT FROM NULL", 'sqlite'))
      .toBe(`SELECT "id" FROM "orders" WHERE "status" IS NOT 'pending' OR "region" IS NULL LIMIT 50`);
  });

  it('keeps FILTER (WHERE …) on SQLite aggregates, also inside larger expressions', () => {
    expect(run("SELECT region, SUM(amount) FILTER (WHERE status = 'shipped') * 2 AS s, 'n=' || COUNT(*) FILTER (WHERE status = 'pending') AS n FROM orders GROUP BY region", 'sqlite'))
      .toBe(`SELECT "region", SUM("amount") FILTER (WHERE "status" = 'shipped') * 2 AS "s", 'n=' || COUNT(*) FILTER (WHERE "status" = 'pending') AS "n" FROM "orders" GROUP BY "region" LIMIT 50`);
  });

  it('refuses a SQLite FILTER it cannot attach to its aggregate rather than dropping a clause', () => {
    expect(() => run("SELECT COUNT(*) FILTER (WHERE status = 'shipped') OVER (PARTITION BY region) FROM orders", 'sqlite')).toThrow(/CASE WHEN/);
    expect(() => run("SELECT upper(region) FILTER (WHERE status = 'shipped') FROM orders", 'sqlite')).toThrow(/CASE WHEN/);
  });

  it("accepts MariaDB's null-safe <=>, keeping TRUE as the 1 it compares with", () => {
    expect(run("SELECT id, region <=> 'EU' AS eu FROM orders WHERE NOT (status <=> 'pending') OR (amount > 1) <=> TRUE", 'mysql'))
      .toBe("SELECT `id`, (`region` <=> 'EU') AS `eu` FROM `orders` WHERE NOT((`status` <=> 'pending')) OR ((`amount` > 1) <=> 1) LIMIT 50");
  });

  it('still refuses forbidden functions hidden inside the new constructs', () => {
    expect(() => run('SELECT region FROM orders GROUP BY GROUPING SETS ((pg_sleep(5)), ())', 'postgres')).toThrow(/pg_sleep\(\) is not allowed/);
    expect(() => run('SELECT id FROM orders WHERE status IS DISTINCT FROM pg_read_file(\'/etc/passwd\')', 'postgres')).toThrow(/not allowed/);
    expect(() => run("SELECT COUNT(*) FILTER (WHERE load_extension('x') IS NULL) FROM orders", 'sqlite')).toThrow(/not allowed/);
    expect(() => run('SELECT id FROM orders WHERE status <=> SLEEP(5)', 'mysql')).toThrow(/not allowed/);
  });
});
