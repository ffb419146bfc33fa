import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnector } from '../../../electron/main/connectors/registry';
import type { Connector } from '../../../electron/main/connectors/types';
import { MYSQL_URL, collect, errorCodeOf, mysqlFixture, uniqueName, type Fixture } from './fixtures';

const withUrl = (change: (target: URL) => void) => {
  const copy = new URL(MYSQL_URL);
  change(copy);
  return copy.toString();
};

const DIGITS = '(SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9)';
const COUNT_TO_10000 = `SELECT a.d + 10 * b.d + 100 * c.d + 1000 * e.d + 1 AS n FROM ${DIGITS} a, ${DIGITS} b, ${DIGITS} c, ${DIGITS} e ORDER BY n`;

describe('MySQL/MariaDB connector', () => {
  let connector: Connector;
  let fixture: Fixture;
  let admin: mysql.Connection;

  beforeAll(async () => {
    fixture = await mysqlFixture();
    connector = createConnector(fixture.config);
    admin = await mysql.createConnection(MYSQL_URL);
  });

  afterAll(async () => {
    await connector.close();
    await fixture.drop();
    await admin.end();
  });

  it('returns JSON-safe typed values', async () => {
    const result = await collect(connector.query(`
      SELECT CAST(9007199254740993 AS SIGNED) AS big, COUNT(*) AS n, CAST(12.34 AS DECIMAL(10,2)) AS price,
             DATE '2024-02-29' AS day, TIMESTAMP '2024-02-29 13:45:00' AS at, 'x' AS label, NULL AS nothing FROM orders`));
    expect(result.rows).toEqual([['9007199254740993', 6, 12.34, '2024-02-29', '2024-02-29T13:45:00', 'x', null]]);
    expect(result.columns.slice(0, 6).map((column) => column.kind)).toEqual(['number', 'number', 'number', 'date', 'datetime', 'text']);
  });

  it('streams a large result in pages and honours maxRows', async () => {
    const all = await collect(connector.query(COUNT_TO_10000, { pageSize: 1000 }));
    expect(all.rows).toHaveLength(10000);
    expect(all.pages.every((page) => page.rows.length <= 1000)).toBe(true);
    expect(all.rows.at(-1)).toEqual([10000]);
    const capped = await collect(connector.query(COUNT_TO_10000, { pageSize: 1000, maxRows: 1500 }));
    expect(capped.rows).toHaveLength(1500);
    expect(capped.pages.at(-1)?.done).toBe(true);
  });

  it('a consumer can stop after the first page; later queries still run', async () => {
    for await (const page of connector.query(COUNT_TO_10000, { pageSize: 100 })) {
      expect(page.rows).toHaveLength(100);
      break;
    }
    for (let i = 0; i < 6; i++) expect((await collect(connector.query('SELECT COUNT(*) FROM customers'))).rows).toEqual([[4]]);
  });

  it('cancels a running statement with KILL QUERY when the signal aborts', async () => {
    const controller = new AbortController();
    const marker = `cancel_probe_${Date.now()}`;
    const running = errorCodeOf(() => collect(connector.query(`SELECT SLEEP(30) AS ${marker}`, { signal: controller.signal })));
    await waitFor(async () => (await runningQueries(marker)) === 1);
    controller.abort();
    expect(await running).toBe('CANCELLED');
    await waitFor(async () => (await runningQueries(marker)) === 0);
  });

  it('stops a statement that exceeds the timeout', async () => {
    expect(await errorCodeOf(() => collect(connector.query('SELECT SLEEP(30)', { timeoutMs: 300 })))).toBe('TIMEOUT');
  });

  it.each([
    ['an unreachable host', { url: withUrl((target) => (target.port = '1')) }, 'HOST_UNREACHABLE'],
    ['a wrong password', { url: withUrl((target) => (target.password = 'wrong-password')) }, 'AUTH_FAILED'],
    ['a missing database', { url: withUrl((target) => (target.pathname = '/no_such_database_here')) }, 'DATABASE_NOT_FOUND'],
  ])('connection test reports %s precisely', async (_label, settings, expected) => {
    const broken = createConnector({ type: 'mysql', ...settings });
    try {
      expect(await errorCodeOf(() => broken.test())).toBe(expected);
    } finally {
      await broken.close();
    }
  });

  it('warns when the login has the FILE privilege, and not for a SELECT-only user', async () => {
    expect((await connector.securityWarnings?.())?.join(' ')).toMatch(/FILE privilege/);
    const user = uniqueName('reader');
    const database = (fixture.config as { database: string }).database;
    await admin.query(`CREATE USER '${user}'@'localhost' IDENTIFIED BY 'reader-pass'`);
    await admin.query(`GRANT SELECT ON ${database}.* TO '${user}'@'localhost'`);
    const reader = createConnector({ type: 'mysql', url: withUrl((target) => { target.username = user; target.password = 'reader-pass'; }), database });
    try {
      expect(await reader.securityWarnings?.()).toEqual([]);
      expect((await collect(reader.query('SELECT COUNT(*) FROM orders'))).rows).toEqual([[6]]);
    } finally {
      await reader.close();
      await admin.query(`DROP USER '${user}'@'localhost'`);
    }
  });

  async function runningQueries(marker: string): Promise<number> {
    const [rows] = await admin.query("SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE INFO LIKE ? AND ID <> CONNECTION_ID()", [`%${marker}%`]);
    return Number((rows as Array<{ n: number }>)[0].n);
  }
});

async function waitFor(condition: () => Promise<boolean>, attempts = 100): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('condition not reached');
}
