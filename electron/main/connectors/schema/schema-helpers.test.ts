import { describe, expect, it } from 'vitest';
import type { ColumnInfo, TableInfo } from '../../../../shared/types/schema';
import { inferForeignKeys } from './foreign-keys';
import { kindFromTypeName } from './kinds';
import { schemaVersion } from './version';

const col = (name: string, isPrimaryKey = false): ColumnInfo => ({ name, type: 'INTEGER', kind: 'number', nullable: !isPrimaryKey, isPrimaryKey });
const tableOf = (name: string, columns: ColumnInfo[]): TableInfo => ({
  name, columns, primaryKey: columns.filter((c) => c.isPrimaryKey).map((c) => c.name), rowCountEstimate: null,
});

describe('inferForeignKeys', () => {
  const customers = tableOf('customers', [col('id', true), col('name')]);
  const category = tableOf('category', [col('category_id', true)]);
  const companies = tableOf('companies', [col('id', true)]);
  const orders = tableOf('orders', [col('id', true), col('customer_id'), col('categoryId'), col('company_id'), col('paid')]);

  it('links <stem>_id / <stem>Id columns to the plural, singular or -ies table primary key', () => {
    expect(inferForeignKeys([customers, category, companies, orders], [])).toEqual([
      { fromTable: 'orders', fromColumns: ['customer_id'], toTable: 'customers', toColumns: ['id'], inferred: true },
      { fromTable: 'orders', fromColumns: ['categoryId'], toTable: 'category', toColumns: ['category_id'], inferred: true },
      { fromTable: 'orders', fromColumns: ['company_id'], toTable: 'companies', toColumns: ['id'], inferred: true },
    ]);
  });

  it('infers nothing when the source declares its keys, or when the target has a composite key', () => {
    const declared = [{ fromTable: 'orders', fromColumns: ['customer_id'], toTable: 'customers', toColumns: ['id'], inferred: false }];
    expect(inferForeignKeys([customers, orders], declared)).toEqual([]);
    const composite = tableOf('customers', [col('id', true), col('region', true)]);
    expect(inferForeignKeys([composite, orders], [])).toEqual([]);
  });

  it('links keyless tables (files, APIs) through a same-named column or `id`', () => {
    const fileCustomers = tableOf('customers', [col('customer_id'), col('name')]);
    const fileRegions = tableOf('regions', [col('id'), col('label')]);
    const fileOrders = tableOf('orders', [col('order_id'), col('customer_id'), col('region_id')]);
    const noKey = tableOf('stores', [col('label')]);
    const visits = tableOf('visits', [col('store_id')]);
    expect(inferForeignKeys([fileCustomers, fileRegions, fileOrders, noKey, visits], [])).toEqual([
      { fromTable: 'orders', fromColumns: ['customer_id'], toTable: 'customers', toColumns: ['customer_id'], inferred: true },
      { fromTable: 'orders', fromColumns: ['region_id'], toTable: 'regions', toColumns: ['id'], inferred: true },
    ]);
  });
});

describe('kindFromTypeName', () => {
  it.each([
    ['INTEGER', 'number'], ['bigint', 'number'], ['numeric(12,2)', 'number'], ['DECIMAL(10,2)', 'number'], ['double precision', 'number'],
    ['HUGEINT', 'number'], ['character varying(50)', 'text'], ['VARCHAR', 'text'], ['enum(\'a\',\'b\')', 'text'], ['uuid', 'text'],
    ['date', 'date'], ['timestamp with time zone', 'datetime'], ['DATETIME', 'datetime'], ['TIMESTAMP_NS', 'datetime'],
    ['boolean', 'boolean'], ['tinyint(1)', 'boolean'], ['time without time zone', 'other'], ['interval', 'other'], ['bytea', 'other'], ['', 'other'],
  ])('%s → %s', (type, kind) => {
    expect(kindFromTypeName(type)).toBe(kind);
  });
});

describe('schemaVersion', () => {
  const orders = tableOf('orders', [col('id', true), col('customer_id')]);
  it('ignores table order and row counts but not structure', () => {
    const customers = tableOf('customers', [col('id', true)]);
    const base = schemaVersion([orders, customers], []);
    expect(schemaVersion([customers, { ...orders, rowCountEstimate: 99 }], [])).toBe(base);
    expect(schemaVersion([customers, tableOf('orders', [col('id', true), col('customer_id'), col('note')])], [])).not.toBe(base);
    expect(schemaVersion([orders, customers], [{ fromTable: 'orders', fromColumns: ['customer_id'], toTable: 'customers', toColumns: ['id'], inferred: true }])).not.toBe(base);
  });
});
