import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTempServer } from '../../support/tempServer';
import { cleanup, filesDir, firstSource, ok, type TestServer } from '../security/fixtures';

type Answer = { kind: string; insights?: Array<{ kind: string; headline: string }>; result?: { columns: Array<{ name: string }>; rows: unknown[][] } };

/** Three years of steady monthly revenue, then a last month far above anything before. */
function monthlyRevenueWithSpike(): string {
  const lines = ['month,revenue'];
  for (let i = 0; i < 36; i++) {
    const month = `${2021 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`;
    lines.push(`${month},${i === 35 ? 9000 : 1000 + (i % 3) * 10}`);
  }
  return `${lines.join('\n')}\n`;
}

describe('the proactive insights flag is enforced where chat adds proactive cards', () => {
  let server: TestServer;
  let admin: string;
  let sourceId: string;
  const ask = () => ok<Answer>(server, 'chat/ask', { sourceId, question: 'Total revenue by month', mode: 'offline' }, admin);

  beforeAll(async () => {
    server = await startTempServer();
    admin = await signIn(server.url);
    const { projectId } = await firstSource(server, admin);
    const dir = filesDir(server, 'proactive');
    fs.writeFileSync(path.join(dir, 'revenue.csv'), monthlyRevenueWithSpike());
    sourceId = (await ok<{ id: string }>(server, 'sources/create', { projectId, name: 'Monthly revenue', config: { type: 'files', path: dir } }, admin)).id;
  });
  afterAll(() => cleanup(server));

  it('offers a card on an anomalous month while on, none once an administrator turns it off (also not from the cache)', async () => {
    const on = await ask();
    expect(on.kind).toBe('answer');
    expect(on.result?.columns).toHaveLength(2);
    expect(on.insights?.length ?? 0).toBeGreaterThan(0);
    await ok(server, 'org/updateSettings', { flags: { proactiveInsights: false } }, admin);
    const off = await ask();
    expect(off.kind).toBe('answer');
    expect(off.result?.rows).toEqual(on.result?.rows);
    expect(off.insights ?? []).toEqual([]);
    await ok(server, 'org/updateSettings', { flags: { proactiveInsights: true } }, admin);
    expect((await ask()).insights?.length ?? 0).toBeGreaterThan(0);
  });
});
