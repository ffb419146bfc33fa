import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeLlmServer } from '../../support/fakeLlmServer';
import { signIn, startTempServer } from '../../support/tempServer';
import { cleanup, firstSource, ok, type TestServer } from '../security/fixtures';

interface AlertView { kind: string | null; severity: string; message: string; status: string }
interface Status { providers: Array<{ id: string; name: string; health: { breaker: string } }> }

describe('a language-model provider whose breaker opens raises an alert for its organization’s admins', () => {
  let server: TestServer;
  let fake: FakeLlmServer;
  let admin: string;
  let sourceId: string;

  beforeAll(async () => {
    fake = await FakeLlmServer.start();
    fake.setDefault({ kind: 'status', status: 500 });
    server = await startTempServer();
    admin = await signIn(server.url);
    sourceId = (await firstSource(server, admin)).id;
  });
  afterAll(async () => {
    await cleanup(server);
    await fake.close();
  });

  it('failing replies open the breaker; the scheduled alert evaluation raises ai.breaker_open once', async () => {
    const provider = await ok<{ id: string }>(server, 'ai/saveProvider', { name: 'Failing model', kind: 'openai-compatible', endpoint: fake.openAiUrl, model: 'fake-model', timeoutMs: 5_000, maxRetries: 0 }, admin);
    const breaker = async () => (await ok<Status>(server, 'ai/status', {}, admin)).providers.find((p) => p.id === provider.id)?.health.breaker;
    const { housekeeping } = server.container.services.admin;
    const breakerAlerts = async () => (await ok<AlertView[]>(server, 'alerts/list', { status: 'all' }, admin)).filter((a) => a.kind === 'ai.breaker_open');

    await housekeeping.evaluateAlerts();
    expect(await breakerAlerts()).toEqual([]);
    for (let asked = 0; asked < 10 && (await breaker()) !== 'open'; asked += 1) {
      const answer = await ok<{ route: { engine: string } }>(server, 'chat/ask', { sourceId, question: `How many customers are there? (${asked})`, mode: 'llm' }, admin);
      expect(answer.route.engine).toBe('offline');
    }
    expect(fake.requests.length).toBeGreaterThan(0);
    expect(await breaker()).toBe('open');

    await housekeeping.evaluateAlerts();
    await housekeeping.evaluateAlerts(); // still open: not raised twice
    expect(await breakerAlerts()).toEqual([expect.objectContaining({
      status: 'open', message: 'The language-model provider Failing model is unavailable (circuit breaker open); the built-in engine answers meanwhile.',
    })]);
  });
});
