import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post, signIn, startTempServer, tempDataDir } from '../../support/tempServer';

/** A managed machine: IT's policy file wins over what the administrator does in the app. */
describe('machine policy file in a running app', () => {
  let server: Awaited<ReturnType<typeof startTempServer>>;
  let token: string;
  const filesDir = tempDataDir('aiser-preset-');

  beforeAll(async () => {
    fs.writeFileSync(path.join(filesDir, 'budget.csv'), 'team,amount\nSales,100\nOps,50\n');
    const policyPath = path.join(tempDataDir('aiser-policy-'), 'policy.json');
    fs.writeFileSync(policyPath, JSON.stringify({
      ai: { allowedProviderKinds: ['ollama'], allowedEndpoints: ['http://127.0.0.1:11434/'] },
      exports: { allowed: false },
      reports: { allowScheduling: false },
      presetSources: [{ name: 'Budgets', config: { type: 'files', path: filesDir } }],
      telemetry: false,
      autoUpdate: false,
    }));
    server = await startTempServer(tempDataDir(), { AISER_POLICY_FILE: policyPath });
    token = await signIn(server.url);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('shows what is managed to everyone signed in', async () => {
    const reply = await post(server.url, 'system/policy', {}, token);
    expect(reply.body.data).toMatchObject({ managed: true, exportsAllowed: false, languageModelsAllowed: true });
    expect(JSON.stringify(reply.body.data)).toContain('Allowed AI providers');
  });

  it('refuses a provider the policy does not allow, on save and on test, with the reason', async () => {
    const provider = { name: 'Cloud', kind: 'openai', endpoint: 'https://api.openai.com/v1', model: 'gpt-4o-mini', apiKey: 'sk-test' };
    const saved = await post(server.url, 'ai/saveProvider', provider, token);
    expect(saved.status).toBe(403);
    expect(saved.body.error?.message).toContain('only these provider kinds: ollama');
    const tested = await post(server.url, 'ai/testProvider', provider, token);
    expect(tested.status).toBe(403);
    const elsewhere = await post(server.url, 'ai/saveProvider', { ...provider, kind: 'ollama', endpoint: 'http://10.9.9.9:11434/' }, token);
    expect(elsewhere.body.error?.message).toContain('only these endpoints');
    const allowed = await post(server.url, 'ai/saveProvider', { ...provider, kind: 'ollama', endpoint: 'http://127.0.0.1:11434/', apiKey: undefined }, token);
    expect(allowed.body.ok).toBe(true);
  });

  it('refuses exports and report schedules on the server, whatever the organization allows', async () => {
    const sourceId = ((await post(server.url, 'sources/list', {}, token)).body.data as Array<{ id: string; name: string }>).find((s) => s.name === 'Budgets')!.id;
    expect((await post(server.url, 'org/updateSettings', { flags: { exports: true, reportScheduling: true } }, token)).body.ok).toBe(true);
    const exported = await post(server.url, 'query/export', { sourceId, sql: 'SELECT team FROM budget' }, token);
    expect(exported.status).toBe(403);
    expect(exported.body.error).toMatchObject({ message: "Exports are turned off on this installation by your organization's machine policy.", detail: 'policy:exports' });
    const scheduled = await post(server.url, 'reports/schedules/create', { report: { origin: { kind: 'dashboard', dashboardId: randomUUID() } }, cron: '0 8 * * 1', recipients: [{ email: 'admin@example.com' }] }, token);
    expect(scheduled.body.error).toMatchObject({ code: 'FORBIDDEN', detail: 'policy:reportScheduling' });
    expect((await post(server.url, 'query/run', { sourceId, sql: 'SELECT team FROM budget' }, token)).body.ok).toBe(true);
  });

  it('creates the preset data sources once', async () => {
    const sources = (await post(server.url, 'sources/list', {}, token)).body.data as Array<{ name: string }>;
    expect(sources.filter((s) => s.name === 'Budgets')).toHaveLength(1);
  });
});
