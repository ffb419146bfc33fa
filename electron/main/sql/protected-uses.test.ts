import { describe, expect, it } from 'vitest';
import type { Dialect } from '../../../shared/types/schema';
import { guardSql, type ColumnMasking } from './guard';

const masking: ColumnMasking = {
  tables: new Map([
    ['customers', [{ name: 'id', mask: null }, { name: 'name', mask: 'partial' }, { name: 'email', mask: 'hash' }, { name: 'region', mask: null }]],
  ]),
  key: { outer: 'a'.repeat(64), inner: 'b'.repeat(64) },
};
const uses = (sql: string, dialect: Dialect = 'postgres') =>
  guardSql(sql, { dialect, rowLimit: 100, allowedTables: new Set(['customers', 'orders']), masking }).protectedUses;

describe('protected columns a query filters, joins or computes on', () => {
  it('does not report showing, grouping, ordering or counting a protected column', () => {
    expect(uses('SELECT name, email FROM customers ORDER BY email')).toEqual([]);
    expect(uses('SELECT region, COUNT(DISTINCT email) AS people FROM customers GROUP BY region')).toEqual([]);
    expect(uses('SELECT * FROM customers c')).toEqual([]);
    expect(uses('SELECT o.total FROM orders o WHERE o.total > 10')).toEqual([]);
  });

  it('reports filters, joins and calculations on a protected column, in every dialect', () => {
    for (const dialect of ['postgres', 'mysql', 'sqlite', 'duckdb'] as const) {
      expect(uses("SELECT id FROM customers WHERE email LIKE 'a%'", dialect)).toEqual(['customers.email']);
    }
    expect(uses('SELECT o.total FROM orders o JOIN customers c ON c.email = o.buyer_email')).toEqual(['customers.email']);
    expect(uses('SELECT SUBSTR(email, 2, 1) AS c, UPPER(name) AS n FROM customers')).toEqual(['customers.email', 'customers.name']);
    expect(uses('SELECT region FROM customers GROUP BY region HAVING MAX(name) > \'m\'')).toEqual(['customers.name']);
    expect(uses('SELECT id FROM orders WHERE buyer_email IN (SELECT email FROM customers)')).toEqual(['customers.email']);
  });

  it('reports nothing for a caller who may see personal data', () => {
    expect(guardSql("SELECT id FROM customers WHERE email LIKE 'a%'", { dialect: 'postgres', rowLimit: 10 }).protectedUses).toBeUndefined();
  });
});
