import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnector } from '../../../electron/main/connectors/registry';
import type { Connector } from '../../../electron/main/connectors/types';
import { guardSql, SqlGuardError } from '../../../electron/main/sql/guard';
import type { Dialect } from '../../../shared/types/schema';
import { collect, mysqlFixture, postgresFixture, tempDir, writeShopCsvFolder, type Fixture } from '../connectors/fixtures';

const CROSS_12 = `SELECT COUNT(*) AS n FROM ${Array.from({ length: 12 }, (_, i) => `orders o${i}`).join(', ')}`;
const CROSS_16 = `SELECT COUNT(*) AS n FROM ${Array.from({ length: 16 }, (_, i) => `orders o${i}`).join(', ')}`;

/** Statements that would exhaust a server's memory or run for ever, per engine. */
const ABUSE: Readonly<Record<'postgres' | 'mysql' | 'duckdb', string[]>> = {
  postgres: [
    'SELECT COUNT(*) FROM generate_series(1, 100000) a, generate_series(1, 100000) b',
    'SELECT array_agg(x) FROM generate_series(1, 1000000000) x',
    'SELECT string_agg(repeat(\'x\', 100000000), \'\') FROM orders',
    'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT COUNT(*) FROM n',
    'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000000) SELECT COUNT(*) FROM n',
    CROSS_12,
    'SELECT pg_sleep(60)',
  ],
  mysql: [
    'WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT COUNT(*) FROM n',
    CROSS_12,
    "SELECT REPEAT('x', 1000000000) AS big",
    'SELECT SLEEP(60)',
    'SELECT BENCHMARK(1000000000, MD5(1))',
  ],
  duckdb: [
    'SELECT COUNT(*) FROM range(100000) a, range(100000) b',
    'SELECT list(range) FROM range(10000000000)',
    'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT COUNT(*) FROM n',
    'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000000) SELECT COUNT(*) FROM n',
    CROSS_16,
  ],
};

const TIMEOUT_MS = 3000;

describe.each(['postgres', 'mysql', 'duckdb'] as const)('resource abuse on real %s', (dialect) => {
  let fixture: Fixture | null = null;
  let connector: Connector;
  let dir: string | null = null;
  let allowed: Set<string>;

  beforeAll(async () => {
    if (dialect === 'duckdb') {
      dir = tempDir('aiser-dos');
      connector = createConnector({ type: 'files', path: writeShopCsvFolder(dir) });
    } else {
      fixture = dialect === 'postgres' ? await postgresFixture() : await mysqlFixture();
      connector = createConnector(fixture.config);
    }
    allowed = new Set((await connector.introspect({ distinctValueCap: 0 })).tables.map((t) => t.name.toLowerCase()));
  });
  afterAll(async () => {
    await connector?.close();
    await fixture?.drop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses each statement before it runs, or stops it at the statement timeout, always with a message saying what to do', async () => {
    const outcomes: string[] = [];
    for (const sql of ABUSE[dialect]) {
      let guarded: string;
      try {
        guarded = guardSql(sql, { dialect: dialect as Dialect, rowLimit: 1000, allowedTables: allowed }).sql;
      } catch (error) {
        expect(error, sql).toBeInstanceOf(SqlGuardError);
        expect((error as Error).message.length, sql).toBeGreaterThan(40);
        outcomes.push('refused');
        continue;
      }
      const began = performance.now();
      const error = await collect(connector.query(guarded, { timeoutMs: TIMEOUT_MS })).then(() => null, (e: unknown) => e as Error & { code?: string; hint?: string });
      expect(error, `${sql} ran to completion`).not.toBeNull();
      expect(performance.now() - began, `${sql} must end within 30 s (issue 11)`).toBeLessThan(30_000);
      if (error?.code === 'TIMEOUT') {
        expect(error.message).toMatch(/ran longer than 3 s, the statement timeout, and was stopped/);
        expect(error.hint).toMatch(/Narrow the question/);
        outcomes.push('timeout');
      } else {
        // The server itself refused (e.g. a size limit): a clear error, not a hang.
        expect(error?.message, sql).toMatch(/\w{4,}/);
        outcomes.push(`error ${error?.code}`);
      }
    }
    expect(outcomes).toContain('refused');
    expect(outcomes).toContain('timeout');
  }, 120_000);

  it('refuses by structure what would exhaust memory: huge series, cross-joined series, unbounded recursion, giant strings', () => {
    const refused = (sql: string) => {
      try {
        guardSql(sql, { dialect: dialect as Dialect, rowLimit: 1000, allowedTables: allowed });
        return 'accepted';
      } catch (error) {
        return (error as SqlGuardError).code;
      }
    };
    const series = dialect === 'duckdb' ? 'range(0, 5000000)' : dialect === 'postgres' ? 'generate_series(1, 5000000)' : null;
    if (series) {
      expect(refused(`SELECT COUNT(*) FROM ${series} a, ${series} b`)).toBe('SQL_TOO_EXPENSIVE');
      expect(refused(`SELECT COUNT(*) FROM ${series} a`)).toBe('accepted');
    }
    expect(refused('WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT COUNT(*) FROM n')).toBe('SQL_TOO_EXPENSIVE');
    expect(refused('WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100) SELECT COUNT(*) FROM n')).toBe('accepted');
    expect(refused("SELECT REPEAT('x', 50000000) AS big")).toBe('SQL_TOO_EXPENSIVE');
  });
});
