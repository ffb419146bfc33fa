// Load against a served instance (`node dist/electron/main/cli.js serve`, or tsx when the bundle is
// not built): 1/10/50/200 concurrent people asking questions of the retail SQLite database (with
// its glossary, from ../shared/bench/retail), with /healthz probed throughout, on the SQLite store
// and — when AISER_TEST_STORE_PG_URL is set — on PostgreSQL as the store.
// Ratios are against idle /healthz latency measured in the same run. Nothing is asserted.
import { spawn, type ChildProcess } from 'node:child_process';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createScratchDatabase } from '../tests/support/scratchPgDatabase';

const REPO = path.resolve(import.meta.dirname, '..');
const PASSWORD = 'bench-password-123';
const EMAIL = 'bench@example.com';
const LEVELS = [1, 10, 50, 200];
const QUESTIONS_PER_PERSON = 3;
const MEASURES = ['revenue', 'units sold', 'orders', 'average order value'];
const DIMENSIONS = ['region', 'product', 'category', 'channel', 'month'];
const PERIODS = ['', ' in 2025', ' in 2024', ' last quarter', ' this year', ' in Q3 2024', ' in March 2025', ' last year'];
const RANKS = 25;
const REPEATED_QUESTION = 'revenue by region';

/** The benchmark's retail database beside the checkout (a worktree may sit one level deeper). */
export const RETAIL_DIR = process.env.AISER_BENCH_DIR
  ? path.resolve(process.env.AISER_BENCH_DIR, 'retail')
  : [path.resolve(REPO, '..', 'shared', 'bench', 'retail'), path.resolve(REPO, '..', '..', 'shared', 'bench', 'retail')].find((d) => fs.existsSync(d)) ??
    path.resolve(REPO, '..', 'shared', 'bench', 'retail');

/** Every question the distinct runs ask: measure × grouping × period, with top 1–25 for the
 *  rankable groupings (a monthly series has no rank): 8 × 4 × (4 × 25 + 1) = 3,232 questions. */
const DISTINCT_QUESTIONS: string[] = PERIODS.flatMap((period) =>
  MEASURES.flatMap((measure) =>
    DIMENSIONS.flatMap((dimension) =>
      dimension === 'month'
        ? [`${measure} by month${period}`]
        : Array.from({ length: RANKS }, (_, rank) => `${measure} by ${dimension}${period} top ${rank + 1}`),
    ),
  ),
);

/** The i-th different question: a run (783 questions) never asks one twice, so none is answered
 *  from the answer cache. */
export function distinctQuestion(i: number): string {
  return DISTINCT_QUESTIONS[(i * 97) % DISTINCT_QUESTIONS.length]; // 97 is prime to the length: a permutation
}

export interface Served { url: string; child: ChildProcess; dataDir: string }

function serveArgs(): string[] {
  const bundle = path.join(REPO, 'dist', 'electron', 'main', 'cli.js');
  if (fs.existsSync(bundle)) return [bundle, 'serve'];
  return [path.join(REPO, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'electron/main/cli/index.ts', 'serve'];
}

export async function serve(env: Record<string, string>): Promise<Served> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiser-bench-load-'));
  const child = spawn(process.execPath, serveArgs(), {
    cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, AISER_DATA_DIR: dataDir, AISER_PORT: '0', AISER_ADMIN_EMAIL: EMAIL, AISER_ADMIN_PASSWORD: PASSWORD, AISER_LOG_LEVEL: 'error', GLIBC_TUNABLES: 'glibc.malloc.trim_threshold=65536', ...env },
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /running at (\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
  for (let i = 0; i < 600; i += 1) { // wait for the demo data (readyz)
    if ((await fetch(`${url}/readyz`)).status === 200) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, child, dataDir };
}

/** CPU time (all threads) the served process has used, in ms: per answer, it shows the cost of an
 *  answer even when other work on the machine makes wall-clock rates noisy. */
function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** CPU ms of the process's main thread (its thread id is its pid) and of all its other threads
 *  (SQLite source workers, the parser worker, garbage collection, libuv's pool). */
function threadCpuMs(pid: number): { main: number; others: number } {
  let main = 0;
  let others = 0;
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    try {
      const fields = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ');
      const ms = ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
      if (tid === String(pid)) main += ms;
      else others += ms;
    } catch { /* the thread ended meanwhile */ }
  }
  return { main, others };
}

/** The floor under a distinct answer: CPU ms bare better-sqlite3 needs for the answers' main SQL
 *  on the same file (each statement run once, as the server does; its extra queries — totals,
 *  the previous period — come on top). */
function bareSqlCpuMs(statements: string[]): number {
  const db = new Database(path.join(RETAIL_DIR, 'retail.sqlite'), { readonly: true });
  try {
    const started = process.cpuUsage();
    for (const sql of statements) db.prepare(sql).all();
    const used = process.cpuUsage(started);
    return (used.user + used.system) / 1000 / Math.max(statements.length, 1);
  } finally {
    db.close();
  }
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

/** Kept-alive connections, as a browser keeps them: the load runs on the same two cores as the
 *  server, and `fetch` costs about 2 ms of client CPU per call against 0.5 ms for plain `http`, which
 *  the bench would otherwise take from the server it measures (the client's own CPU is reported). */
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

export function call<T>(url: string, name: string, body: unknown, token?: string): Promise<T> {
  const payload = JSON.stringify(body);
  return new Promise<T>((resolve, reject) => {
    const request = http.request(`${url}/api/v1/${name}`, {
      method: 'POST', agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        try {
          const envelope = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { ok: boolean; data?: T; error?: { message: string } };
          if (envelope.ok) resolve(envelope.data as T);
          else reject(new Error(`${name}: ${envelope.error?.message}`));
        } catch (error) {
          reject(new Error(`${name}: HTTP ${response.statusCode}, not a JSON envelope (${(error as Error).message})`));
        }
      });
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(payload);
  });
}

export function percentiles(values: number[]): { p50: number; p95: number; p99: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => (sorted.length ? Number(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))].toFixed(1)) : 0);
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

async function timed(work: () => Promise<unknown>): Promise<{ ms: number; ok: boolean }> {
  const started = performance.now();
  try {
    await work();
    return { ms: performance.now() - started, ok: true };
  } catch {
    return { ms: performance.now() - started, ok: false };
  }
}

/** /healthz latencies sampled every 20 ms until `stop` resolves. */
export async function probeHealth(url: string, stop: Promise<void>): Promise<number[]> {
  const samples: number[] = [];
  let done = false;
  void stop.then(() => { done = true; });
  while (!done) {
    samples.push((await timed(() => fetch(`${url}/healthz`).then((r) => r.text()))).ms);
    await new Promise((r) => setTimeout(r, 20));
  }
  return samples;
}

async function loadLevel(served: Served, token: string, sourceId: string, people: number, mode: 'cache-hits' | 'distinct', peak: { rss: number }, asked: { count: number }) {
  const question = () => (mode === 'cache-hits' ? REPEATED_QUESTION : distinctQuestion(asked.count++));
  const latencies: number[] = [];
  const kinds: Record<string, number> = {};
  let cached = 0;
  let failures = 0;
  const statements = new Set<string>();
  const sampler = setInterval(() => { peak.rss = Math.max(peak.rss, rssMb(served.child.pid!)); }, 100);
  const started = performance.now();
  const cpuBefore = cpuMs(served.child.pid!);
  const threadsBefore = threadCpuMs(served.child.pid!);
  const clientBefore = process.cpuUsage();
  let finish = () => undefined as void;
  const health = probeHealth(served.url, new Promise<void>((r) => { finish = r; }));
  await Promise.all(Array.from({ length: people }, async () => {
    for (let i = 0; i < QUESTIONS_PER_PERSON; i += 1) {
      const result = await timed(async () => {
        const answer = await call<{ kind: string; sql?: string; route?: { cached?: boolean } }>(served.url, 'chat/ask', { question: question(), sourceId }, token);
        kinds[answer.kind] = (kinds[answer.kind] ?? 0) + 1;
        if (answer.sql && !answer.route?.cached) statements.add(answer.sql);
        if (answer.route?.cached) cached += 1;
      });
      latencies.push(result.ms);
      if (!result.ok) failures += 1;
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  const cpuPerAnswer = (cpuMs(served.child.pid!) - cpuBefore) / Math.max(latencies.length, 1);
  const threadsAfter = threadCpuMs(served.child.pid!);
  const client = process.cpuUsage(clientBefore);
  const perAnswer = (ms: number) => Number((ms / Math.max(latencies.length, 1)).toFixed(1));
  const threads = { main_thread: perAnswer(threadsAfter.main - threadsBefore.main), other_threads: perAnswer(threadsAfter.others - threadsBefore.others) };
  const bareSql = statements.size ? { bare_sqlite_cpu_ms_per_main_query: Number(bareSqlCpuMs([...statements]).toFixed(1)), queries_run: statements.size } : {};
  finish();
  clearInterval(sampler);
  return { people, answers: latencies.length, failures, kinds, from_answer_cache: cached, answers_per_s: Number((latencies.length / seconds).toFixed(1)), server_cpu_ms_per_answer: Number(cpuPerAnswer.toFixed(1)), server_cpu_ms_per_answer_by_thread: threads, client_cpu_ms_per_answer: perAnswer((client.user + client.system) / 1000), ...bareSql, latency_ms: percentiles(latencies), healthz_ms: percentiles(await health) };
}

/** A server answers its first thousand or so requests slowly while V8 compiles its hot paths (on the
 *  same two cores). The levels measure a warmed server: before them, this many repeated questions
 *  (all cache hits, so no distinct question and no source query is cached ahead of its level). */
const WARM_UP_ASKS = 1_000;

async function warmUpJit(url: string, token: string, sourceId: string): Promise<{ asks: number; answers_per_s: number }> {
  const started = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: 20 }, async () => {
    while (next < WARM_UP_ASKS) {
      next += 1;
      await call(url, 'chat/ask', { question: REPEATED_QUESTION, sourceId }, token);
    }
  }));
  return { asks: WARM_UP_ASKS, answers_per_s: Number((WARM_UP_ASKS / ((performance.now() - started) / 1000)).toFixed(1)) };
}

/** Connects the retail database as a SQLite source with its business glossary. */
async function connectRetail(url: string, token: string): Promise<{ id: string }> {
  const [project] = await call<Array<{ id: string }>>(url, 'projects/list', {}, token);
  const source = await call<{ id: string }>(url, 'sources/create', { projectId: project.id, name: 'Retail', config: { type: 'sqlite', path: path.join(RETAIL_DIR, 'retail.sqlite') } }, token);
  const glossary = JSON.parse(fs.readFileSync(path.join(RETAIL_DIR, 'semantic.json'), 'utf8')) as unknown;
  await call(url, 'sources/setGlossary', { id: source.id, glossary }, token);
  return source;
}

async function benchStore(label: string, env: Record<string, string>) {
  const served = await serve({ AISER_FILE_ROOTS: RETAIL_DIR, ...env });
  try {
    const token = (await call<{ token: string }>(served.url, 'auth/signIn', { email: EMAIL, password: PASSWORD })).token;
    const source = await connectRetail(served.url, token);
    const idle: number[] = [];
    for (let i = 0; i < 50; i += 1) idle.push((await timed(() => fetch(`${served.url}/healthz`).then((r) => r.text()))).ms);
    const baseline = percentiles(idle);
    const rssBefore = rssMb(served.child.pid!); // the start: before the warm-up, which is load too
    const warmUp = { ...(await warmUpJit(served.url, token, source.id)), rss_mb_after: rssMb(served.child.pid!) };
    const peak = { rss: rssBefore };
    const runs: Record<string, unknown[]> = {};
    const asked = { count: 0 };
    for (const mode of ['cache-hits', 'distinct'] as const) {
      runs[mode] = [];
      for (const people of LEVELS) {
        const level = await loadLevel(served, token, source.id, people, mode, peak, asked);
        runs[mode].push({ ...level, healthz_p95_vs_idle_ratio: Number((level.healthz_ms.p95 / Math.max(baseline.p95, 0.1)).toFixed(1)) });
      }
    }
    await new Promise((r) => setTimeout(r, 30_000));
    const after = rssMb(served.child.pid!);
    return { store: label, baseline_healthz_idle_ms: baseline, warm_up: warmUp, rss_mb: { before: rssBefore, peak: peak.rss, after_30s: after, after_vs_before_ratio: Number((after / rssBefore).toFixed(2)) }, runs };
  } finally {
    served.child.kill('SIGTERM');
    await new Promise((r) => served.child.once('exit', r));
    fs.rmSync(served.dataDir, { recursive: true, force: true });
  }
}

export async function benchConcurrency(): Promise<Record<string, unknown>> {
  const result: Record<string, unknown> = { server: serveArgs().slice(0, 1).map((p) => path.relative(REPO, p))[0], sqlite_store: await benchStore('sqlite', {}) };
  const pgUrl = process.env.AISER_TEST_STORE_PG_URL;
  if (pgUrl) {
    // A database of its own: the one named may hold other runs' data (sealed with their keys).
    const scratch = await createScratchDatabase(pgUrl, 'aiser_bench_store');
    try {
      result.postgres_store = await benchStore('postgres', { AISER_DATABASE_URL: scratch.url });
    } finally {
      await scratch.drop();
    }
  } else {
    result.postgres_store = { skipped: 'set AISER_TEST_STORE_PG_URL to bench PostgreSQL as the store' };
  }
  result.targets = { cache_hits_per_s: 300, distinct_per_s: 40, p95_at_50_cache_hits_ms: 1000, p95_at_50_distinct_ms: 3000, healthz_p95_ms: 50, rss_after_30s_vs_before_max_ratio: 1.2 };
  result.machine = { cpus: os.cpus().length, load_average_1m: Number(os.loadavg()[0].toFixed(1)) };
  return result;
}
