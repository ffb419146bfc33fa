import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardSql, type RowPolicy } from '../../../electron/main/sql/guard';
import { CORPUS_ALLOWED_TABLES, loadCorpus } from '../../../electron/main/sql/corpus/load';
import type { Dialect } from '../../../shared/types/schema';
import { CUSTOMERS, OPENERS, ORDERS, type TestDatabase } from './databases';

const legit = loadCorpus('legit');
const EU_ONLY: RowPolicy[] = [
  { table: 'orders', column: 'region', op: '=', value: 'EU' },
  { table: 'customers', column: 'region', op: '=', value: 'EU' },
];
const euOrderIds = ORDERS.filter((o) => o[3] === 'EU').map((o) => o[0]).sort((a, b) => a - b);
const euCustomerIds = CUSTOMERS.filter((c) => c[2] === 'EU').map((c) => c[0]);

const guard = (sql: string, dialect: Dialect, rowLimit: number, rowPolicies: RowPolicy[] = []) =>
  guardSql(sql, { dialect, rowLimit, allowedTables: CORPUS_ALLOWED_TABLES, rowPolicies }).sql;
/** Row values only (engines name unaliased expression columns after their text), order-insensitive. */
const canonicalRows = (rows: Record<string, unknown>[]) =>
  JSON.stringify(rows.map((r) => JSON.stringify(Object.values(r), (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))).sort());
const ids = (rows: Record<string, unknown>[], key = 'id') => rows.map((r) => Number(r[key])).sort((a, b) => a - b);

describe.each(['sqlite', 'duckdb', 'postgres', 'mysql'] as const)('guarded SQL on real %s', (dialect) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await OPENERS[dialect]();
  });
  afterAll(async () => {
    await db?.close();
  });

  const entries = legit.filter((e) => e.dialect === dialect);

  it(`runs every legitimate corpus query (${entries.length}) with an injected row limit`, async () => {
    expect(entries.length).toBeGreaterThan(20);
    const failures: string[] = [];
    for (const { sql } of entries) {
      const rows = await db.run(guard(sql, dialect, 2)).catch((error: Error) => failures.push(`${sql}\n  ${error.message}`));
      if (Array.isArray(rows)) expect(rows.length, sql).toBeLessThanOrEqual(2);
    }
    expect(failures).toEqual([]);
  });

  it('runs every legitimate corpus query with row policies applied', async () => {
    const failures: string[] = [];
    for (const { sql } of entries) {
      await db.run(guard(sql, dialect, 1000, EU_ONLY)).catch((error: Error) => failures.push(`${sql}\n  ${error.message}`));
    }
    expect(failures).toEqual([]);
  });

  it('rewrites without changing meaning: guarded and original queries return the same rows', async () => {
    const differences: string[] = [];
    // Clock-dependent queries cannot be compared across two runs.
    for (const { sql } of entries.filter((e) => !/now\(|current_|curdate/i.test(e.sql))) {
      const original = canonicalRows(await db.run(sql));
      const guarded = canonicalRows(await db.run(guard(sql, dialect, 100_000)));
      if (original !== guarded) differences.push(`${sql}\n  original ${original}\n  guarded  ${guarded}`);
    }
    expect(differences).toEqual([]);
  });

  it('clamps a larger LIMIT and keeps a smaller one', async () => {
    expect(await db.run(guard('SELECT id FROM orders ORDER BY id LIMIT 500', dialect, 3))).toHaveLength(3);
    expect(await db.run(guard('SELECT id FROM orders ORDER BY id LIMIT 2', dialect, 3))).toHaveLength(2);
    expect(await db.run(guard('SELECT id FROM orders UNION SELECT id FROM customers', dialect, 4))).toHaveLength(4);
    if (dialect !== 'sqlite') {
      // SQLite has no parenthesised UNION branches; elsewhere the limit must cover the whole UNION.
      expect(await db.run(guard('(SELECT id FROM orders) UNION ALL (SELECT id FROM customers)', dialect, 4))).toHaveLength(4);
      expect(await db.run(guard('SELECT id FROM orders UNION ALL (SELECT id FROM customers ORDER BY id LIMIT 3)', dialect, 4))).toHaveLength(4);
    }
  });

  it('returns only the rows a row policy allows, however the table is referenced', async () => {
    const queries = [
      'SELECT id FROM orders',
      'SELECT o.id FROM orders o',
      'SELECT id FROM orders WHERE 1 = 1 OR region = \'US\'',
      'WITH x AS (SELECT * FROM orders) SELECT id FROM x',
      'SELECT id FROM (SELECT id, region FROM orders) sub',
      'SELECT o.id FROM customers c RIGHT JOIN orders o ON o.customer_id = c.id'.replace('RIGHT JOIN', dialect === 'sqlite' ? 'JOIN' : 'RIGHT JOIN'),
      'SELECT id FROM orders WHERE id IN (SELECT id FROM orders)',
    ];
    for (const sql of queries) {
      expect(ids(await db.run(guard(sql, dialect, 1000, EU_ONLY))), sql).toEqual(euOrderIds);
    }
  });

  it('keeps outer joins correct: a LEFT JOIN cannot surface hidden rows of the restricted side', async () => {
    const rows = await db.run(guard(
      'SELECT c.id AS customer, o.id AS order_id, o.region FROM customers c LEFT JOIN orders o ON o.customer_id = c.id ORDER BY c.id, o.id',
      dialect,
      1000,
      [{ table: 'orders', column: 'region', op: '=', value: 'EU' }],
    ));
    expect(rows.map((r) => r.region).filter((r) => r !== null).every((r) => r === 'EU')).toBe(true);
    expect(new Set(rows.map((r) => Number(r.customer))).size).toBe(CUSTOMERS.length); // customers unrestricted
    expect(rows.filter((r) => r.order_id !== null).map((r) => Number(r.order_id)).sort((a, b) => a - b)).toEqual(euOrderIds);
  });

  it('applies IN policies and several policies at once', async () => {
    const rows = await db.run(guard('SELECT c.id FROM customers c', dialect, 1000, [
      { table: 'customers', column: 'region', op: 'in', value: ['EU', 'APAC'] },
      { table: 'customers', column: 'id', op: 'in', value: [1, 3, 5] },
    ]));
    expect(ids(rows)).toEqual([1, 3, 5]);
    expect(ids(await db.run(guard('SELECT id FROM customers', dialect, 1000, EU_ONLY)))).toEqual(euCustomerIds);
  });
});
