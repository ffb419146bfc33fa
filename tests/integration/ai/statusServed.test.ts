/** `aiser status` next to a running server: the circuit breakers reported are the server's
 *  (opened by real failed calls), not those of a pool the command builds for itself. */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runStatusCommand } from '../../../electron/main/cli/statusCommand';
import { FakeLlmServer } from '../../support/fakeLlmServer';
import { post, signIn, startTempServer, tempDataDir } from '../../support/tempServer';

type Report = Array<{ providers: Array<{ name: string; breakerFrom: string; health: { status: string; breaker: string } }>; server: { pid: number } | null }>;

async function status(dataDir: string): Promise<{ code: number; report: Report; text: string }> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (out += String(chunk)).length > 0);
  try {
    const code = await runStatusCommand(['--data-dir', dataDir, '--json']);
    const json = out;
    out = '';
    await runStatusCommand(['--data-dir', dataDir]);
    return { code, report: JSON.parse(json) as Report, text: out };
  } finally {
    spy.mockRestore();
  }
}

describe('aiser status reports the running server’s breakers', () => {
  let llm: FakeLlmServer;
  let server: Awaited<ReturnType<typeof startTempServer>>;
  let admin: string;
  let running = false;

  beforeAll(async () => {
    llm = await FakeLlmServer.start();
    llm.setDefault({ kind: 'status', status: 500 });
    server = await startTempServer(tempDataDir(), { AISER_OUTBOUND_ALLOW: '127.0.0.1' });
    running = true;
    admin = await signIn(server.url);
  });
  afterAll(async () => {
    if (running) await server.close();
    await llm?.close();
    if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  const call = async <T>(name: string, body: unknown): Promise<T> => {
    const res = await post(server.url, name, body, admin);
    if (!res.body.ok) throw new Error(`${name}: ${JSON.stringify(res.body.error)}`);
    return res.body.data as T;
  };

  it('shows the breaker the server opened after failing calls, while a fresh check alone would show it closed', async () => {
    await call('ai/saveProvider', { name: 'Failing model', kind: 'openai-compatible', endpoint: llm.openAiUrl, model: 'm', apiKey: 'k-123456' });
    const before = await status(server.dataDir);
    expect(before.report[0].server?.pid).toBe(process.pid);
    expect(before.report[0].providers[0]).toMatchObject({ name: 'Failing model', breakerFrom: 'server', health: { breaker: 'closed' } });

    // Each health check through the server's breaker fails on the model's 500 until the breaker opens.
    let seen = '';
    for (let attempt = 0; attempt < 10 && seen !== 'open'; attempt++) {
      seen = (await call<{ providers: Array<{ health: { breaker: string } }> }>('ai/checkHealth', {})).providers[0].health.breaker;
    }
    expect(seen).toBe('open');

    await vi.waitFor(async () => {
      const after = await status(server.dataDir);
      expect(after.report[0].providers[0]).toMatchObject({ name: 'Failing model', breakerFrom: 'server', health: { status: 'unhealthy', breaker: 'open' } });
      expect(after.code).toBe(1);
      expect(after.text).toMatch(/running server \(pid \d+/);
      expect(after.text).toMatch(/Failing model .*unhealthy, breaker open/);
    }, { timeout: 15_000, interval: 500 });
  });

  it('without a running server it says the breakers are those of its own check', async () => {
    await server.close();
    running = false;
    const alone = await status(server.dataDir);
    expect(alone.report[0].server).toBeNull();
    expect(alone.report[0].providers[0]).toMatchObject({ breakerFrom: 'this check', health: { breaker: 'closed' } });
    expect(alone.text).toMatch(/No running server on this data folder/);
  });
});
