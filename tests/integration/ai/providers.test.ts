/** The provider clients against the fake server's OpenAI and Anthropic wire protocols, and the
 *  per-organization provider settings (encrypted key, test connection). */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createProvider, type ResolvedProvider } from '../../../electron/main/ai/providers/registry';
import { ProviderError, type StreamChunk } from '../../../electron/main/ai/providers/types';
import { ResilientProvider } from '../../../electron/main/ai/resilience';
import { FakeLlmServer } from '../../support/fakeLlmServer';
import { openAiHarness, type AiHarness } from './harness';

function settings(overrides: Partial<ResolvedProvider> & Pick<ResolvedProvider, 'kind' | 'endpoint'>): ResolvedProvider {
  return {
    id: 'p1', name: 'Test', model: 'fake-model', timeoutMs: 5_000, maxRetries: 0, maxConcurrent: 2, costPer1kInputTokens: 0, costPer1kOutputTokens: 0,
    priority: 1, enabled: true, apiKey: 'sk-test-123', ...overrides,
  };
}

async function collect(stream: AsyncIterable<StreamChunk>): Promise<{ text: string; done?: Extract<StreamChunk, { type: 'done' }> }> {
  let text = '';
  let done: Extract<StreamChunk, { type: 'done' }> | undefined;
  for await (const chunk of stream) {
    if (chunk.type === 'text') text += chunk.text;
    else done = chunk;
  }
  return { text, done };
}

const messages = [{ role: 'system' as const, content: 'be brief' }, { role: 'user' as const, content: 'hello' }];
const LONG = 'The quick brown fox jumps over the lazy dog, twice over.';

describe('provider wire protocols (fake server)', () => {
  let fake: FakeLlmServer;
  beforeAll(async () => {
    fake = await FakeLlmServer.start();
  });
  afterAll(async () => fake.close());

  it('OpenAI-compatible: chat with JSON mode, bearer key and token usage', async () => {
    fake.script({ kind: 'text', text: '{"a":1}' });
    const provider = createProvider(settings({ kind: 'openai-compatible', endpoint: fake.openAiUrl }));
    const result = await provider.chat({ messages, json: true });
    expect(result).toMatchObject({ text: '{"a":1}', usage: { inputTokens: 100 } });
    const request = fake.requests.at(-1)!;
    expect(request.path).toBe('/v1/chat/completions');
    expect(request.headers.authorization).toBe('Bearer sk-test-123');
    expect(request.body.response_format).toEqual({ type: 'json_object' });
  });

  it('OpenAI-compatible: SSE streaming assembles the text and reports usage', async () => {
    fake.script({ kind: 'text', text: LONG });
    const provider = createProvider(settings({ kind: 'openai', endpoint: fake.openAiUrl }));
    const { text, done } = await collect(provider.stream({ messages }));
    expect(text).toBe(LONG);
    expect(done?.usage.inputTokens).toBe(100);
  });

  it('Azure OpenAI: deployment in the path, api-version query and api-key header', async () => {
    fake.script({ kind: 'text', text: 'ok' });
    const provider = createProvider(settings({ kind: 'azure-openai', endpoint: fake.url, model: 'gpt4o-prod', apiVersion: '2024-10-21' }));
    await provider.chat({ messages });
    const request = fake.requests.at(-1)!;
    expect(request.path).toBe('/openai/deployments/gpt4o-prod/chat/completions?api-version=2024-10-21');
    expect(request.headers['api-key']).toBe('sk-test-123');
    expect(request.body.model).toBeUndefined();
  });

  it('Anthropic: system prompt, x-api-key, and SSE event types when streaming', async () => {
    fake.script({ kind: 'text', text: 'plain answer' }, { kind: 'text', text: LONG });
    const provider = createProvider(settings({ kind: 'anthropic', endpoint: fake.url }));
    const result = await provider.chat({ messages });
    expect(result.text).toBe('plain answer');
    const request = fake.requests.at(-1)!;
    expect(request.headers['x-api-key']).toBe('sk-test-123');
    expect(request.headers['anthropic-version']).toBe('2023-06-01');
    expect(request.body.system).toBe('be brief');
    expect(request.body.messages).toEqual([{ role: 'user', content: 'hello' }]);
    const { text, done } = await collect(provider.stream({ messages }));
    expect(text).toBe(LONG);
    expect(done?.usage).toEqual({ inputTokens: 100, outputTokens: 4 });
  });

  it('Ollama native: /api/chat with JSON format, and NDJSON streaming', async () => {
    fake.script({ kind: 'text', text: '{"ok":true}' }, { kind: 'text', text: LONG });
    const provider = createProvider(settings({ kind: 'ollama', endpoint: fake.url, model: 'llama3', apiKey: undefined }));
    expect(await provider.chat({ messages, json: true })).toMatchObject({ text: '{"ok":true}', usage: { inputTokens: 100 } });
    expect(fake.requests.at(-1)).toMatchObject({ path: '/api/chat', body: { model: 'llama3', format: 'json', stream: false } });
    const { text, done } = await collect(provider.stream({ messages }));
    expect(text).toBe(LONG);
    expect(done?.usage.outputTokens).toBe(4);
  });

  it.each(['openai-compatible', 'anthropic', 'ollama'] as const)('%s: a truncated stream or malformed JSON is an error, not a partial answer', async (kind) => {
    const endpoint = kind === 'openai-compatible' ? fake.openAiUrl : fake.url;
    const provider = createProvider(settings({ kind, endpoint }));
    fake.script({ kind: 'truncated', text: LONG }, { kind: 'malformed' });
    await expect(collect(provider.stream({ messages }))).rejects.toMatchObject({ failure: 'malformed' });
    await expect(provider.chat({ messages })).rejects.toBeInstanceOf(ProviderError);
  });

  it('a slow reply within the timeout succeeds; beyond it the call times out and the socket is closed', async () => {
    const slow = new ResilientProvider(createProvider(settings({ kind: 'openai-compatible', endpoint: fake.openAiUrl, timeoutMs: 1_000 })), settings({ kind: 'openai-compatible', endpoint: fake.openAiUrl, timeoutMs: 1_000 }));
    fake.script({ reply: { kind: 'text', text: 'late but fine' }, delayMs: 200 }, { reply: { kind: 'text', text: 'too late' }, delayMs: 3_000 });
    expect((await slow.chat({ messages })).text).toBe('late but fine');
    await expect(slow.chat({ messages })).rejects.toMatchObject({ failure: 'timeout' });
    await vi.waitFor(() => expect(fake.requests.at(-1)?.closedByClient).toBe(true));
  });

  it('maps HTTP failures: 429 and 5xx are transient, 401 is not', async () => {
    const provider = createProvider(settings({ kind: 'openai-compatible', endpoint: fake.openAiUrl }));
    fake.script({ kind: 'status', status: 429 }, { kind: 'status', status: 502 }, { kind: 'status', status: 401 });
    await expect(provider.chat({ messages })).rejects.toMatchObject({ failure: 'rate-limited', transient: true });
    await expect(provider.chat({ messages })).rejects.toMatchObject({ failure: 'server', transient: true });
    await expect(provider.chat({ messages })).rejects.toMatchObject({ failure: 'auth', transient: false });
  });
});

describe('provider settings per organization', () => {
  let h: AiHarness;
  let fake: FakeLlmServer;
  beforeAll(async () => {
    h = await openAiHarness();
    fake = await FakeLlmServer.start();
  });
  afterAll(async () => {
    await fake.close();
    await h.close();
  });

  it('stores the API key encrypted, never returns it, keeps it on update and scopes providers to the organization', async () => {
    const admin = h.orgA.as('admin');
    const saved = await h.stack.ai.saveProvider(admin, { name: 'Claude', kind: 'anthropic', endpoint: fake.url, model: 'claude-x', apiKey: 'sk-ant-secret-999' });
    expect(saved).not.toHaveProperty('apiKey');
    expect(saved.hasApiKey).toBe(true);
    const org = await h.container.services.store.organizations.get(admin);
    expect(JSON.stringify(org.settings)).not.toContain('sk-ant-secret-999');

    await h.stack.ai.saveProvider(admin, { id: saved.id, name: 'Claude renamed', kind: 'anthropic', endpoint: fake.url, model: 'claude-x' });
    fake.script({ kind: 'text', text: 'pong' });
    const test = await h.stack.ai.testProvider(admin, { id: saved.id });
    expect(test).toMatchObject({ ok: true, model: 'claude-x' });
    expect(fake.requests.at(-1)?.headers['x-api-key']).toBe('sk-ant-secret-999');

    expect(await h.stack.ai.listProviders(h.orgB.as('admin'))).toEqual([]);
  });

  it('refuses a cloud provider without a key and explains a failed connection test', async () => {
    const admin = h.orgA.as('admin');
    await expect(h.stack.ai.saveProvider(admin, { name: 'OpenAI', kind: 'openai', endpoint: fake.openAiUrl, model: 'gpt' })).rejects.toThrow(/needs an API key/);
    fake.script({ kind: 'status', status: 401 });
    const test = await h.stack.ai.testProvider(admin, { name: 'Local', kind: 'openai-compatible', endpoint: fake.openAiUrl, model: 'm', apiKey: 'bad' });
    expect(test.ok).toBe(false);
    expect(test.message).toMatch(/refused the API key/);
  });
});
