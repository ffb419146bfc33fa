/** The chat and AI calls over the real HTTP server: SSE streaming, conversations, feedback,
 *  role-specific suggestions that work, and provider management access. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../../shared/api/client';
import type { ChatEvent } from '../../../shared/api/domains/chat';
import { HttpTransport } from '../../../shared/api/httpTransport';
import { hashPassword } from '../../../electron/main/security/passwords';
import type { JsonObject } from '../../../electron/main/store';
import { FakeLlmServer } from '../../support/fakeLlmServer';
import { signIn, startTempServer } from '../../support/tempServer';

const RETAIL_DIR = process.env.AISER_BENCH_DIR ? path.resolve(process.env.AISER_BENCH_DIR, 'retail') : path.resolve(import.meta.dirname, '../../../../shared/bench/retail');
const PASSWORD = 'role-password-123';

describe('chat and AI API over HTTP', () => {
  let server: Awaited<ReturnType<typeof startTempServer>>;
  let admin: ApiClient;
  let analyst: ApiClient;
  let executive: ApiClient;
  let sourceId: string;
  let fake: FakeLlmServer;
  let sourcesDir: string;

  async function clientFor(email?: string): Promise<ApiClient> {
    const token = email ? await signIn(server.url, email, PASSWORD) : await signIn(server.url);
    return new ApiClient(new HttpTransport(server.url, token));
  }

  beforeAll(async () => {
    server = await startTempServer(undefined, { AISER_NO_DEMO: '1' });
    fake = await FakeLlmServer.start();
    admin = await clientFor();
    const me = await admin.call('auth/me', {});
    const projectId = me.projects[0].id;
    sourcesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiser-ai-api-src-'));
    const copy = path.join(sourcesDir, 'retail.sqlite');
    fs.copyFileSync(path.join(RETAIL_DIR, 'retail.sqlite'), copy);
    sourceId = (await admin.call('sources/create', { projectId, name: 'Retail', config: { type: 'sqlite', path: copy } })).id;
    const { services } = server.container;
    const adminCtx = { userId: me.id, orgId: me.orgId, role: 'admin' as const, projectIds: [projectId], sessionId: 'setup' };
    await services.sources.setSemanticModel(adminCtx, sourceId, JSON.parse(fs.readFileSync(path.join(RETAIL_DIR, 'semantic.json'), 'utf8')) as JsonObject);
    for (const role of ['analyst', 'executive'] as const) {
      const user = await services.store.users.create(adminCtx, { email: `${role}@example.com`, name: `Pat ${role}`, role, department: 'Sales', passwordHash: await hashPassword(PASSWORD) });
      await services.store.projects.addMember(adminCtx, projectId, user.id, 'editor');
    }
    analyst = await clientFor('analyst@example.com');
    executive = await clientFor('executive@example.com');
  });
  afterAll(async () => {
    await fake.close();
    await server.close();
    fs.rmSync(server.dataDir, { recursive: true, force: true });
    fs.rmSync(sourcesDir, { recursive: true, force: true });
  });

  it('streams the answer stages over SSE before the result arrives', async () => {
    const events: ChatEvent[] = [];
    const answer = await analyst.call('chat/ask', { question: 'revenue by region in 2025', sourceId }, { onEvent: (e) => events.push(e) });
    expect(answer.kind).toBe('answer');
    expect(events[0]).toMatchObject({ type: 'stage', stage: 'understanding' });
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['sql', 'rows', 'chart', 'narrative']));
    expect(events.find((e) => e.type === 'rows')).toMatchObject({ rowCount: answer.result?.rowCount });
  });

  it('lists, searches, renames and deletes conversations; a thumbs-up approves the answer as an example', async () => {
    const answer = await analyst.call('chat/ask', { question: 'units sold in 2025', sourceId });
    const found = await analyst.call('conversations/list', { search: 'units sold' });
    expect(found.map((c) => c.id)).toContain(answer.conversationId);
    expect(await analyst.call('conversations/list', { search: 'no such words anywhere' })).toEqual([]);
    expect(await executive.call('conversations/list', {})).toEqual([]);

    const renamed = await analyst.call('conversations/rename', { id: answer.conversationId, title: 'Units review' });
    expect(renamed).toMatchObject({ title: 'Units review', messageCount: 2 });
    await analyst.call('chat/feedback', { messageId: answer.messageId, feedback: 'up' });
    const detail = await analyst.call('conversations/get', { id: answer.conversationId });
    expect(detail.messages[1]).toMatchObject({ role: 'assistant', feedback: 'up', answer: { messageId: answer.messageId, kind: 'answer' } });
    const { services } = server.container;
    const me = await analyst.call('auth/me', {});
    const ctx = { userId: me.id, orgId: me.orgId, role: 'analyst' as const, projectIds: me.projects.map((p) => p.id), sessionId: 'x' };
    expect(await services.chat.log.listApproved(ctx, sourceId)).toEqual([expect.objectContaining({ question: 'units sold in 2025' })]);

    await analyst.call('conversations/remove', { id: answer.conversationId });
    await expect(analyst.call('conversations/get', { id: answer.conversationId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('greets executives and analysts differently, with example questions that actually answer', async () => {
    const forExecutive = await executive.call('chat/suggestions', { sourceId });
    const forAnalyst = await analyst.call('chat/suggestions', {});
    expect(forExecutive.greeting).toMatch(/^Hello Pat\b/);
    expect(forExecutive.greeting).not.toBe(forAnalyst.greeting);
    expect(forExecutive.examples.length).toBeGreaterThanOrEqual(2);
    expect(forAnalyst.examples.length).toBeGreaterThanOrEqual(2);
    expect(forExecutive.examples).not.toEqual(forAnalyst.examples);
    for (const question of [forExecutive.examples[0], forAnalyst.examples[0]]) {
      const answer = await analyst.call('chat/ask', { question, sourceId });
      expect(answer.kind, question).toBe('answer');
    }
  });

  it('lets only provider managers configure providers and see their health', async () => {
    await expect(executive.call('ai/listProviders', {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const saved = await admin.call('ai/saveProvider', { name: 'Local vLLM', kind: 'openai-compatible', endpoint: fake.openAiUrl, model: 'qwen', apiKey: 'local-key-42' });
    expect(saved).toMatchObject({ hasApiKey: true, health: { breaker: 'closed' } });
    expect(JSON.stringify(saved)).not.toContain('local-key-42');
    fake.script({ kind: 'text', text: 'pong' });
    expect(await admin.call('ai/testProvider', { id: saved.id })).toMatchObject({ ok: true, model: 'qwen' });
    await expect(executive.call('ai/status', {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const status = await admin.call('ai/status', {});
    expect(status.providers).toEqual([expect.objectContaining({ id: saved.id, name: 'Local vLLM' })]);
    expect(status.builtin.available).toBe(true);
    await admin.call('ai/removeProvider', { id: saved.id });
    expect(await admin.call('ai/listProviders', {})).toEqual([]);
  });

  it('cancelling the streamed call in the client aborts the model request on the server', async () => {
    const hanging = await FakeLlmServer.start();
    hanging.setDefault({ kind: 'hang' });
    const saved = await admin.call('ai/saveProvider', { name: 'Hanging', kind: 'openai-compatible', endpoint: hanging.openAiUrl, model: 'm', timeoutMs: 60_000 });
    try {
      const controller = new AbortController();
      const stages: ChatEvent[] = [];
      const pending = analyst.call('chat/ask', { question: 'explain our store footprint', sourceId, mode: 'llm' }, { signal: controller.signal, onEvent: (e) => stages.push(e) });
      await hanging.waitForRequests(1);
      controller.abort();
      await expect(pending).rejects.toThrow(/abort|cancel/i);
      await hanging.waitForClientClose();
      expect(stages[0]).toMatchObject({ type: 'stage', stage: 'understanding' });
    } finally {
      await admin.call('ai/removeProvider', { id: saved.id });
      await hanging.close();
    }
  });
});
