// One `aiser serve` process versus two over the same PostgreSQL store and data folder, in the same
// run: answers per second and latency percentiles for the same concurrent offline questions.
// Both instances answer every question once before measuring, so both phases see the same warm
// per-instance answer caches and the comparison is of serving capacity, not of cache luck.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { percentile } from '../electron/main/ai/latency';
import { createScratchDatabase } from '../tests/support/scratchPgDatabase';

const PG_ADMIN_URL = process.env.AISER_BENCH_STORE_PG_URL ?? process.env.AISER_TEST_STORE_PG_URL ?? 'postgres://aiser:aiser@127.0.0.1:5432/aiser_test';
const QUESTIONS_PER_PHASE = 120;
const CONCURRENCY = 24;
const QUESTIONS = ['revenue by month', 'orders by region', 'revenue by region', 'orders by month', 'revenue this year', 'orders last quarter'];
const EMAIL = 'bench@example.com';
const PASSWORD = 'bench-password-123';
const ROOT = path.resolve(import.meta.dirname, '..');


/** Starts `aiser serve` as its own process (its own event loop, as in a second pod) and waits for its address. */
function startInstance(env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['electron/main/cli/index.ts', 'serve', '--host', '127.0.0.1', '--port', '0'], {
    cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /running at (http:\/\/\S+)/.exec(out);
      if (match) resolve({ url: match[1]!, child });
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`aiser serve exited (${code}): ${out.slice(-500)}`)));
  });
}

async function call(base: string, name: string, body: unknown, token?: string): Promise<{ ok: boolean; data?: { kind?: string; token?: string; route?: { cached: boolean } } }> {
  const response = await fetch(`${base}/api/v1/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return (await response.json()) as { ok: boolean; data?: { kind?: string; token?: string; route?: { cached: boolean } } };
}

/** Sends QUESTIONS_PER_PHASE questions, CONCURRENCY at a time, to the instances in turn. */
async function phase(urls: string[], token: string, sourceId: string) {
  const latencies: number[] = [];
  let answered = 0;
  let cached = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < QUESTIONS_PER_PHASE) {
      const i = next++;
      const t0 = performance.now();
      const res = await call(urls[i % urls.length]!, 'chat/ask', { question: QUESTIONS[i % QUESTIONS.length], sourceId, mode: 'offline' }, token).catch(() => ({ ok: false, data: undefined }));
      latencies.push(performance.now() - t0);
      if (res.ok && res.data?.kind === 'answer') answered += 1;
      if (res.data?.route?.cached) cached += 1;
    }
  }));
  const wallMs = performance.now() - started;
  return {
    instances: urls.length, questions: QUESTIONS_PER_PHASE, answered, cacheHits: cached,
    answersPerS: Math.round((answered / wallMs) * 1000 * 10) / 10,
    latencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95), max: percentile(latencies, 100) },
  };
}

export async function benchScaleOut(): Promise<Record<string, unknown>> {
  const database = await createScratchDatabase(PG_ADMIN_URL, 'aiser_bench_scale');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiser-bench-scale-'));
  const env = { AISER_DATABASE_URL: database.url, AISER_DATA_DIR: dataDir, AISER_ADMIN_EMAIL: EMAIL, AISER_ADMIN_PASSWORD: PASSWORD, AISER_LOG_LEVEL: 'error' };
  const children: ChildProcess[] = [];
  try {
    // The first instance sets up and migrates the store; the second starts over a ready one.
    const a = await startInstance(env);
    children.push(a.child);
    const b = await startInstance(env);
    children.push(b.child);
    const token = (await call(a.url, 'auth/signIn', { email: EMAIL, password: PASSWORD })).data?.token;
    if (!token) throw new Error('bench sign-in failed');
    const sources = (await call(a.url, 'sources/list', {}, token)).data as unknown as Array<{ id: string }>;
    const sourceId = sources[0]?.id;
    if (!sourceId) throw new Error('the demo source is missing');
    for (const instance of [a.url, b.url]) for (const question of QUESTIONS) await call(instance, 'chat/ask', { question, sourceId, mode: 'offline' }, token);
    const one = await phase([a.url], token, sourceId);
    const two = await phase([a.url, b.url], token, sourceId);
    return {
      store: 'postgres', cores: os.availableParallelism(), concurrency: CONCURRENCY,
      oneInstance: one, twoInstances: two,
      speedup: one.answersPerS ? Math.round((two.answersPerS / one.answersPerS) * 100) / 100 : null,
    };
  } finally {
    await Promise.all(children.map((child) => new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    })));
    fs.rmSync(dataDir, { recursive: true, force: true });
    await database.drop();
  }
}

const invokedDirectly = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (invokedDirectly) {
  benchScaleOut().then((result) => process.stdout.write(`${JSON.stringify(result, null, 2)}\n`));
}
