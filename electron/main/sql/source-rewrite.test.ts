import { describe, expect, it } from 'vitest';
import type { Dialect } from '../../../shared/types/schema';
import { guardSql, type ColumnMasking } from './guard';

const KEY = { outer: 'a1'.repeat(32), inner: 'b2'.repeat(32) };
const masking: ColumnMasking = {
  tables: new Map([['customers', [{ name: 'id', mask: null }, { name: 'full_name', mask: 'hash' }, { name: 'email', mask: 'partial' }, { name: 'region', mask: null }]]]),
  key: KEY,
};
const guard = (sql: string, dialect: Dialect = 'postgres') =>
  guardSql(sql, { dialect, rowLimit: 100, allowedTables: new Set(['customers', 'orders']), masking, rowPolicies: [{ table: 'customers', column: 'region', op: '=', value: 'EU' }] });

describe('masking at the source', () => {
  it('replaces every reference to a protected table — CTE, subquery, set operation, join, whole row — by the masked projection', () => {
    for (const sql of [
      'SELECT c FROM customers c',
      'WITH x AS (SELECT * FROM customers) SELECT * FROM x',
      'SELECT id FROM orders WHERE customer_id IN (SELECT id FROM customers WHERE email LIKE \'a%\')',
      'SELECT email FROM customers UNION SELECT status FROM orders',
      'SELECT o.id FROM orders o CROSS JOIN LATERAL (SELECT email FROM customers c WHERE c.id = o.customer_id) l',
    ]) {
      const { sql: run } = guard(sql);
      const references = run.match(/FROM "customers"/g) ?? [];
      expect(references.length, sql).toBeGreaterThan(0);
      // Each reference reads the table only inside a projection that masks e-mail and name.
      expect(run.split('FROM "customers"').length - 1, sql).toBe((run.match(/END AS "email"/g) ?? []).length);
      expect(run, sql).toContain(`WHERE "region" = 'EU'`);
    }
  });

  it('never shows the key: the shown SQL has no masking projection, errors get placeholders', () => {
    const result = guard('SELECT full_name FROM customers');
    expect(result.sql).toContain(KEY.outer);
    expect(result.shownSql).not.toContain(KEY.outer);
    expect(result.shownSql).not.toContain('sha256');
    expect(result.shownSql).toContain(`WHERE "region" = 'EU'`);
  });

  it('hashes with the key on every engine that has a hash function and redacts on SQLite', () => {
    expect(guard('SELECT full_name FROM customers', 'mysql').sql).toContain('SHA2(');
    expect(guard('SELECT full_name FROM customers', 'duckdb').sql).toContain('sha256(');
    const sqlite = guard('SELECT full_name FROM customers', 'sqlite').sql;
    expect(sqlite).not.toContain(KEY.outer);
    expect(sqlite).toContain("'••••'");
  });

  it('refuses a malformed key and a column name it cannot quote safely', () => {
    expect(() => guardSql('SELECT 1', { dialect: 'postgres', rowLimit: 5, masking: { ...masking, key: { outer: 'x', inner: 'y' } } })).toThrow(/masking.key/);
    const odd: ColumnMasking = { tables: new Map([['customers', [{ name: 'e"mail', mask: 'redact' }]]]), key: KEY };
    expect(() => guardSql('SELECT * FROM customers', { dialect: 'postgres', rowLimit: 5, masking: odd })).toThrow(/cannot be masked safely/);
  });
});

describe('grammar gaps of the parser', () => {
  it('accepts VARIANCE/STD on MySQL and windows without PARTITION BY on SQLite, keeping their meaning', () => {
    expect(guardSql('SELECT VARIANCE(amount) AS v, STD(amount) AS s FROM orders', { dialect: 'mysql', rowLimit: 5 }).sql).toBe('SELECT VARIANCE(`amount`) AS `v`, STD(`amount`) AS `s` FROM `orders` LIMIT 5');
    expect(guardSql('SELECT id, ROW_NUMBER() OVER (ORDER BY id) AS rn FROM orders', { dialect: 'sqlite', rowLimit: 5 }).sql).toContain('OVER (PARTITION BY NULL ORDER BY');
  });

  it('still refuses a forbidden function spelled with the internal alias prefix', () => {
    expect(() => guardSql('SELECT aiser_fn_sleep(5)', { dialect: 'mysql', rowLimit: 5 })).toThrow(/sleep\(\) is not allowed/);
  });
});

describe('standard row limiting', () => {
  it('reads FETCH FIRST … ROWS ONLY as the LIMIT it means on PostgreSQL and DuckDB', () => {
    expect(guardSql('SELECT id FROM orders ORDER BY id OFFSET 2 ROWS FETCH FIRST 3 ROWS ONLY', { dialect: 'postgres', rowLimit: 100 }).sql).toBe('SELECT id FROM "orders" ORDER BY id ASC LIMIT 3 OFFSET 2');
    expect(guardSql('SELECT id FROM orders FETCH NEXT 500 ROWS ONLY', { dialect: 'duckdb', rowLimit: 100 }).sql).toBe('SELECT id FROM "orders" LIMIT 100');
  });
});
