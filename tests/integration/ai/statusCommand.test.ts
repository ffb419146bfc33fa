/** `aiser status` on a real data folder: provider health checked now, breaker state, and answer
 *  latency percentiles from metric_records. */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runStatusCommand } from '../../../electron/main/cli/statusCommand';
import { FakeLlmServer } from '../../support/fakeLlmServer';
import { openAiHarness, type AiHarness } from './harness';

async function capture(run: () => Promise<number>): Promise<{ code: number; out: string }> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    return { code: await run(), out };
  } finally {
    spy.mockRestore();
  }
}

describe('aiser status', () => {
  let h: AiHarness;
  let up: FakeLlmServer;
  let down: FakeLlmServer;

  beforeAll(async () => {
    h = await openAiHarness();
    up = await FakeLlmServer.start();
    down = await FakeLlmServer.start();
    down.setDefault({ kind: 'status', status: 500 });
    await h.addProvider(h.orgA.as('admin'), { name: 'Healthy one', endpoint: up.openAiUrl });
    await h.addProvider(h.orgA.as('admin'), { name: 'Broken one', endpoint: down.openAiUrl });
    await h.ask(h.orgA.as('analyst'), { question: 'revenue in 2025' });
    await h.ask(h.orgA.as('analyst'), { question: 'revenue in 2025' });
  });
  afterAll(async () => {
    await up.close();
    await down.close();
    await h.close();
  });

  it('reports provider health and answer latency percentiles, and exits 1 when a provider is unhealthy', async () => {
    const { code, out } = await capture(() => runStatusCommand(['--data-dir', h.dataDir, '--json']));
    expect(code).toBe(1);
    const report = JSON.parse(out) as Array<{ organization: { id: string }; providers: Array<{ name: string; health: { status: string; breaker: string } }>; answers: Record<string, { count: number; p95: number | null }> }>;
    const acme = report.find((r) => r.organization.id === h.orgA.orgId)!;
    expect(acme.providers.map((p) => [p.name, p.health.status, p.health.breaker])).toEqual(
      expect.arrayContaining([['Healthy one', 'healthy', 'closed'], ['Broken one', 'unhealthy', 'closed']]),
    );
    expect(acme.answers.offline).toMatchObject({ count: 1 });
    expect(acme.answers.cache).toMatchObject({ count: 1 });
    expect(acme.answers.offline.p95).toBeGreaterThan(0);
    expect(report.find((r) => r.organization.id === h.orgB.orgId)?.providers).toEqual([]);
  });

  it('prints a readable summary for one organization and rejects unknown options', async () => {
    const { code, out } = await capture(() => runStatusCommand(['--data-dir', h.dataDir, '--org', 'globex']));
    expect(code).toBe(0);
    expect(out).toContain('Globex (globex)');
    expect(out).toContain('No language-model providers configured');
    expect(await runStatusCommand(['--bogus'])).toBe(2);
  });
});
