/** `aiser status`: for each organization, its AI providers checked now (health, latency), the
 *  circuit breakers as the running server sees them, and the answer latency percentiles per
 *  route over the last day, from metric_records. */
import fs from 'node:fs';
import { QueryTypes } from 'sequelize';
import { systemContext } from '../../../shared/types/auth';
import type { AiStatus } from '../../../shared/api/domains/ai';
import { AiService } from '../ai/aiService';
import { percentile } from '../ai/latency';
import { createOfflineEngine } from '../ai/offlineEngine';
import { readServedAiState } from '../ai/servedState';
import { loadConfig, type AppConfig } from '../config';
import { createLogger } from '../logging';
import { createKeyFileSecretBox } from '../security/secrets';
import { createStore, type Store } from '../store';
import { openSequelize } from '../store/connection';
import { UsageError, flag, parseArgs } from './args';

const USAGE = 'Usage: aiser status [--json] [--org <id|slug>] [--data-dir <dir>] [--database-url <url>]';
const DAY_MS = 24 * 3_600_000;

interface OrgStatus {
  organization: { id: string; name: string; slug: string };
  /** Health is checked now by this command; the breaker is the running server's when one publishes its state. */
  providers: Array<AiStatus['providers'][number] & { breakerFrom: 'server' | 'this check' }>;
  /** The running server whose breaker state is shown, or null when none runs on this data folder. */
  server: { pid: number; stateWrittenAt: string } | null;
  answers: Record<string, { count: number; p50: number | null; p95: number | null }>;
}

export async function runStatusCommand(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs(args, { values: ['org', 'data-dir', 'database-url'], booleans: ['json'] });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`aiser status: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  const config = loadConfig({
    ...process.env,
    ...(flag(parsed, 'data-dir') ? { AISER_DATA_DIR: flag(parsed, 'data-dir') } : {}),
    ...(flag(parsed, 'database-url') ? { AISER_DATABASE_URL: flag(parsed, 'database-url') } : {}),
  });
  if (!config.databaseUrl && !fs.existsSync(config.dataDir)) {
    process.stderr.write(`aiser status: there is no data folder at ${config.dataDir}; pass --data-dir.\n`);
    return 2;
  }
  const report = await collect(config, flag(parsed, 'org'));
  if (!report) {
    process.stderr.write(`aiser status: no organization "${flag(parsed, 'org')}".\n`);
    return 2;
  }
  process.stdout.write(parsed.flags.json ? `${JSON.stringify(report, null, 2)}\n` : render(report));
  const anyUnhealthy = report.some((org) => org.providers.some((p) => p.enabled && p.health.status === 'unhealthy'));
  return anyUnhealthy ? 1 : 0;
}

async function collect(config: AppConfig, wanted?: string): Promise<OrgStatus[] | null> {
  const orgs = await listOrganizations(config);
  const chosen = wanted ? orgs.filter((o) => o.id === wanted || o.slug === wanted) : orgs;
  if (wanted && !chosen.length) return null;
  const secrets = createKeyFileSecretBox(config.dataDir);
  const store = createStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, secrets });
  await store.init();
  const ai = new AiService(store, secrets, createLogger({ level: 'error' }), createOfflineEngine(), { healthIntervalMs: 0 });
  const served = readServedAiState(config.dataDir);
  const server = served ? { pid: served.pid, stateWrittenAt: served.writtenAt } : null;
  try {
    const out: OrgStatus[] = [];
    for (const organization of chosen) {
      const ctx = systemContext(organization.id);
      const status = await ai.checkHealth(ctx);
      const providers = status.providers.map((p) => {
        if (!served) return { ...p, breakerFrom: 'this check' as const };
        // A provider the server has not used yet has no breaker there: closed.
        const seen = served.providers.find((s) => s.orgId === organization.id && s.providerId === p.id);
        return { ...p, health: { ...p.health, breaker: seen?.health.breaker ?? 'closed' }, breakerFrom: 'server' as const };
      });
      out.push({ organization, providers, server, answers: await answerLatency(store, ctx) });
    }
    return out;
  } finally {
    ai.dispose();
    await store.close();
  }
}

async function answerLatency(store: Store, ctx: ReturnType<typeof systemContext>): Promise<OrgStatus['answers']> {
  const records = await store.metrics.list(ctx, { name: 'ai.answer.latency_ms', since: new Date(Date.now() - DAY_MS) });
  const byRoute = new Map<string, number[]>();
  for (const record of records) {
    const route = record.tags.route ?? 'unknown';
    byRoute.set(route, [...(byRoute.get(route) ?? []), record.value]);
  }
  return Object.fromEntries([...byRoute].map(([route, values]) => [route, { count: values.length, p50: percentile(values, 50), p95: percentile(values, 95) }]));
}

async function listOrganizations(config: AppConfig): Promise<Array<{ id: string; name: string; slug: string }>> {
  const { sequelize } = openSequelize({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    return await sequelize.query('SELECT id, name, slug FROM organizations ORDER BY created_at, id', { type: QueryTypes.SELECT });
  } finally {
    await sequelize.close();
  }
}

function ms(value: number | null): string {
  return value === null ? '—' : `${Math.round(value)} ms`;
}

function render(report: OrgStatus[]): string {
  const lines: string[] = [];
  for (const org of report) {
    lines.push(`${org.organization.name} (${org.organization.slug})`);
    lines.push(org.server ? `  Breakers as seen by the running server (pid ${org.server.pid}, ${org.server.stateWrittenAt})` : '  No running server on this data folder: breakers are those of this check only.');
    lines.push('  Built-in offline engine: available');
    if (!org.providers.length) lines.push('  No language-model providers configured (answers use the offline engine).');
    for (const p of org.providers) {
      const state = p.enabled ? p.health.status : 'disabled';
      lines.push(`  ${p.name} [${p.kind}, ${p.model}]: ${state}, breaker ${p.health.breaker}, check ${ms(p.health.latencyMs.p50)}${p.health.lastError ? ` — ${p.health.lastError}` : ''}`);
    }
    const routes = Object.entries(org.answers);
    if (!routes.length) lines.push('  No answers in the last 24 hours.');
    for (const [route, s] of routes) lines.push(`  Answers via ${route}: ${s.count} in 24 h, p50 ${ms(s.p50)}, p95 ${ms(s.p95)}`);
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}
