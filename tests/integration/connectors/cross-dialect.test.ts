import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnector } from '../../../electron/main/connectors/registry';
import type { Connector } from '../../../electron/main/connectors/types';
import { collect, mysqlFixture, postgresFixture, sqliteFixture, tempDir, writeShopCsvFolder, type Fixture } from './fixtures';

/** Portable SQL: joins, aggregates, a date minimum, rounding and ordering. */
const REVENUE_BY_REGION = `
SELECT c.region, COUNT(*) AS order_count, SUM(o.quantity) AS units, SUM(o.amount) AS revenue,
       ROUND(AVG(o.amount), 2) AS average_order, MIN(o.ordered_on) AS first_order
FROM orders o JOIN customers c ON c.id = o.customer_id
GROUP BY c.region
ORDER BY c.region`;

const EXPECTED = [
  ['APAC', 1, 4, 42, 42, '2024-02-29'],
  ['EU', 2, 3, 30.75, 15.38, '2024-01-05'],
  ['US', 3, 14, 106.25, 35.42, '2023-12-31'],
];

/** Window function, CASE, IN-subquery and a date filter. */
const RUNNING_TOTALS = `
SELECT o.id, c.name, o.amount,
       SUM(o.amount) OVER (PARTITION BY o.customer_id ORDER BY o.id) AS running_total,
       CASE WHEN o.quantity >= 3 THEN 'bulk' ELSE 'single' END AS size
FROM orders o JOIN customers c ON c.id = o.customer_id
WHERE o.ordered_on >= '2024-01-01' AND o.customer_id IN (SELECT id FROM customers WHERE region <> 'APAC')
ORDER BY o.id`;

const EXPECTED_RUNNING = [
  [1, 'Acme', 10.5, 10.5, 'single'],
  [2, 'Acme', 20.25, 30.75, 'single'],
  [3, 'Globex', 5.75, 5.75, 'bulk'],
  [4, 'Initech', 100, 100, 'bulk'],
];

describe('the same logical query on every engine', () => {
  const fixtures: Fixture[] = [];
  const connectors: Record<string, Connector> = {};
  const dir = tempDir('aiser-cross-dialect');

  beforeAll(async () => {
    const postgres = await postgresFixture();
    const mysql = await mysqlFixture();
    const sqlite = await sqliteFixture(dir);
    fixtures.push(postgres, mysql, sqlite);
    connectors.postgres = createConnector(postgres.config);
    connectors.mariadb = createConnector(mysql.config);
    connectors.sqlite = createConnector(sqlite.config);
    connectors.duckdb = createConnector({ type: 'files', path: writeShopCsvFolder(dir) });
  });

  afterAll(async () => {
    await Promise.all(Object.values(connectors).map((connector) => connector.close()));
    for (const fixture of fixtures) await fixture.drop();
  });

  it.each(['postgres', 'mariadb', 'sqlite', 'duckdb'])('%s returns the expected typed rows', async (engine) => {
    const result = await collect(connectors[engine].query(REVENUE_BY_REGION));
    expect(result.columns.map((column) => column.name)).toEqual(['region', 'order_count', 'units', 'revenue', 'average_order', 'first_order']);
    expect(result.rows).toEqual(EXPECTED);
    expect(result.columns.slice(1, 5).every((column) => column.kind === 'number')).toBe(true);
  });

  it.each(['postgres', 'mariadb', 'sqlite', 'duckdb'])('%s agrees on window functions, CASE and subqueries', async (engine) => {
    expect((await collect(connectors[engine].query(RUNNING_TOTALS))).rows).toEqual(EXPECTED_RUNNING);
  });

  it('all engines agree row for row, page for page', async () => {
    const results = await Promise.all(Object.values(connectors).map((connector) => collect(connector.query(REVENUE_BY_REGION, { pageSize: 2 }))));
    for (const result of results) {
      expect(result.pages.map((page) => page.rows.length)).toEqual([2, 1]);
      expect(result.pages.map((page) => page.offset)).toEqual([0, 2]);
      expect(result.pages.at(-1)?.done).toBe(true);
      expect(result.rows).toEqual(results[0].rows);
    }
  });
});
