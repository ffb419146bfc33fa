/**
 * GROUP BY queries over a generated multi-million-row CSV (date, region, product, amount):
 * (a) through the app's files connector (sandboxed DuckDB, read-only transaction, paged results),
 * (b) bare DuckDB with the same settings (threads, memory limit, read_csv options),
 * (c) bare queries on the app's sandboxed instance (sandbox settings without the query path),
 * which splits the overhead between sandbox settings and the app's query path.
 * Repetitions rotate the order of the sides; medians per query (wall-clock and process CPU) and the
 * overall ratio against the target 1.10 are reported, never asserted. Rows: AISER_BENCH_DUCKDB_ROWS (default 3 million).
 * Run alone with `npm run bench duckdb`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { FilesConnector } from '../electron/main/connectors/duckdb/connector';
import { FILE_FORMATS } from '../electron/main/connectors/duckdb/files';
import { DEFAULT_SANDBOX_LIMITS, openSandboxedDuckdb } from '../electron/main/connectors/duckdb/sandbox';
import type { ResultPage } from '../electron/main/connectors/types';

const ROWS = Number(process.env.AISER_BENCH_DUCKDB_ROWS ?? 3_000_000);
const REPEATS = 7;
const TARGET_RATIO = 1.1;
const FIXED_COST_RUNS = 50;

const QUERIES: Record<string, string> = {
  byRegion: 'SELECT region, count(*) AS orders, sum(amount) AS revenue FROM sales GROUP BY region ORDER BY region',
  byMonthAndRegion: "SELECT date_trunc('month', sold_on) AS month, region, sum(amount) AS revenue FROM sales GROUP BY 1, 2 ORDER BY 1, 2",
  byProduct: 'SELECT product, avg(amount) AS avg_amount, max(amount) AS top_amount FROM sales GROUP BY product ORDER BY product',
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const round = (value: number, digits = 1) => Number(value.toFixed(digits));

/** Wall-clock ms and the process's CPU ms (all DuckDB threads), steadier when the machine is shared. */
async function timed(work: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  await work();
  const cpu = process.cpuUsage(cpuStart);
  return { wall: performance.now() - started, cpu: (cpu.user + cpu.system) / 1000 };
}

async function drain(pages: AsyncIterable<ResultPage>): Promise<number> {
  let rows = 0;
  for await (const page of pages) rows += page.rows.length;
  return rows;
}

async function generateCsv(file: string): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run(`COPY (SELECT DATE '2022-01-01' + CAST(i % 1096 AS INTEGER) AS sold_on, 'region_' || (i % 12) AS region,
      'product_' || ((i * 7919) % 500) AS product, round(((i * 104729) % 100000) / 100.0, 2) AS amount FROM range(${ROWS}) t(i)) TO '${file}' (HEADER)`);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** Bare DuckDB: the same limits as the sandbox and the same view over the same read_csv call. */
async function openBare(csv: string): Promise<{ instance: DuckDBInstance; connection: DuckDBConnection }> {
  const instance = await DuckDBInstance.create(':memory:', {
    memory_limit: DEFAULT_SANDBOX_LIMITS.memoryLimit,
    threads: String(DEFAULT_SANDBOX_LIMITS.threads),
  });
  const connection = await instance.connect();
  await connection.run(`CREATE VIEW sales AS SELECT * FROM ${FILE_FORMATS.csv.reader(csv)}`);
  return { instance, connection };
}

export async function benchDuckdb() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiser-bench-duckdb-'));
  const csv = path.join(dir, 'sales.csv');
  const generateMs = (await timed(() => generateCsv(csv))).wall;
  // Read in place like bare DuckDB (small sources are loaded into memory instead; see the README).
  const connector = new FilesConnector({ path: csv }, { loadLimitBytes: 0 });
  const bare = await openBare(csv);
  const sandboxed = await openSandboxedDuckdb([csv], async (connection) => {
    await connection.run(`CREATE VIEW sales AS SELECT * FROM ${FILE_FORMATS.csv.reader(csv)}`);
  });
  const sandboxedConnection = await sandboxed.connect();
  try {
    await connector.test();
    const sides = {
      app: (sql: string) => drain(connector.query(sql, { timeoutMs: 600_000 })),
      bare: async (sql: string) => (await bare.connection.runAndReadAll(sql)).currentRowCount,
      sandboxBare: async (sql: string) => (await sandboxedConnection.runAndReadAll(sql)).currentRowCount,
    };
    type Side = keyof typeof sides;
    const order = Object.keys(sides) as Side[];
    const perQuery: Record<string, Record<string, number>> = {};
    const minimums: Record<string, Record<Side, number>> = {};
    const totals = { wall: { app: 0, bare: 0, sandboxBare: 0 }, cpu: { app: 0, bare: 0, sandboxBare: 0 } };
    for (const [name, sql] of Object.entries(QUERIES)) {
      const runs = { wall: { app: [] as number[], bare: [] as number[], sandboxBare: [] as number[] }, cpu: { app: [] as number[], bare: [] as number[], sandboxBare: [] as number[] } };
      for (let i = 0; i < REPEATS; i++) {
        // Rotate the order so the page cache and other load on the machine hit every side alike.
        for (let k = 0; k < order.length; k++) {
          const side = order[(i + k) % order.length];
          const { wall, cpu } = await timed(() => sides[side](sql));
          runs.wall[side].push(wall);
          runs.cpu[side].push(cpu);
        }
      }
      minimums[name] = { app: Math.min(...runs.wall.app), bare: Math.min(...runs.wall.bare), sandboxBare: Math.min(...runs.wall.sandboxBare) };
      const row: Record<string, number> = {};
      for (const measure of ['wall', 'cpu'] as const) {
        for (const side of order) {
          const value = median(runs[measure][side]);
          totals[measure][side] += value;
          row[`${side}${measure === 'wall' ? 'Ms' : 'CpuMs'}`] = round(value);
        }
      }
      row.ratio = round(row.appMs / row.bareMs, 3);
      row.cpuRatio = round(row.appCpuMs / row.bareCpuMs, 3);
      perQuery[name] = row;
    }
    const ratio = totals.wall.app / totals.wall.bare;
    // The app's fixed cost per query (connection, statement check, read-only transaction, paging), on a query that does no work.
    const fixedCost = async (side: Side) => {
      const times: number[] = [];
      for (let i = 0; i < FIXED_COST_RUNS; i++) times.push((await timed(() => sides[side]('SELECT 1 AS one'))).wall);
      return median(times);
    };
    const fastest = (side: Side) => Object.keys(QUERIES).reduce((sum, name) => sum + minimums[name][side], 0);
    return {
      rows: ROWS,
      csvMb: round(fs.statSync(csv).size / 1024 / 1024),
      generateMs: round(generateMs),
      repeats: REPEATS,
      perQuery,
      ratio: round(ratio, 3),
      cpuRatio: round(totals.cpu.app / totals.cpu.bare, 3),
      /** Fastest run of each side: the least disturbed by other load on a shared machine. */
      fastestRatio: round(fastest('app') / fastest('bare'), 3),
      sandboxSettingsRatio: round(totals.wall.sandboxBare / totals.wall.bare, 3),
      queryPathRatio: round(totals.wall.app / totals.wall.sandboxBare, 3),
      fixedCostPerQueryMs: { app: round(await fixedCost('app'), 2), bare: round(await fixedCost('bare'), 2) },
      targetRatio: TARGET_RATIO,
      withinTarget: ratio <= TARGET_RATIO,
      settings: { ...DEFAULT_SANDBOX_LIMITS, readCsv: FILE_FORMATS.csv.reader('<file>') },
    };
  } finally {
    sandboxedConnection.closeSync();
    sandboxed.closeSync();
    bare.connection.closeSync();
    bare.instance.closeSync();
    await connector.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
