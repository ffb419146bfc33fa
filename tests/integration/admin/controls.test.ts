import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALL_KEYS, contract, type CallKey } from '../../../shared/api/contract';
import { systemContext } from '../../../shared/types/auth';
import { FEATURE_FLAG_KEYS, USAGE_LIMIT_KEYS, type FeatureFlag, type UsageLimit } from '../../../shared/types/tenant';
import { CALL_CONTROLS, controlOf, isGuardedKind } from '../../../electron/main/admin';
import { post, signIn, startTempServer } from '../../support/tempServer';
import { cleanup, firstSource, ok, type TestServer } from '../security/fixtures';

interface Ids { sourceId: string; projectId: string; dashboardId: string; widgetId: string }

/** A valid request for every controlled call (the admin may make all of them). A call added to
 *  CALL_CONTROLS without a request here fails the suite, so every control stays tested. */
const REQUESTS: Partial<Record<CallKey, (ids: Ids) => Record<string, unknown>>> = {
  'chat/ask': (ids) => ({ sourceId: ids.sourceId, question: 'How many customers are there?', mode: 'llm' }),
  'query/run': (ids) => ({ sourceId: ids.sourceId, sql: 'SELECT COUNT(*) AS n FROM customers' }),
  'query/export': (ids) => ({ sourceId: ids.sourceId, sql: 'SELECT COUNT(*) AS n FROM customers' }),
  'query/preview': (ids) => ({ sourceId: ids.sourceId, table: 'customers', limit: 5 }),
  'policies/preview': (ids) => ({ sourceId: ids.sourceId, role: 'analyst', table: 'customers', limit: 5 }),
  'dashboards/runWidget': (ids) => ({ dashboardId: ids.dashboardId, widgetId: ids.widgetId }),
  'ai/saveProvider': () => ({ name: 'Local model', kind: 'ollama', endpoint: 'http://127.0.0.1:9', model: 'm' }),
  'ai/testProvider': () => ({ name: 'Local model', kind: 'ollama', endpoint: 'http://127.0.0.1:9', model: 'm', timeoutMs: 1000 }),
  'ai/checkHealth': () => ({}),
  'reports/preview': (ids) => ({ origin: { kind: 'dashboard', dashboardId: ids.dashboardId }, audience: 'analyst' }),
  'reports/create': (ids) => ({ origin: { kind: 'dashboard', dashboardId: ids.dashboardId }, audience: 'analyst', format: 'html' }),
  'reports/download': () => ({ runId: 'no-such-run' }),
  'reports/schedules/create': (ids) => ({ report: { origin: { kind: 'dashboard', dashboardId: ids.dashboardId } }, cron: '0 8 * * 1', recipients: [{ email: 'admin@example.com' }] }),
  'reports/schedules/update': () => ({ id: 'no-such-schedule', enabled: false }),
  'reports/schedules/runNow': () => ({ id: 'no-such-schedule' }),
};

function pairs<K extends string>(pick: (control: NonNullable<ReturnType<typeof controlOf>>) => Partial<Record<K, string>> | undefined): Array<[CallKey, K, string]> {
  return CALL_KEYS.flatMap((key) => {
    const control = controlOf(key);
    return control ? Object.entries(pick(control) ?? {}).map(([what, effect]) => [key, what as K, effect as string] as [CallKey, K, string]) : [];
  });
}

describe('tenant controls are enforced by the server for every call they concern', () => {
  let server: TestServer;
  let admin: string;
  let orgId: string;
  let ids: Ids;
  const settings = (body: Record<string, unknown>) => ok(server, 'org/updateSettings', body, admin);

  beforeAll(async () => {
    server = await startTempServer();
    admin = await signIn(server.url);
    orgId = (await ok<{ orgId: string }>(server, 'auth/me', {}, admin)).orgId;
    const source = await firstSource(server, admin);
    const board = await ok<{ id: string }>(server, 'dashboards/create', { projectId: source.projectId, name: 'Controls' }, admin);
    const placed = await ok<{ widgets: Array<{ id: string }> }>(server, 'dashboards/addWidget', {
      dashboardId: board.id, title: 'Customers', sourceId: source.id, sql: 'SELECT COUNT(*) AS n FROM customers', chart: { type: 'kpi', title: 'Customers', y: ['n'] },
    }, admin);
    ids = { sourceId: source.id, projectId: source.projectId, dashboardId: board.id, widgetId: placed.widgets[0].id };
  });
  afterAll(() => cleanup(server));

  it('maps every call of a guarded kind (queries, exports, models, schedules, delivery) to its controls or an exemption', () => {
    const unmapped = CALL_KEYS.filter((key) => isGuardedKind(key, contract[key]) && !(key in CALL_CONTROLS));
    expect(unmapped).toEqual([]);
    expect(Object.keys(CALL_CONTROLS).filter((key) => !(CALL_KEYS as string[]).includes(key))).toEqual([]);
    expect(CALL_KEYS.filter((key) => controlOf(key) && !REQUESTS[key])).toEqual([]);
  });

  it('each feature flag, turned off, refuses every call it concerns with a message saying so', async () => {
    const problems: string[] = [];
    for (const [key, flag, effect] of pairs<FeatureFlag>((c) => c.flags)) {
      await settings({ flags: { [flag]: false } });
      const res = await post(server.url, key, REQUESTS[key]!(ids), admin);
      // `offline` calls still run on the built-in engine unless a model was asked for (the requests above ask for one).
      if (res.body.ok || res.body.error?.code !== 'FORBIDDEN' || !res.body.error.message.includes('turned off')) problems.push(`${key} with ${flag} off (${effect}): ${JSON.stringify(res.body.error ?? 'succeeded')}`);
      await settings({ flags: { [flag]: true } });
      const allowed = await post(server.url, key, REQUESTS[key]!(ids), admin);
      if (allowed.body.error?.message.includes('turned off')) problems.push(`${key} still refused with ${flag} back on`);
    }
    expect(problems).toEqual([]);
  });

  it('with language models off, questions are still answered by the built-in engine', async () => {
    await settings({ flags: { languageModels: false } });
    const refused = await post(server.url, 'chat/ask', { sourceId: ids.sourceId, question: 'How many customers are there?', mode: 'llm' }, admin);
    expect(refused.body.error).toMatchObject({ code: 'FORBIDDEN', message: 'Language models are turned off for My Organization.' });
    const answer = await ok<{ kind: string; route: { engine: string } }>(server, 'chat/ask', { sourceId: ids.sourceId, question: 'How many customers are there?' }, admin);
    expect(answer).toMatchObject({ kind: 'answer', route: { engine: expect.not.stringMatching(/llm/) } });
    await settings({ flags: { languageModels: true } });
  });

  it('free SQL off keeps dashboards and previews working but refuses written SQL', async () => {
    await settings({ flags: { freeSql: false } });
    const res = await post(server.url, 'query/run', REQUESTS['query/run']!(ids), admin);
    expect(res.body.error).toMatchObject({ code: 'FORBIDDEN', message: 'Free SQL is turned off for My Organization.', hint: expect.stringContaining('Administration') });
    await ok(server, 'dashboards/runWidget', REQUESTS['dashboards/runWidget']!(ids), admin);
    await settings({ flags: { freeSql: true } });
  });

  it('questions per day: the call past the limit is refused, the usage view shows it', async () => {
    await settings({ limits: { questionsPerDay: 2 } });
    const ask = () => post(server.url, 'chat/ask', { sourceId: ids.sourceId, question: 'How many customers are there?', mode: 'offline' }, admin);
    const used = (await ok<Array<{ limit: string; used: number }>>(server, 'org/usage', {}, admin)).find((l) => l.limit === 'questionsPerDay')!.used;
    for (let i = used; i < 2; i += 1) expect((await ask()).body.ok).toBe(true);
    const refused = await ask();
    expect(refused.status).toBe(429);
    expect(refused.body.error?.message).toMatch(/^Your organization has used its 2 questions for this day\. It resets on \d{4}-\d\d-\d\d 00:00 UTC\.$/);
    const usage = await ok<Array<{ limit: string; used: number; max: number | null }>>(server, 'org/usage', {}, admin);
    expect(usage.find((l) => l.limit === 'questionsPerDay')).toMatchObject({ used: 2, max: 2 });
    expect(usage.map((l) => l.limit).sort()).toEqual([...USAGE_LIMIT_KEYS].sort());
    await settings({ limits: { questionsPerDay: null } });
    expect((await ask()).body.ok).toBe(true);
  });

  it('language-model tokens per month: models are refused once used up, the built-in engine still answers', async () => {
    const ctx = systemContext(orgId);
    await server.container.services.store.metrics.record(ctx, { name: 'ai.tokens', value: 1200, tags: { provider: 'test' } });
    await settings({ limits: { llmTokensPerMonth: 1000 } });
    for (const [key] of pairs<UsageLimit>((c) => c.limits).filter(([, limit]) => limit === 'llmTokensPerMonth')) {
      const res = await post(server.url, key, REQUESTS[key]!(ids), admin);
      expect({ key, error: res.body.error }).toMatchObject({ key, error: { code: 'RATE_LIMITED', message: expect.stringContaining('used its 1,000 tokens for this month') } });
    }
    const offline = await ok<{ kind: string }>(server, 'chat/ask', { sourceId: ids.sourceId, question: 'How many customers are there?' }, admin);
    expect(offline.kind).toBe('answer');
    const usage = await ok<Array<{ limit: string; used: number }>>(server, 'org/usage', {}, admin);
    expect(usage.find((l) => l.limit === 'llmTokensPerMonth')?.used).toBe(1200);
    await settings({ limits: { llmTokensPerMonth: null } });
  });

  it('concurrent queries: every query call is refused while the organization is at its limit', async () => {
    await settings({ limits: { concurrentQueries: 1 } });
    const release = (await server.container.services.admin.usage.hold(orgId))!; // one query running
    const problems: string[] = [];
    const calls = pairs<UsageLimit>((c) => c.limits).filter(([, limit]) => limit === 'concurrentQueries').map(([key]) => key);
    expect(calls).toEqual(expect.arrayContaining(['chat/ask', 'query/run', 'query/preview', 'dashboards/runWidget']));
    for (const key of calls) {
      const res = await post(server.url, key, { ...REQUESTS[key]!(ids), ...(key === 'chat/ask' ? { mode: 'offline' } : {}) }, admin);
      if (res.body.error?.message !== 'Your organization already runs 1 query at once, its limit.') problems.push(`${key}: ${JSON.stringify(res.body.error ?? 'ran')}`);
    }
    await release();
    for (const key of calls) {
      const res = await post(server.url, key, { ...REQUESTS[key]!(ids), ...(key === 'chat/ask' ? { mode: 'offline' } : {}) }, admin);
      if (!res.body.ok) problems.push(`${key} after release: ${JSON.stringify(res.body.error)}`);
    }
    expect(problems).toEqual([]);
    await settings({ limits: { concurrentQueries: null } });
  });

  it('controls for work outside API calls (scheduled reports, insights, delivery) refuse with the same messages', async () => {
    const { guard } = server.container.services.admin;
    const ctx = systemContext(orgId);
    for (const flag of FEATURE_FLAG_KEYS) {
      await settings({ flags: { [flag]: false } });
      await expect(guard.assertAllowed(ctx, { flag })).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/(is|are) turned off for My Organization\./) });
      await settings({ flags: { [flag]: true } });
      await expect(guard.assertAllowed(ctx, { flag })).resolves.toBeUndefined();
    }
    // Report runs made by earlier tests today count too: run until the limit refuses.
    await settings({ limits: { reportRunsPerDay: 5 } });
    let refusal: unknown = null;
    for (let attempt = 0; attempt < 6 && !refusal; attempt++) refusal = await guard.assertAllowed(ctx, { limit: 'reportRunsPerDay' }).then(() => null, (error: unknown) => error);
    expect(refusal).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringContaining('used its 5 report runs for this day') });
  });

  it('a suspended organization cannot sign in or use any call', async () => {
    const { store } = server.container.services;
    await store.organizations.unscopedUpdate(orgId, { status: 'suspended' });
    const res = await post(server.url, 'sources/list', {}, admin);
    expect(res.body.error).toMatchObject({ code: 'FORBIDDEN', message: 'My Organization is suspended: Aiser cannot be used for it right now.' });
    const signInRes = await post(server.url, 'auth/signIn', { email: 'admin@example.com', password: 'correct-horse-battery' });
    expect(signInRes.body.error?.code).toBe('FORBIDDEN');
    await store.organizations.unscopedUpdate(orgId, { status: 'active' });
    expect((await post(server.url, 'sources/list', {}, admin)).body.ok).toBe(true);
  });
});
