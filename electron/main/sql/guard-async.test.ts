import { describe, expect, it } from 'vitest';
import type { Dialect } from '../../../shared/types/schema';
import { guardSql, guardSqlAsync, SqlGuardError, type ColumnMasking, type GuardOptions } from './guard';

const KEY = { outer: 'c3'.repeat(32), inner: 'd4'.repeat(32) };
const masking: ColumnMasking = {
  tables: new Map([['customers', [{ name: 'id', mask: null }, { name: 'email', mask: 'partial' }, { name: 'region', mask: null }]]]),
  key: KEY,
};
const allowedTables = new Set(['orders', 'customers']);
const options = (dialect: Dialect, extra: Partial<GuardOptions> = {}): GuardOptions => ({ dialect, rowLimit: 50, allowedTables, ...extra });
const codeOfAsync = async (run: Promise<unknown>): Promise<string> => {
  try {
    await run;
  } catch (error) {
    if (error instanceof SqlGuardError) return error.code;
    throw error;
  }
  return 'ACCEPTED';
};

const STATEMENTS = [
  'SELECT id, total FROM orders WHERE total > 10 ORDER BY total DESC',
  'WITH c AS (SELECT id, region FROM customers) SELECT c.region, count(*) AS n FROM c JOIN orders o ON o.customer_id = c.id GROUP BY c.region',
  '(SELECT id FROM orders) UNION (SELECT id FROM customers)',
  'SELECT region, sum(total) OVER (PARTITION BY region ORDER BY id) AS running FROM orders',
];

describe('the non-blocking guard', () => {
  it.each(['postgres', 'mysql', 'sqlite', 'duckdb'] as const)('returns what the blocking guard returns, with row policies and masking (%s)', async (dialect) => {
    for (const sql of STATEMENTS) {
      for (const extra of [{}, { rowPolicies: [{ table: 'customers', column: 'region', op: '=' as const, value: 'EU' }], masking }]) {
        const blocking = guardSql(sql, options(dialect, extra));
        const awaited = await guardSqlAsync(sql, options(dialect, extra));
        expect(awaited).toEqual(blocking);
      }
    }
  });

  it('answers many statements asked at once, each with its own result', async () => {
    const asked = Array.from({ length: 24 }, (_, i) => `SELECT id FROM orders WHERE total > ${i} LIMIT ${i + 1}`);
    const results = await Promise.all(asked.map((sql) => guardSqlAsync(sql, options('postgres'))));
    expect(results.map((r) => r.sql)).toEqual(asked.map((_, i) => `SELECT id FROM "orders" WHERE total > ${i} LIMIT ${i + 1}`));
  });

  it('shares the worker with a blocking caller that asks while non-blocking requests wait', async () => {
    const asked = Array.from({ length: 8 }, (_, i) => `SELECT id FROM customers WHERE id <> ${i + 100}`);
    const pending = asked.map((sql) => guardSqlAsync(sql, options('sqlite')));
    const blocking = guardSql('SELECT id FROM customers WHERE id = 7', options('sqlite'));
    expect(blocking.sql).toBe('SELECT "id" FROM "customers" WHERE "id" = 7 LIMIT 50');
    expect((await Promise.all(pending)).map((r) => r.sql)).toEqual(asked.map((_, i) => `SELECT "id" FROM "customers" WHERE "id" <> ${i + 100} LIMIT 50`));
  });

  it('refuses what the blocking guard refuses, with the same codes', async () => {
    const refused = ['DELETE FROM orders', 'SELECT * FROM secrets', 'SELECT pg_sleep(10)', 'SELECT id FROM orders WHERE', 'SELECT 1; SELECT 2'];
    const blocking = refused.map((sql) => { try { guardSql(sql, options('postgres')); return 'ACCEPTED'; } catch (error) { return (error as SqlGuardError).code; } });
    const awaited = await Promise.all(refused.map((sql) => codeOfAsync(guardSqlAsync(sql, options('postgres')))));
    expect(awaited).toEqual(blocking);
    expect(awaited).toEqual(['SQL_WRITE', 'SQL_FORBIDDEN_TABLE', 'SQL_FORBIDDEN_FUNCTION', 'SQL_PARSE_ERROR', 'SQL_MULTIPLE_STATEMENTS']);
  });

  it('stops a runaway parse while the event loop keeps running, and keeps working after it', async () => {
    const pathological = `SELECT ${'CAST(('.repeat(10)}1 +${') AS int)'.repeat(10)} FROM orders`;
    let ticks = 0;
    const ticker = setInterval(() => { ticks += 1; }, 5);
    const [refused, other] = await Promise.all([
      codeOfAsync(guardSqlAsync(pathological, options('postgres'))),
      guardSqlAsync('SELECT id FROM customers', options('postgres')),
    ]);
    clearInterval(ticker);
    expect(refused).toBe('SQL_TOO_COMPLEX');
    expect(other.sql).toBe('SELECT id FROM "customers" LIMIT 50'); // asked behind the runaway parse, answered by the new worker
    expect(ticks, 'timers ran while the worker parsed').toBeGreaterThan(0);
    expect((await guardSqlAsync('SELECT id FROM orders', options('postgres'))).sql).toBe('SELECT id FROM "orders" LIMIT 50');
  });
});
