import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnector } from '../../../electron/main/connectors/registry';
import type { Connector } from '../../../electron/main/connectors/types';
import { PG_URL, collect, errorCodeOf, uniqueName } from './fixtures';

const url = new URL(PG_URL);
const withUrl = (change: (target: URL) => void) => {
  const copy = new URL(PG_URL);
  change(copy);
  return copy.toString();
};

describe('PostgreSQL connector', () => {
  let connector: Connector;
  const admin = new pg.Client(PG_URL);

  beforeAll(async () => {
    connector = createConnector({ type: 'postgres', url: PG_URL });
    await admin.connect();
  });

  afterAll(async () => {
    await connector.close();
    await admin.end();
  });

  it('returns JSON-safe typed values', async () => {
    const result = await collect(connector.query(`
      SELECT 9007199254740993::int8 AS big, 42::int8 AS small, 12.34::numeric(10,2) AS price, DATE '2024-02-29' AS day,
             TIMESTAMP '2024-02-29 13:45:00' AS at, TIMESTAMPTZ '2024-02-29 13:45:00+02' AS instant, true AS flag, NULL::text AS nothing`));
    expect(result.rows).toEqual([['9007199254740993', 42, 12.34, '2024-02-29', '2024-02-29T13:45:00', '2024-02-29T11:45:00.000Z', true, null]]);
    expect(result.columns.map((column) => column.kind)).toEqual(['number', 'number', 'number', 'date', 'datetime', 'datetime', 'boolean', 'text']);
  });

  it('streams a large result in pages with consecutive offsets', async () => {
    const result = await collect(connector.query('SELECT g FROM generate_series(1, 10000) g ORDER BY g', { pageSize: 1000 }));
    expect(result.rows).toHaveLength(10000);
    expect(result.pages.every((page) => page.rows.length <= 1000)).toBe(true);
    expect(result.pages.map((page) => page.offset)).toEqual(result.pages.map((_, index) => index * 1000));
    expect(result.rows.at(-1)).toEqual([10000]);
    expect(result.pages.at(-1)?.done).toBe(true);
  });

  it('stops at maxRows', async () => {
    const result = await collect(connector.query('SELECT g FROM generate_series(1, 10000) g', { pageSize: 1000, maxRows: 2500 }));
    expect(result.rows).toHaveLength(2500);
    expect(result.pages.at(-1)?.done).toBe(true);
  });

  it('a consumer can stop after the first page; the connection is returned for the next query', async () => {
    for await (const page of connector.query('SELECT g FROM generate_series(1, 1000000) g', { pageSize: 500 })) {
      expect(page.rows[0]).toEqual([1]);
      expect(page.rows).toHaveLength(500);
      break;
    }
    for (let i = 0; i < 6; i++) expect((await collect(connector.query('SELECT 1 AS one'))).rows).toEqual([[1]]);
  });

  it('runs more parallel queries than the pool has connections', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => collect(connector.query(`SELECT ${i} AS n, pg_sleep(0.05)`))));
    expect(results.map((result) => result.rows[0][0])).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('cancels a running statement on the server when the signal aborts', async () => {
    const applicationName = uniqueName('cancel_probe');
    const tagged = createConnector({ type: 'postgres', url: withUrl((target) => target.searchParams.set('application_name', applicationName)) });
    try {
      const controller = new AbortController();
      const running = errorCodeOf(() => collect(tagged.query('SELECT pg_sleep(30)', { signal: controller.signal })));
      await waitFor(async () => (await activeQueries(applicationName)) === 1);
      controller.abort();
      expect(await running).toBe('CANCELLED');
      await waitFor(async () => (await activeQueries(applicationName)) === 0);
    } finally {
      await tagged.close();
    }
  });

  it('stops a statement that exceeds the timeout', async () => {
    expect(await errorCodeOf(() => collect(connector.query('SELECT pg_sleep(30)', { timeoutMs: 300 })))).toBe('TIMEOUT');
  });

  it.each([
    ['an unreachable host', { url: withUrl((target) => (target.port = '1')) }, 'HOST_UNREACHABLE'],
    ['a wrong password', { url: withUrl((target) => (target.password = 'wrong-password')) }, 'AUTH_FAILED'],
    ['a missing database', { url: withUrl((target) => (target.pathname = '/no_such_database_here')) }, 'DATABASE_NOT_FOUND'],
    ['SSL against a server without SSL', { url: PG_URL, ssl: 'require' as const }, 'INVALID_CONFIG'],
  ])('connection test reports %s precisely', async (_label, settings, expected) => {
    const broken = createConnector({ type: 'postgres', ...settings });
    try {
      expect(await errorCodeOf(() => broken.test())).toBe(expected);
    } finally {
      await broken.close();
    }
  });

  it('accepts host/port/user fields instead of a URL', async () => {
    const fields = createConnector({ type: 'postgres', host: url.hostname, port: Number(url.port), database: url.pathname.slice(1), user: url.username, password: url.password });
    try {
      await fields.test();
      expect((await collect(fields.query('SELECT current_database() AS db'))).rows).toEqual([[url.pathname.slice(1)]]);
    } finally {
      await fields.close();
    }
  });

  it('warns when the login could write server files despite read-only sessions, and not for a SELECT-only role', async () => {
    expect((await connector.securityWarnings?.())?.join(' ')).toMatch(/superuser/);
    const role = uniqueName('conn_reader');
    await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD 'reader-pass'`);
    const reader = createConnector({ type: 'postgres', url: withUrl((target) => { target.username = role; target.password = 'reader-pass'; }) });
    try {
      expect(await reader.securityWarnings?.()).toEqual([]);
    } finally {
      await reader.close();
      await admin.query(`DROP ROLE ${role}`);
    }
  });

  async function activeQueries(applicationName: string): Promise<number> {
    const result = await admin.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE state = 'active' AND application_name = $1", [applicationName]);
    return result.rows[0].n;
  }
});

async function waitFor(condition: () => Promise<boolean>, attempts = 100): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('condition not reached');
}
