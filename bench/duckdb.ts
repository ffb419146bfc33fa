/**
 * GROUP BY queries over a generated multi-million-row CSV (date, region, product, amount), each
 * ending with the LIMIT the SQL guard injects (`LIMIT 10001`, the default 10 000 rows + 1):
 * (a) `app`: the app's files connector (sandboxed DuckDB, read-only transaction, paged results),
 * (b) `bare`: bare DuckDB with the same settings (threads, memory limit, read_csv options),
 * (c) `sandboxBare`: bare queries on the app's sandboxed instance (sandbox settings without the query path),
 * (d) `appStreamed`: the connector with the dashboards' limit (50 001), above the materialise threshold.
 * The machine is shared, so the headline is process user CPU time (all DuckDB threads), and app and
 * bare run interleaved (ABAB…, order rotated every round) so drift hits both; per-round ratios,
 * medians and minimums are reported with the load average and the CPU other processes used.
 * Nothing is asserted. Rows: AISER_BENCH_DUCKDB_ROWS (default 3 million); rounds:
 * AISER_BENCH_DUCKDB_ROUNDS (default 7). Run alone with `npm run bench duckdb`.
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
const ROUNDS = Number(process.env.AISER_BENCH_DUCKDB_ROUNDS ?? 7);
const TARGET_RATIO = 1.1;
const FIXED_COST_RUNS = 50;
/** What the guard appends with the default 10 000 rows, and with the dashboards' 50 000. */
const GUARD_LIMIT = 10_001;
const DASHBOARD_LIMIT = 50_001;

const QUERIES: Record<string, string> = {
  byRegion: 'SELECT region, count(*) AS orders, sum(amount) AS revenue FROM sales GROUP BY region ORDER BY region',
  byMonthAndRegion: "SELECT date_trunc('month', sold_on) AS month, region, sum(amount) AS revenue FROM sales GROUP BY 1, 2 ORDER BY 1, 2",
  byProduct: 'SELECT product, avg(amount) AS avg_amount, max(amount) AS top_amount FROM sales GROUP BY product ORDER BY product',
};
const SIDES = ['app', 'bare', 'sandboxBare', 'appStreamed'] as const;
type Side = (typeof SIDES)[number];
type Sample = { wall: number; cpu: number; user: number };
type Measure = keyof Sample;

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const median = (values: number[]) => sorted(values)[Math.floor(values.length / 2)];
const round = (value: number, digits = 1) => Number(value.toFixed(digits));
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/**
 * Wall-clock ms and the process's CPU ms (all DuckDB threads; user + system, and user alone).
 * System time spikes by 100–200 ms on single runs of the same statement (kernel memory and page
 * cache work), on every side alike; user time is the steadiest measure on this machine.
 */
async function timed(work: () => Promise<unknown>): Promise<Sample> {
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  await work();
  const cpu = process.cpuUsage(cpuStart);
  return { wall: performance.now() - started, cpu: (cpu.user + cpu.system) / 1000, user: cpu.user / 1000 };
}

/** Busy and total CPU time of the whole machine (all processes), from /proc/stat. */
function machineCpuMs(): { busy: number; total: number } | null {
  try {
    const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const tick = 1000 / 100; // USER_HZ is 100 on Linux
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
    const total = sum(fields.slice(0, 8));
    return { busy: (total - idle) * tick, total: total * tick };
  } catch {
    return null;
  }
}

/** How busy the machine was during `work`, and how much of that was other processes. */
async function withMachineLoad<T>(work: () => Promise<T>) {
  const loadBefore = os.loadavg();
  const machine = machineCpuMs();
  const own = process.cpuUsage();
  const result = await work();
  const ownUsage = process.cpuUsage(own);
  const machineAfter = machineCpuMs();
  const ownMs = (ownUsage.user + ownUsage.system) / 1000;
  const load = {
    cores: os.cpus().length,
    loadAverage1mBefore: round(loadBefore[0], 2),
    loadAverage1mAfter: round(os.loadavg()[0], 2),
    /** Share of all cores' time used by other processes during the measurements (0–1). */
    othersCpuShare: machine && machineAfter
      ? round(Math.max(0, machineAfter.busy - machine.busy - ownMs) / (machineAfter.total - machine.total), 3)
      : null,
  };
  return { result, load };
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

/** Per-side medians and minimums of one measure, and the ratio of each side to bare. */
function summarise(samples: Record<Side, number[]>) {
  const out: Record<string, number> = {};
  for (const side of SIDES) {
    out[`${side}Median`] = round(median(samples[side]));
    out[`${side}Min`] = round(Math.min(...samples[side]));
  }
  return out;
}

export async function benchDuckdb() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiser-bench-duckdb-'));
  const csv = path.join(dir, 'sales.csv');
  const generateMs = (await timed(() => generateCsv(csv))).wall;
  // Read in place like bare DuckDB (small sources are loaded into memory instead; see the README).
  const connector = new FilesConnector({ path: csv }, { loadLimitBytes: 0 });
  // A small file is loaded into memory (the usual case): its fixed cost per query takes the prepared path.
  const smallCsv = path.join(dir, 'small.csv');
  fs.writeFileSync(smallCsv, 'id,label\n1,a\n2,b\n');
  const loaded = new FilesConnector({ path: smallCsv });
  const bare = await openBare(csv);
  const sandboxed = await openSandboxedDuckdb([csv], async (connection) => {
    await connection.run(`CREATE VIEW sales AS SELECT * FROM ${FILE_FORMATS.csv.reader(csv)}`);
  });
  const sandboxedConnection = await sandboxed.connect();
  try {
    await connector.test();
    const limited = (sql: string, limit = GUARD_LIMIT) => `${sql} LIMIT ${limit}`;
    const sides: Record<Side, (sql: string) => Promise<number>> = {
      app: (sql) => drain(connector.query(limited(sql), { timeoutMs: 600_000, maxRows: GUARD_LIMIT })),
      bare: async (sql) => (await bare.connection.runAndReadAll(limited(sql))).currentRowCount,
      sandboxBare: async (sql) => (await sandboxedConnection.runAndReadAll(limited(sql))).currentRowCount,
      appStreamed: (sql) => drain(connector.query(limited(sql, DASHBOARD_LIMIT), { timeoutMs: 600_000, maxRows: DASHBOARD_LIMIT })),
    };
    const names = Object.keys(QUERIES);
    const empty = () => Object.fromEntries(SIDES.map((side) => [side, [] as number[]])) as Record<Side, number[]>;
    const perQuery = Object.fromEntries(names.map((name) => [name, { wall: empty(), cpu: empty(), user: empty() }]));
    /** One round = every query once on every side; its app/bare CPU ratio pairs runs made moments apart. */
    const roundUser: Array<Record<Side, number>> = [];
    const { load } = await withMachineLoad(async () => {
      for (let r = 0; r < ROUNDS; r++) {
        const totals = { app: 0, bare: 0, sandboxBare: 0, appStreamed: 0 };
        for (let q = 0; q < names.length; q++) {
          const name = names[(r + q) % names.length];
          for (let k = 0; k < SIDES.length; k++) {
            const side = SIDES[(r + q + k) % SIDES.length];
            const sample = await timed(() => sides[side](QUERIES[name]));
            for (const measure of ['wall', 'cpu', 'user'] as const) perQuery[name][measure][side].push(sample[measure]);
            totals[side] += sample.user;
          }
        }
        roundUser.push(totals);
      }
    });
    const totalOf = (measure: Measure, side: Side, pick: (values: number[]) => number) => sum(names.map((name) => pick(perQuery[name][measure][side])));
    const ratioOf = (measure: Measure, side: Side, pick: (values: number[]) => number, base: Side = 'bare') =>
      round(totalOf(measure, side, pick) / totalOf(measure, base, pick), 3);
    const pairedRatios = roundUser.map((totals) => totals.app / totals.bare);
    const userCpuRatio = ratioOf('user', 'app', median);

    // The fixed cost per query on a statement that does no work, the sides interleaved.
    const fixedSides = {
      app: () => sides.app('SELECT 1 AS one'),
      appLoaded: () => drain(loaded.query(limited('SELECT 1 AS one'), { maxRows: GUARD_LIMIT })),
      bare: () => sides.bare('SELECT 1 AS one'),
    };
    const fixedNames = Object.keys(fixedSides) as Array<keyof typeof fixedSides>;
    const fixed = Object.fromEntries(fixedNames.map((side) => [side, { wall: [] as number[], cpu: [] as number[] }])) as Record<keyof typeof fixedSides, { wall: number[]; cpu: number[] }>;
    for (let i = 0; i < FIXED_COST_RUNS; i++) {
      for (let k = 0; k < fixedNames.length; k++) {
        const side = fixedNames[(i + k) % fixedNames.length];
        const sample = await timed(fixedSides[side]);
        fixed[side].wall.push(sample.wall);
        fixed[side].cpu.push(sample.cpu);
      }
    }
    return {
      rows: ROWS,
      csvMb: round(fs.statSync(csv).size / 1024 / 1024),
      generateMs: round(generateMs),
      rounds: ROUNDS,
      machine: load,
      perQuery: Object.fromEntries(names.map((name) => [name, { userCpuMs: summarise(perQuery[name].user), cpuMs: summarise(perQuery[name].cpu), wallMs: summarise(perQuery[name].wall) }])),
      /** Headline: process user CPU, sum over the queries of each side's median, app / bare. */
      userCpuRatio,
      /** The same with system time (noisier: see `timed`) and wall-clock. */
      cpuRatio: ratioOf('cpu', 'app', median),
      wallRatio: ratioOf('wall', 'app', median),
      /** Least disturbed runs: sum of each side's fastest user CPU per query. */
      fastestUserCpuRatio: ratioOf('user', 'app', (values) => Math.min(...values)),
      /** app / bare user CPU within each round (runs moments apart): median, min, max. */
      pairedUserCpuRatio: { median: round(median(pairedRatios), 3), min: round(Math.min(...pairedRatios), 3), max: round(Math.max(...pairedRatios), 3) },
      /** Sandbox settings alone (c/b) and the app's query path on the same instance (a/c), user CPU. */
      sandboxSettingsUserCpuRatio: ratioOf('user', 'sandboxBare', median),
      queryPathUserCpuRatio: ratioOf('user', 'app', median, 'sandboxBare'),
      /** The streamed, prepared path (what every query took before results were materialised) / bare, and / app. */
      streamedUserCpuRatio: ratioOf('user', 'appStreamed', median),
      streamedVsMaterialisedUserCpuRatio: ratioOf('user', 'appStreamed', median, 'app'),
      /** `app`: the view source (parse check, then one bind); `appLoaded`: a loaded source (prepared path). */
      fixedCostPerQuery: {
        wallMs: Object.fromEntries(fixedNames.map((side) => [side, round(median(fixed[side].wall), 2)])),
        cpuMs: Object.fromEntries(fixedNames.map((side) => [side, round(median(fixed[side].cpu), 2)])),
      },
      targetRatio: TARGET_RATIO,
      withinTarget: userCpuRatio <= TARGET_RATIO,
      settings: { ...DEFAULT_SANDBOX_LIMITS, readCsv: FILE_FORMATS.csv.reader('<file>'), guardLimit: GUARD_LIMIT },
    };
  } finally {
    sandboxedConnection.closeSync();
    sandboxed.closeSync();
    bare.connection.closeSync();
    bare.instance.closeSync();
    await connector.close();
    await loaded.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
