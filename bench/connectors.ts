/**
 * Connector benchmarks, JSON out (targets are reported, never asserted):
 *  1. Time to first page and full stream of a 1-million-row PostgreSQL result through the app's
 *     connector, with the process's peak RSS right after (target < 300 ms, < 300 MB).
 *  (DuckDB files vs bare DuckDB is the `duckdb` benchmark, bench/duckdb.ts.)
 * Run alone with `npx tsx bench/connectors.ts`; `benchConnectors()` returns the JSON.
 * The size can be lowered for a quick look: AISER_BENCH_PG_ROWS.
 */
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { createConnector } from '../electron/main/connectors/registry';
import type { ResultPage } from '../electron/main/connectors/types';

const PG_URL = process.env.AISER_TEST_PG_URL ?? 'postgres://aiser:aiser@127.0.0.1:5432/aiser_src';
const PG_ROWS = Number(process.env.AISER_BENCH_PG_ROWS ?? 1_000_000);
const REPEATS = 3;

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

export async function benchConnectors() {
  return { postgresFirstPage: await benchPostgresFirstPage() };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await benchConnectors(), null, 2));
}
