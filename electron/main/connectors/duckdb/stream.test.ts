import { describe, expect, it } from 'vitest';
import { boundedRowCount } from './stream';

describe('boundedRowCount (which DuckDB results are small enough to materialise)', () => {
  it.each([
    ['SELECT region, SUM(amount) FROM "sales" GROUP BY region ORDER BY region ASC LIMIT 10001', 10001],
    ['select * from t limit 5;', 5],
    ['SELECT * FROM t LIMIT 5 ;\n', 5],
    ['WITH "x" AS (SELECT 1 AS "a") SELECT * FROM "x" UNION ALL SELECT 2 LIMIT 10001', 10001],
  ])('reads the top-level limit of %s', (sql, limit) => {
    expect(boundedRowCount(sql)).toBe(limit);
  });

  it.each([
    'SELECT * FROM t',
    'SELECT * FROM (SELECT * FROM t LIMIT 5)',
    'SELECT * FROM t WHERE id IN (SELECT id FROM u LIMIT 5)',
    'SELECT * FROM t LIMIT 5 OFFSET 10',
    'SELECT * FROM t -- LIMIT 5',
    'SELECT * FROM t /* LIMIT 5 */ LIMIT 5',
    "SELECT 'LIMIT 5'",
    'SELECT * FROM t LIMIT 10 PERCENT',
  ])('finds no bound it can trust in %s', (sql) => {
    expect(boundedRowCount(sql)).toBeNull();
  });
});
