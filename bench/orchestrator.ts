// Orchestrator load test: 200 concurrent chat questions on the offline route through the real
// HTTP server (loopback only), against the retail benchmark database (../shared/bench/retail,
// copied) or, when it is absent, the generated demo workspace. Reports success rate, latency
// percentiles and how responsive the server stayed (health-check latency under load).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHttpServer, listen } from '../electron/main/api/httpTransport';
import { loadConfig } from '../electron/main/config';
import { createContainer } from '../electron/main/container';
import { percentile } from '../electron/main/ai/latency';
import { completeSetup } from '../electron/main/setup/firstRun';
import type { JsonObject, User } from '../electron/main/store';
import { systemContext } from '../shared/types/auth';

const CONCURRENCY = 200;
const QUESTIONS = [
  'revenue by month', 'orders by region', 'top 5 products by revenue', 'average order value by region', 'gross profit last year',
  'units sold by category', 'revenue this year', 'refunds by month', 'orders last quarter', 'revenue by region and month',
];
const PASSWORD = 'bench-password-123';
const RETAIL_DIR = path.resolve(import.meta.dirname, '../../shared/bench/retail');

/** Adds the retail database (with its glossary) as a source when available; returns its id. */
async function addRetailSource(container: Awaited<ReturnType<typeof createContainer>>, admin: User, sourcesDir: string): Promise<string | undefined> {
  const file = path.join(RETAIL_DIR, 'retail.sqlite');
  if (!fs.existsSync(file)) return undefined;
  const copy = path.join(sourcesDir, 'retail.sqlite');
  fs.copyFileSync(file, copy);
  fs.chmodSync(copy, 0o600);
  const { store, sources } = container.services;
  const system = systemContext(admin.organizationId);
  const [project] = await store.projects.list(system);
  const ctx = { ...system, userId: admin.id, projectIds: [project.id] };
  const semanticModel = JSON.parse(fs.readFileSync(path.join(RETAIL_DIR, 'semantic.json'), 'utf8')) as JsonObject;
  return (await sources.create(ctx, { projectId: project.id, name: 'Retail', config: { type: 'sqlite', path: copy }, semanticModel })).id;
}

interface Envelope {
  ok: boolean;
  data?: { kind?: string; route?: { cached: boolean }; token?: string; error?: { message: string } };
  error?: { code: string; message: string };
}

async function call(base: string, name: string, body: unknown, token?: string): Promise<Envelope> {
  const response = await fetch(`${base}/api/v1/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return (await response.json()) as Envelope;
}

export async function benchOrchestrator(): Promise<Record<string, unknown>> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiser-bench-orch-'));
  // Sources may not live inside the data folder.
  const sourcesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiser-bench-orch-src-'));
  const useDemo = !fs.existsSync(path.join(RETAIL_DIR, 'retail.sqlite'));
  // AISER_BENCH_DATABASE_URL (an empty PostgreSQL database) measures the shared-install store instead of SQLite.
  const databaseUrl = process.env.AISER_BENCH_DATABASE_URL;
  const config = loadConfig({ AISER_DATA_DIR: dataDir, AISER_LOG_LEVEL: 'error', AISER_NO_DEMO: useDemo ? '0' : '1', AISER_FILE_ROOTS: [sourcesDir, RETAIL_DIR].join(path.delimiter), ...(databaseUrl ? { AISER_DATABASE_URL: databaseUrl } : {}) });
  const container = await createContainer(config);
  const server = createHttpServer({ dispatcher: container.dispatcher, logger: container.services.logger });
  try {
    const admin = await completeSetup(container.services, { organizationName: 'Bench', name: 'Bench Admin', email: 'bench@example.com', password: PASSWORD });
    const retailId = await addRetailSource(container, admin, sourcesDir);
    const { url } = await listen(server, '127.0.0.1', 0);
    const token = (await call(url, 'auth/signIn', { email: 'bench@example.com', password: PASSWORD })).data?.token;
    if (!token) throw new Error('bench sign-in failed');
    const sources = (await call(url, 'sources/list', {}, token)).data as unknown as Array<{ id: string }>;
    const sourceId = retailId ?? sources[0]?.id;
    if (!sourceId) throw new Error('the demo source is missing');

    const healthLatencies: number[] = [];
    let loadRunning = true;
    const probe = (async () => {
      while (loadRunning) {
        const started = performance.now();
        await call(url, 'system/health', {});
        healthLatencies.push(performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();

    const started = performance.now();
    const outcomes = await Promise.all(
      Array.from({ length: CONCURRENCY }, async (_, i) => {
        const t0 = performance.now();
        const res = await call(url, 'chat/ask', { question: QUESTIONS[i % QUESTIONS.length], sourceId, mode: 'offline' }, token).catch((error: Error) => ({ ok: false, error: { code: 'NETWORK', message: error.message } }) as Envelope);
        return { ms: performance.now() - t0, ok: res.ok && res.data?.kind === 'answer', cached: Boolean(res.data?.route?.cached), error: res.error?.code ?? (res.ok ? res.data?.kind : undefined), message: res.error?.message ?? res.data?.error?.message };
      }),
    );
    const wallMs = performance.now() - started;
    loadRunning = false;
    await probe;

    // Speed must not cost the guarantees: every answer persisted, measured and audited on a valid chain.
    const { store } = container.services;
    const orgCtx = systemContext(admin.organizationId);
    const integrity = {
      auditChainValid: (await store.audit.verify(orgCtx)).ok,
      answersAudited: (await store.audit.list(orgCtx, { action: 'ai.answer' })).length,
      answersMeasured: (await store.metrics.list(orgCtx, { name: 'ai.answer.latency_ms' })).length,
      conversationsStored: (await store.conversations.list(orgCtx)).length,
    };

    const latencies = outcomes.map((o) => o.ms);
    const failures = outcomes.filter((o) => !o.ok);
    return {
      questions: CONCURRENCY,
      distinctQuestions: QUESTIONS.length,
      route: 'offline',
      source: retailId ? 'retail benchmark (SQLite)' : 'demo workspace (files)',
      store: databaseUrl ? 'postgres' : 'sqlite',
      successRate: (CONCURRENCY - failures.length) / CONCURRENCY,
      targetSuccessRate: 0.99,
      cacheHits: outcomes.filter((o) => o.cached).length,
      latencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95), max: percentile(latencies, 100) },
      wallMs: Math.round(wallMs),
      throughputPerS: Math.round((CONCURRENCY / wallMs) * 1000 * 10) / 10,
      healthCheckUnderLoadMs: { samples: healthLatencies.length, p95: percentile(healthLatencies, 95), max: percentile(healthLatencies, 100) },
      integrity,
      failureMessages: [...new Set(failures.map((f) => f.message))].slice(0, 3),
      failures: Object.entries(failures.reduce<Record<string, number>>((acc, f) => ({ ...acc, [f.error ?? 'unknown']: (acc[f.error ?? 'unknown'] ?? 0) + 1 }), {})),
    };
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await container.dispose();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(sourcesDir, { recursive: true, force: true });
  }
}

const invokedDirectly = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (invokedDirectly) {
  benchOrchestrator().then((result) => process.stdout.write(`${JSON.stringify(result, null, 2)}\n`));
}
