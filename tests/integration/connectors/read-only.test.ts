import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnector } from '../../../electron/main/connectors/registry';
import type { Connector } from '../../../electron/main/connectors/types';
import { collect, errorCodeOf, mysqlFixture, postgresFixture, sqliteFixture, tempDir, writeShopCsvFolder, type Fixture } from './fixtures';

/** The guard is bypassed on purpose: these go straight to connector.query(). */
const COMMON_WRITES = [
  "INSERT INTO orders VALUES (99, 1, 1.00, 1, '2024-05-05')",
  'UPDATE orders SET amount = 0',
  'DELETE FROM orders',
  'DROP TABLE orders',
  'CREATE TABLE evil (a INTEGER)',
  'SELECT 1; DELETE FROM orders',
];

const REFUSED = ['READ_ONLY_VIOLATION', 'QUERY_FAILED'];
const dir = tempDir('aiser-read-only');
const outsideFile = path.join(dir, 'exfiltrated.txt');

const HOSTILE_BY_ENGINE: Record<string, string[]> = {
  postgres: [
    ...COMMON_WRITES,
    'TRUNCATE orders',
    `COPY (SELECT * FROM orders) TO '${outsideFile}'`,
    'WITH gone AS (DELETE FROM orders RETURNING *) SELECT count(*) FROM gone',
    'SELECT * INTO evil_copy FROM orders',
    "SELECT set_config('transaction_read_only', 'off', false)",
  ],
  mariadb: [
    ...COMMON_WRITES,
    'TRUNCATE orders',
    'WITH gone AS (DELETE FROM orders) SELECT 1',
    'SET SESSION TRANSACTION READ WRITE',
    'CREATE TEMPORARY TABLE orders_shadow AS SELECT * FROM orders',
  ],
  sqlite: [
    ...COMMON_WRITES,
    'WITH gone AS (DELETE FROM orders RETURNING *) SELECT count(*) FROM gone',
    `ATTACH DATABASE '${path.join(dir, 'attached.db')}' AS side`,
    `VACUUM INTO '${path.join(dir, 'copy.db')}'`,
    'PRAGMA user_version = 7',
  ],
  duckdb: [
    ...COMMON_WRITES,
    'DROP VIEW orders',
    'CREATE OR REPLACE VIEW orders AS SELECT 1 AS id',
    `COPY (SELECT 1 AS id) TO '__ORDERS_CSV__' (HEADER, USE_TMP_FILE false)`,
    `COPY (SELECT * FROM orders) TO '${outsideFile}'`,
    `ATTACH '${path.join(dir, 'side.duckdb')}' AS side`,
    'INSTALL httpfs',
    'SET enable_external_access = true',
    "SELECT * FROM read_csv('/etc/passwd')",
  ],
};

const ORDERS_FINGERPRINT = 'SELECT COUNT(*), SUM(quantity), MAX(id) FROM orders';

describe('the database session itself refuses writes (guard bypassed)', () => {
  const connectors: Record<string, Connector> = {};
  const fixtures: Record<string, Fixture> = {};
  let ordersCsv = '';

  beforeAll(async () => {
    fixtures.postgres = await postgresFixture();
    fixtures.mariadb = await mysqlFixture();
    fixtures.sqlite = await sqliteFixture(dir);
    for (const [engine, fixture] of Object.entries(fixtures)) connectors[engine] = createConnector(fixture.config);
    const folder = writeShopCsvFolder(dir);
    ordersCsv = path.join(folder, 'orders.csv');
    connectors.duckdb = createConnector({ type: 'files', path: folder });
  });

  afterAll(async () => {
    await Promise.all(Object.values(connectors).map((connector) => connector.close()));
    await fixtures.postgres.drop();
    await fixtures.mariadb.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.each(Object.keys(HOSTILE_BY_ENGINE))('%s refuses every hostile statement and keeps its data', async (engine) => {
    const before = await collect(connectors[engine].query(ORDERS_FINGERPRINT));
    const csvBefore = fs.readFileSync(ordersCsv, 'utf8');
    for (const raw of HOSTILE_BY_ENGINE[engine]) {
      const sql = raw.replace('__ORDERS_CSV__', ordersCsv);
      const code = await errorCodeOf(() => collect(connectors[engine].query(sql)));
      expect(REFUSED, `${engine} accepted: ${sql}`).toContain(code);
    }
    expect((await collect(connectors[engine].query(ORDERS_FINGERPRINT))).rows).toEqual(before.rows);
    expect(before.rows).toEqual([[6, 21, 6]]);
    expect(fs.readFileSync(ordersCsv, 'utf8')).toBe(csvBefore);
    expect(fs.existsSync(outsideFile)).toBe(false);
    expect(fs.readdirSync(dir).filter((name) => /attached|copy|side/.test(name))).toEqual([]);
  });

  it('postgres: writes are refused by the READ ONLY transaction itself, not only by the cursor wrapper', async () => {
    await fixtures.postgres.adminRows('CREATE SEQUENCE order_numbers');
    const code = await errorCodeOf(() => collect(connectors.postgres.query("SELECT nextval('order_numbers')")));
    expect(code).toBe('READ_ONLY_VIOLATION');
    expect(await fixtures.postgres.adminRows('SELECT last_value::int, is_called FROM order_numbers')).toEqual([[1, false]]);
  });

  it('postgres: side effects a function slips past READ ONLY are rolled back', async () => {
    const [[before]] = await fixtures.postgres.adminRows('SELECT count(*)::int FROM pg_largeobject_metadata');
    await collect(connectors.postgres.query("SELECT lo_from_bytea(0, 'payload')"));
    expect(await fixtures.postgres.adminRows('SELECT count(*)::int FROM pg_largeobject_metadata')).toEqual([[before]]);
  });

  it('mariadb: a write is refused by the server with its read-only error', async () => {
    const code = await errorCodeOf(() => collect(connectors.mariadb.query('UPDATE orders SET amount = 0')));
    expect(code).toBe('READ_ONLY_VIOLATION');
  });
});
