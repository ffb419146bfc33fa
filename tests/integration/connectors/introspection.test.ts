import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnector } from '../../../electron/main/connectors/registry';
import type { Connector } from '../../../electron/main/connectors/types';
import type { SchemaInfo, TableInfo } from '../../../shared/types/schema';
import { mysqlFixture, postgresFixture, sqliteFixture, tempDir, writeShopCsvFolder, type Fixture } from './fixtures';

function table(schema: SchemaInfo, name: string): TableInfo {
  const found = schema.tables.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`table ${name} missing from ${schema.tables.map((t) => t.name).join(', ')}`);
  return found;
}

const column = (info: TableInfo, name: string) => info.columns.find((candidate) => candidate.name === name);

describe('schema introspection', () => {
  const dir = tempDir('aiser-introspection');
  const fixtures: Record<string, Fixture> = {};
  const connectors: Record<string, Connector> = {};

  beforeAll(async () => {
    fixtures.postgres = await postgresFixture();
    fixtures.mariadb = await mysqlFixture();
    fixtures.sqlite = await sqliteFixture(dir);
    for (const [engine, fixture] of Object.entries(fixtures)) connectors[engine] = createConnector(fixture.config);
    connectors.duckdb = createConnector({ type: 'files', path: writeShopCsvFolder(dir) });
  });

  afterAll(async () => {
    await Promise.all(Object.values(connectors).map((connector) => connector.close()));
    await fixtures.postgres.drop();
    await fixtures.mariadb.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.each(['postgres', 'mariadb', 'sqlite', 'duckdb'])('%s: tables, kinds, keys, counts and value index', async (engine) => {
    const schema = await connectors[engine].introspect();
    expect(schema.tables.map((info) => info.name).sort()).toEqual(['customers', 'orders']);
    const orders = table(schema, 'orders');
    const customers = table(schema, 'customers');
    expect(orders.columns.map((info) => info.name)).toEqual(['id', 'customer_id', 'amount', 'quantity', 'ordered_on']);
    expect(orders.columns.map((info) => info.kind)).toEqual(['number', 'number', 'number', 'number', 'date']);
    expect(orders.rowCountEstimate).toBe(6);
    expect(customers.rowCountEstimate).toBe(4);
    expect(column(customers, 'region')?.distinctValues).toEqual(['APAC', 'EU', 'US']);
    expect(column(customers, 'name')?.distinctValues).toEqual(['Acme', 'Globex', 'Initech', 'Umbrella']);
    expect(column(orders, 'amount')?.distinctValues).toBeUndefined();
    // Files have no declared keys: the link is inferred from `customer_id` to the keyless table's `id`.
    const link = schema.foreignKeys.find((fk) => fk.fromTable === 'orders');
    if (engine === 'duckdb') {
      expect(customers.primaryKey).toEqual([]);
      expect(schema.foreignKeys).toEqual([{ fromTable: 'orders', fromColumns: ['customer_id'], toTable: 'customers', toColumns: ['id'], inferred: true }]);
    } else {
      expect(customers.primaryKey).toEqual(['id']);
      expect(column(customers, 'id')?.isPrimaryKey).toBe(true);
      expect(link).toEqual({ fromTable: 'orders', fromColumns: ['customer_id'], toTable: 'customers', toColumns: ['id'], inferred: false });
    }
  });

  it('caps the value index: columns with more distinct values than the cap get none', async () => {
    const schema = await connectors.postgres.introspect({ distinctValueCap: 3 });
    const customers = table(schema, 'customers');
    expect(column(customers, 'region')?.distinctValues).toEqual(['APAC', 'EU', 'US']);
    expect(column(customers, 'name')?.distinctValues).toBeUndefined();
  });

  it('infers foreign keys from naming when none are declared', async () => {
    const undeclared = await sqliteFixture(tempDir('aiser-introspection-nofk'), false);
    const connector = createConnector(undeclared.config);
    try {
      const schema = await connector.introspect();
      expect(schema.foreignKeys).toEqual([{ fromTable: 'orders', fromColumns: ['customer_id'], toTable: 'customers', toColumns: ['id'], inferred: true }]);
    } finally {
      await connector.close();
      await undeclared.drop();
    }
  });

  it('version is stable for the same structure and changes when a column is added', async () => {
    const first = await connectors.postgres.introspect();
    const again = await connectors.postgres.introspect();
    expect(again.version).toBe(first.version);
    await fixtures.postgres.adminRows('ALTER TABLE orders ADD COLUMN note TEXT');
    const changed = await connectors.postgres.introspect();
    expect(changed.version).not.toBe(first.version);
    expect(table(changed, 'orders').columns.at(-1)?.name).toBe('note');
  });
});
