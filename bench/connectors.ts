/**
 * Connector benchmarks, JSON out (targets are reported, never asserted):
 *  1. Time to first page and full stream of a 1-million-row PostgreSQL result through the app's
 *     connector, with the process's peak RSS right after (target < 300 ms, < 300 MB).
 *  2. GROUP BY over a generated 10-million-row CSV through the app's sandboxed DuckDB files
 *     connector vs the same SQL in bare DuckDB, same run (target: overhead < 10%).
 * Run alone with `npx tsx bench/connectors.ts`; `benchConnectors()` returns the JSON.
 * Sizes can be lowered for a quick look: AISER_BENCH_CSV_ROWS, AISER_BENCH_PG_ROWS.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import pg from 'pg';
import { createConnector } from '../electron/main/connectors/registry';
import { DEFAULT_SANDBOX_LIMITS } from '../electron/main/connectors/duckdb/sandbox';
import type { Connector, ResultPage } from '../electron/main/connectors/types';

const PG_URL = process.env.AISER_TEST_PG_URL ?? 'postgres://aiser:aiser@127.0.0.1:5432/aiser_src';
const CSV_ROWS = Number(process.env.AISER_BENCH_CSV_ROWS ?? 10_000_000);
const PG_ROWS = Number(process.env.AISER_BENCH_PG_ROWS ?? 1_000_000);
const REPEATS = 3;
const GROUP_BY = (from: string) => `SELECT region, count(*) AS orders, sum(amount) AS revenue, avg(quantity) AS avg_quantity FROM ${from} GROUP BY region ORDER BY region`;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const round = (value: number, digits = 1) => Number(value.toFixed(digits));
const mb = (bytes: number) => round(bytes / 1024 / 1024);

async function drain(pages: AsyncIterable<ResultPage>): Promise<number> {
  let rows = 0;
  for await (const page of pages) rows += page.rows.length;
  return rows;
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

async function benchPostgresFirstPage() {
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client(PG_URL);
  await admin.connect();
  const connector = createConnector({ type: 'postgres', url: PG_URL, schema });
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.query(`CREATE TABLE ${schema}.orders AS SELECT g AS id, 'region_' || (g % 20) AS region, (g % 1000) * 1.25 AS amount,
      DATE '2024-01-01' + (g % 365) AS ordered_on FROM generate_series(1, ${PG_ROWS}) g`);
    await admin.query(`ANALYZE ${schema}.orders`);
    const firstPage = async () => {
      const started = performance.now();
      for await (const page of connector.query('SELECT * FROM orders', { pageSize: 500, timeoutMs: 120_000 })) {
        void page;
        return performance.now() - started;
      }
      return Number.NaN;
    };
    const coldMs = await firstPage();
    const warmMs = median(await sequential(REPEATS, firstPage));
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
    const full = await timed(() => drain(connector.query('SELECT * FROM orders', { pageSize: 500, timeoutMs: 300_000 })));
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    return {
      rows: full.value,
      firstPageMsCold: round(coldMs),
      firstPageMsWarm: round(warmMs),
      fullStreamMs: round(full.ms),
      peakRssDuringStreamMb: mb(peakRss),
      processMaxRssMb: mb(process.resourceUsage().maxRSS * 1024),
      targets: { firstPageMs: 300, peakRssMb: 300 },
    };
  } finally {
    await connector.close();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  }
}

async function sequential<T>(times: number, work: () => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let i = 0; i < times; i++) results.push(await work());
  return results;
}

async function benchDuckdbGroupBy() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiser-bench-csv-'));
  const csv = path.join(dir, 'orders.csv');
  const bare = await DuckDBInstance.create(':memory:', { threads: String(DEFAULT_SANDBOX_LIMITS.threads), memory_limit: DEFAULT_SANDBOX_LIMITS.memoryLimit });
  const bareConnection = await bare.connect();
  let connector: Connector | null = null;
  try {
    const generated = await timed(() => bareConnection.run(`COPY (SELECT i AS id, 'region_' || (i % 20) AS region, (i % 1000) * 1.25 AS amount,
      (i % 7) + 1 AS quantity, DATE '2024-01-01' + CAST(i % 365 AS INTEGER) AS ordered_on FROM range(${CSV_ROWS}) t(i)) TO '${csv}' (HEADER)`));
    connector = createConnector({ type: 'files', path: csv });
    await connector.test();
    const app = connector;
    const appRun = () => timed(() => drain(app.query(GROUP_BY('orders'), { timeoutMs: 600_000 })));
    const bareRun = () => timed(async () => (await bareConnection.runAndReadAll(GROUP_BY(`read_csv('${csv}', header = true)`))).currentRowCount);
    const appMs: number[] = [];
    const bareMs: number[] = [];
    let groups = 0;
    for (let i = 0; i < REPEATS; i++) {
      // Alternate so caches and other load on the machine hit both sides alike.
      const appResult = await appRun();
      appMs.push(appResult.ms);
      groups = appResult.value;
      bareMs.push((await bareRun()).ms);
    }
    const ratio = median(appMs) / median(bareMs);
    return {
      rows: CSV_ROWS,
      csvMb: mb(fs.statSync(csv).size),
      generateMs: round(generated.ms),
      groups,
      appMedianMs: round(median(appMs)),
      bareMedianMs: round(median(bareMs)),
      appRunsMs: appMs.map((ms) => round(ms)),
      bareRunsMs: bareMs.map((ms) => round(ms)),
      ratio: round(ratio, 3),
      overheadPct: round((ratio - 1) * 100),
      settings: { ...DEFAULT_SANDBOX_LIMITS, note: 'bare DuckDB runs with the same threads and memory limit as the sandbox' },
      targets: { overheadPct: 10 },
    };
  } finally {
    await connector?.close();
    bareConnection.closeSync();
    bare.closeSync();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchConnectors() {
  // PostgreSQL first, so the peak RSS reflects streaming rather than the DuckDB scans.
  const postgresFirstPage = await benchPostgresFirstPage();
  const duckdbCsvGroupBy = await benchDuckdbGroupBy();
  return { postgresFirstPage, duckdbCsvGroupBy };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await benchConnectors(), null, 2));
}
