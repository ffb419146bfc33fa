/** A real container (SQLite store) with the retail SQLite database as a data source, users of
 *  several roles in two organizations, and a chat stack whose providers point at fake servers. */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Answer, ChatEvent } from '../../../shared/api/domains/chat';
import type { ProviderInput } from '../../../shared/api/domains/ai';
import type { RequestContext, Role } from '../../../shared/types/auth';
import { systemContext } from '../../../shared/types/auth';
import type { AiServiceOptions } from '../../../electron/main/ai/aiService';
import { createChatStack, type ChatStack } from '../../../electron/main/chat/chatStack';
import type { AskRequest } from '../../../electron/main/chat/chatService';
import { loadConfig } from '../../../electron/main/config';
import { createContainer, type Container } from '../../../electron/main/container';
import type { JsonObject } from '../../../electron/main/store';

/** `../shared/bench` beside the checkout; AISER_BENCH_DIR overrides (as for `npm run bench:nl2sql`). */
const RETAIL_DIR = process.env.AISER_BENCH_DIR ? path.resolve(process.env.AISER_BENCH_DIR, 'retail') : path.resolve(import.meta.dirname, '../../../../shared/bench/retail');

export interface Org {
  orgId: string;
  projectId: string;
  sourceId: string;
  sqlitePath: string;
  as(role: Role): RequestContext;
}

export interface AiHarness {
  container: Container;
  stack: ChatStack;
  dataDir: string;
  orgA: Org;
  orgB: Org;
  ask(ctx: RequestContext, request: Omit<AskRequest, 'sourceId'> & { sourceId?: string }, signal?: AbortSignal): Promise<{ answer: Answer; events: ChatEvent[] }>;
  addProvider(ctx: RequestContext, input: Partial<ProviderInput> & { name: string; endpoint: string }): Promise<string>;
  auditActions(ctx: RequestContext): Promise<string[]>;
  close(): Promise<void>;
}

async function makeOrg(container: Container, name: string, sourcesDir: string): Promise<Org> {
  const { store, sources } = container.services;
  const org = await store.organizations.unscopedCreate({ name });
  const system = systemContext(org.id);
  const project = await store.projects.create(system, { name: 'Sales' });
  const sqlitePath = path.join(sourcesDir, `${org.slug}-retail.sqlite`);
  fs.copyFileSync(path.join(RETAIL_DIR, 'retail.sqlite'), sqlitePath);
  fs.chmodSync(sqlitePath, 0o600);
  const users = new Map<Role, string>();
  for (const role of ['admin', 'analyst', 'executive', 'viewer'] as const) {
    const user = await store.users.create(system, { email: `${role}@${org.slug}.test`, name: `${role} ${name}`, role, department: role === 'executive' ? 'Sales' : 'Analytics' });
    await store.projects.addMember(system, project.id, user.id, 'editor');
    users.set(role, user.id);
  }
  const as = (role: Role): RequestContext => ({ userId: users.get(role)!, orgId: org.id, role, projectIds: [project.id], sessionId: `s-${role}`, department: role === 'executive' ? 'Sales' : 'Analytics' });
  const glossary = JSON.parse(fs.readFileSync(path.join(RETAIL_DIR, 'semantic.json'), 'utf8')) as JsonObject;
  const source = await sources.create(as('admin'), { projectId: project.id, name: 'Retail', config: { type: 'sqlite', path: sqlitePath }, semanticModel: glossary });
  return { orgId: org.id, projectId: project.id, sourceId: source.id, sqlitePath, as };
}

const PG_URL = process.env.AISER_TEST_PG_URL ?? 'postgres://aiser:aiser@127.0.0.1:5432/aiser_test';

/** A fresh PostgreSQL database for the store; returns its URL and a dropper. */
async function createPgStoreDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const database = `aiser_test_ai_${randomBytes(6).toString('hex')}`;
  const run = async (sql: string) => {
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    try {
      await admin.query(sql);
    } finally {
      await admin.end();
    }
  };
  await run(`CREATE DATABASE ${database}`);
  const url = new URL(PG_URL);
  url.pathname = `/${database}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`) };
}

export async function openAiHarness(aiOptions: AiServiceOptions = {}, options: { store?: 'sqlite' | 'postgres' } = {}): Promise<AiHarness> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiser-ai-'));
  // Sources may not live inside the data folder.
  const sourcesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiser-ai-src-'));
  const pgStore = options.store === 'postgres' ? await createPgStoreDatabase() : undefined;
  const config = loadConfig({ AISER_DATA_DIR: dataDir, AISER_LOG_LEVEL: 'error', AISER_NO_DEMO: '1', AISER_FILE_ROOTS: sourcesDir, ...(pgStore ? { AISER_DATABASE_URL: pgStore.url } : {}) });
  const container = await createContainer(config);
  const { services } = container;
  const orgA = await makeOrg(container, 'Acme', sourcesDir);
  const orgB = await makeOrg(container, 'Globex', sourcesDir);
  const stack = await createChatStack({
    store: services.store, secrets: services.secrets, logger: services.logger, sources: services.sources, query: services.query,
    ai: { healthIntervalMs: 0, ...aiOptions, resilience: { retryInitialDelayMs: 20, retryMaxDelayMs: 50, ...aiOptions.resilience } },
  });
  return {
    container, stack, dataDir, orgA, orgB,
    async ask(ctx, request, signal = new AbortController().signal) {
      const events: ChatEvent[] = [];
      const sourceId = request.sourceId ?? (ctx.orgId === orgA.orgId ? orgA.sourceId : orgB.sourceId);
      const answer = await stack.chat.ask(ctx, { ...request, sourceId }, { signal, emit: (e) => events.push(e) });
      return { answer, events };
    },
    async addProvider(ctx, input) {
      const saved = await stack.ai.saveProvider(ctx, { kind: 'openai-compatible', model: 'fake-model', timeoutMs: 5_000, maxRetries: 0, ...input });
      return saved.id;
    },
    async auditActions(ctx) {
      return (await services.store.audit.list(ctx)).map((e) => e.action);
    },
    async close() {
      await stack.dispose();
      await container.dispose();
      await pgStore?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(sourcesDir, { recursive: true, force: true });
    },
  };
}
