import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALL_KEYS, type CallKey } from '../../../shared/api/contract';
import { buildHandlers } from '../../../electron/main/api/handlers';
import { post, signIn, startTempServer, type RawResponse } from '../../support/tempServer';
import { PASSWORD, addMember, cleanup, createSecondOrg, firstSource, ok, type TestServer } from './fixtures';

/** Everything organization A owns, as ids and telltale strings that must never reach B. */
interface OrgA {
  orgId: string; projectId: string; sourceId: string; dashboardId: string; widgetId: string;
  adminId: string; analystId: string; analystEmail: string; customerEmail: string;
  conversationId: string | null; messageId: string | null; providerId: string | null;
}
interface OrgB { filesDir: string; projectId: string; sourceId: string; dashboardId: string; tokens: Record<'admin' | 'analyst' | 'viewer', string> }

type Probe =
  /** B sends A's ids: must be refused with NOT_FOUND or FORBIDDEN. */
  | { kind: 'refused'; body: (a: OrgA, b: OrgB) => unknown }
  /** B's own view (lists, status): may succeed, but must not contain anything of A. */
  | { kind: 'own-view'; body: (a: OrgA, b: OrgB) => unknown }
  /** Takes no reference to other data (or would end B's own session): nothing to probe. */
  | { kind: 'no-tenant-input'; reason: string };

const widget = (sourceId: string) => ({ title: 'Probe', sourceId, sql: 'SELECT 1 AS one', chart: { type: 'kpi', title: 'Probe', y: ['one'] } });

/** One entry per API call: adding a call without deciding how to probe it fails the suite. */
const PROBES: Record<CallKey, Probe> = {
  'system/health': { kind: 'no-tenant-input', reason: 'public liveness' },
  'sources/upload': { kind: 'no-tenant-input', reason: 'writes only into the caller’s own organization folder' },
  'ops/cancel': { kind: 'own-view', body: () => ({ requestId: 'request-of-org-a' }) },
  'system/policy': { kind: 'no-tenant-input', reason: 'machine-wide policy, the same for every organization' },
  'setup/status': { kind: 'no-tenant-input', reason: 'public, one boolean' },
  'setup/complete': { kind: 'refused', body: () => ({ organizationName: 'Take over', name: 'X', email: 'x@evil.example', password: 'long-enough-password' }) },
  'auth/signIn': { kind: 'no-tenant-input', reason: 'covered below: B’s password never opens A’s account' },
  'auth/signOut': { kind: 'no-tenant-input', reason: 'ends only the caller’s own session' },
  'auth/me': { kind: 'own-view', body: () => ({}) },
  'profile/update': { kind: 'no-tenant-input', reason: 'edits only the caller' },
  'sources/list': { kind: 'own-view', body: (a) => ({ projectId: a.projectId }) },
  'sources/get': { kind: 'refused', body: (a) => ({ id: a.sourceId }) },
  'sources/test': { kind: 'refused', body: (a) => ({ id: a.sourceId, config: { type: 'postgres', host: '127.0.0.1', password: '••••' } }) },
  'sources/create': { kind: 'refused', body: (a, b) => ({ projectId: a.projectId, name: 'Planted', config: { type: 'files', path: b.filesDir } }) },
  'sources/update': { kind: 'refused', body: (a) => ({ id: a.sourceId, name: 'Renamed by B' }) },
  'sources/remove': { kind: 'refused', body: (a) => ({ id: a.sourceId }) },
  'sources/schema': { kind: 'refused', body: (a) => ({ id: a.sourceId, refresh: true }) },
  'sources/glossary': { kind: 'refused', body: (a) => ({ id: a.sourceId }) },
  'sources/setGlossary': { kind: 'refused', body: (a) => ({ id: a.sourceId, glossary: null }) },
  'query/run': { kind: 'refused', body: (a) => ({ sourceId: a.sourceId, sql: 'SELECT * FROM customers' }) },
  'query/preview': { kind: 'refused', body: (a) => ({ sourceId: a.sourceId, table: 'customers' }) },
  'chat/ask': { kind: 'refused', body: (a) => ({ sourceId: a.sourceId, question: 'list customer emails', mode: 'offline' }) },
  'chat/suggestions': { kind: 'refused', body: (a) => ({ sourceId: a.sourceId }) },
  'conversations/list': { kind: 'own-view', body: () => ({}) },
  'conversations/get': { kind: 'refused', body: (a) => ({ id: a.conversationId ?? 'conversation-of-a' }) },
  'conversations/rename': { kind: 'refused', body: (a) => ({ id: a.conversationId ?? 'conversation-of-a', title: 'Renamed by B' }) },
  'conversations/remove': { kind: 'refused', body: (a) => ({ id: a.conversationId ?? 'conversation-of-a' }) },
  'chat/feedback': { kind: 'refused', body: (a) => ({ messageId: a.messageId ?? 'message-of-a', feedback: 'up' }) },
  'ai/listProviders': { kind: 'own-view', body: () => ({}) },
  'ai/saveProvider': { kind: 'refused', body: (a) => ({ id: a.providerId ?? 'provider-of-a', name: 'Hijack', kind: 'ollama', endpoint: 'http://127.0.0.1:9', model: 'm' }) },
  'ai/removeProvider': { kind: 'refused', body: (a) => ({ id: a.providerId ?? 'provider-of-a' }) },
  'ai/testProvider': { kind: 'refused', body: (a) => ({ id: a.providerId ?? 'provider-of-a' }) },
  'ai/checkHealth': { kind: 'own-view', body: () => ({}) },
  'ai/status': { kind: 'own-view', body: () => ({}) },
  'dashboards/list': { kind: 'own-view', body: (a) => ({ projectId: a.projectId }) },
  'dashboards/get': { kind: 'refused', body: (a) => ({ id: a.dashboardId }) },
  'dashboards/create': { kind: 'refused', body: (a) => ({ projectId: a.projectId, name: 'Planted board' }) },
  'dashboards/update': { kind: 'refused', body: (a) => ({ id: a.dashboardId, name: 'Renamed by B' }) },
  'dashboards/remove': { kind: 'refused', body: (a) => ({ id: a.dashboardId }) },
  'dashboards/addWidget': { kind: 'refused', body: (a, b) => ({ dashboardId: b.dashboardId, ...widget(a.sourceId) }) },
  'dashboards/saveAnswer': { kind: 'refused', body: (a, b) => ({ dashboardId: b.dashboardId, messageId: a.messageId ?? 'message-of-a' }) },
  'dashboards/updateWidget': { kind: 'refused', body: (a) => ({ dashboardId: a.dashboardId, widgetId: a.widgetId, title: 'Renamed by B' }) },
  'dashboards/removeWidget': { kind: 'refused', body: (a) => ({ dashboardId: a.dashboardId, widgetId: a.widgetId }) },
  'dashboards/runWidget': { kind: 'refused', body: (a) => ({ dashboardId: a.dashboardId, widgetId: a.widgetId }) },
  'insights/list': { kind: 'refused', body: (a) => ({ projectId: a.projectId }) },
  'insights/get': { kind: 'refused', body: () => ({ id: 'insight-of-a' }) },
  'insights/summary': { kind: 'refused', body: (a) => ({ projectId: a.projectId, from: '2000-01-01', to: '2100-01-01' }) },
  'users/list': { kind: 'own-view', body: () => ({}) },
  'users/create': { kind: 'refused', body: (a) => ({ email: 'planted@evil.example', name: 'Planted', role: 'admin', password: 'long-enough-password', projectIds: [a.projectId] }) },
  'users/update': { kind: 'refused', body: (a) => ({ id: a.analystId, role: 'viewer' }) },
  'users/resetPassword': { kind: 'refused', body: (a) => ({ id: a.analystId, password: 'taken-over-password' }) },
  'users/signOutEverywhere': { kind: 'refused', body: (a) => ({ id: a.adminId }) },
  'auth/changePassword': { kind: 'no-tenant-input', reason: 'changes only the caller’s password' },
  'audit/list': { kind: 'own-view', body: () => ({ limit: 1000 }) },
  'audit/verify': { kind: 'own-view', body: () => ({}) },
  'audit/checkpoint': { kind: 'own-view', body: () => ({}) },
  'audit/export': { kind: 'own-view', body: () => ({ format: 'csv' }) },
  'policies/get': { kind: 'own-view', body: () => ({}) },
  'policies/preview': { kind: 'refused', body: (a) => ({ sourceId: a.sourceId, userId: a.analystId, table: 'customers' }) },
  'policies/set': { kind: 'no-tenant-input', reason: 'replaces the caller’s own organization policy only (checked below)' },
  'sso/status': { kind: 'no-tenant-input', reason: 'public, whether SSO is configured' },
  'sso/start': { kind: 'no-tenant-input', reason: 'public, starts a sign-in (tested in oidc.test.ts)' },
  'sso/complete': { kind: 'no-tenant-input', reason: 'public, one-use state (tested in oidc.test.ts)' },
  'query/export': { kind: 'refused', body: (a) => ({ sourceId: a.sourceId, sql: 'SELECT * FROM customers' }) },
  'orgs/list': { kind: 'own-view', body: () => ({}) },
  'orgs/create': { kind: 'no-tenant-input', reason: 'platform administrators only (admin/organizations.test.ts)' },
  'orgs/rename': { kind: 'refused', body: (a) => ({ id: a.orgId, name: 'Renamed by B' }) },
  'orgs/setStatus': { kind: 'refused', body: (a) => ({ id: a.orgId, status: 'suspended' }) },
  'orgs/delete': { kind: 'refused', body: (a) => ({ id: a.orgId, confirmName: 'My Organization' }) },
  'org/settings': { kind: 'own-view', body: () => ({}) },
  'org/updateSettings': { kind: 'no-tenant-input', reason: 'changes only the caller’s own organization' },
  'org/usage': { kind: 'own-view', body: () => ({}) },
  'projects/list': { kind: 'own-view', body: () => ({}) },
  'projects/create': { kind: 'no-tenant-input', reason: 'creates in the caller’s own organization' },
  'projects/rename': { kind: 'refused', body: (a) => ({ id: a.projectId, name: 'Renamed by B' }) },
  'projects/remove': { kind: 'refused', body: (a) => ({ id: a.projectId }) },
  'projects/setMember': { kind: 'refused', body: (a) => ({ projectId: a.projectId, userId: a.analystId, role: 'owner' }) },
  'projects/setSources': { kind: 'refused', body: (a) => ({ projectId: a.projectId, sourceIds: [a.sourceId] }) },
  'alerts/list': { kind: 'own-view', body: () => ({ status: 'all' }) },
  'alerts/acknowledge': { kind: 'refused', body: () => ({ id: 'alert-of-a' }) },
  'alerts/resolve': { kind: 'refused', body: () => ({ id: 'alert-of-a' }) },
  'alertRules/list': { kind: 'own-view', body: () => ({}) },
  'alertRules/save': { kind: 'no-tenant-input', reason: 'new rules belong to the caller’s organization' },
  'alertRules/remove': { kind: 'refused', body: () => ({ id: 'rule-of-a' }) },
  'compliance/export': { kind: 'own-view', body: () => ({ from: '2000-01-01', to: '2100-01-01' }) },
  // A PDF's text is compressed, so its content is checked by text in tests/integration/admin/compliancePdf.test.ts.
  'compliance/exportPdf': { kind: 'own-view', body: () => ({ from: '2000-01-01', to: '2100-01-01' }) },
  'lineage/answer': { kind: 'refused', body: (a) => ({ messageId: a.messageId ?? 'message-of-a' }) },
  'sessions/list': { kind: 'own-view', body: () => ({}) },
  'sessions/revoke': { kind: 'refused', body: () => ({ id: 'session-of-a' }) },
  'reports/preview': { kind: 'refused', body: (a) => ({ origin: { kind: 'dashboard', dashboardId: a.dashboardId }, audience: 'analyst' }) },
  'reports/create': { kind: 'refused', body: (a) => ({ origin: { kind: 'dashboard', dashboardId: a.dashboardId }, audience: 'analyst', format: 'html' }) },
  'reports/list': { kind: 'own-view', body: () => ({}) },
  'reports/download': { kind: 'refused', body: () => ({ runId: 'run-of-org-a' }) },
  'reports/cancel': { kind: 'own-view', body: () => ({ runId: 'run-of-org-a' }) },
  'reports/schedules/list': { kind: 'own-view', body: () => ({}) },
  'reports/schedules/create': { kind: 'refused', body: (a) => ({ report: { origin: { kind: 'dashboard', dashboardId: a.dashboardId } }, cron: '0 8 * * 1', recipients: [{ email: a.analystEmail }] }) },
  'reports/schedules/update': { kind: 'refused', body: () => ({ id: 'schedule-of-org-a', enabled: false }) },
  'reports/schedules/remove': { kind: 'refused', body: () => ({ id: 'schedule-of-org-a' }) },
  'reports/schedules/runNow': { kind: 'refused', body: () => ({ id: 'schedule-of-org-a' }) },
  'reports/schedules/runs': { kind: 'refused', body: () => ({ id: 'schedule-of-org-a' }) },
  'answers/verify': { kind: 'refused', body: (a) => ({ messageId: a.messageId ?? 'message-of-a', verified: true }) },
  'answers/verified': { kind: 'refused', body: (a) => ({ sourceId: a.sourceId }) },
};

describe('tenant isolation across every API call', () => {
  let server: TestServer;
  let aAdmin: string;
  let a: OrgA;
  let b: OrgB;
  let implemented: Set<string>;
  let canaries: string[];

  beforeAll(async () => {
    server = await startTempServer();
    implemented = new Set(Object.keys(buildHandlers(server.container.services)));
    aAdmin = await signIn(server.url);
    const me = await ok<{ id: string; orgId: string }>(server, 'auth/me', {}, aAdmin);
    const source = await firstSource(server, aAdmin);
    const analyst = await addMember(server, aAdmin, 'analyst', 'analyst@alpha.example.com');
    const board = await ok<{ id: string }>(server, 'dashboards/create', { projectId: source.projectId, name: 'Alpha Secret Board', shared: true }, aAdmin);
    const withWidget = await ok<{ widgets: Array<{ id: string }> }>(server, 'dashboards/addWidget', {
      dashboardId: board.id, title: 'Alpha customers', sourceId: source.id, sql: 'SELECT customer_name, email FROM customers ORDER BY customer_id', chart: { type: 'table', title: 'Alpha customers', y: [] },
    }, aAdmin);
    const emails = await ok<{ rows: string[][] }>(server, 'query/run', { sourceId: source.id, sql: 'SELECT email FROM customers ORDER BY customer_id LIMIT 1' }, aAdmin);
    a = {
      orgId: me.orgId, projectId: source.projectId, sourceId: source.id, dashboardId: board.id, widgetId: withWidget.widgets[0].id,
      adminId: me.id, analystId: analyst.id, analystEmail: analyst.email, customerEmail: emails.rows[0][0],
      conversationId: null, messageId: null, providerId: null,
    };
    if (implemented.has('chat/ask')) {
      const answer = await ok<{ conversationId: string; messageId: string }>(server, 'chat/ask', { sourceId: source.id, question: 'How many customers are there?', mode: 'offline' }, aAdmin);
      a.conversationId = answer.conversationId;
      a.messageId = answer.messageId;
    }
    if (implemented.has('ai/saveProvider')) {
      const provider = await ok<{ id: string }>(server, 'ai/saveProvider', { name: 'Alpha private LLM', kind: 'ollama', endpoint: 'http://127.0.0.1:9', model: 'alpha-model' }, aAdmin);
      a.providerId = provider.id;
    }

    const second = await createSecondOrg(server, 'beta');
    const bBoard = await ok<{ id: string }>(server, 'dashboards/create', { projectId: second.projectId, name: 'Beta board' }, second.adminToken);
    b = {
      filesDir: second.filesDir,
      projectId: second.projectId, sourceId: second.sourceId, dashboardId: bBoard.id,
      tokens: {
        admin: second.adminToken,
        analyst: (await addMember(server, second.adminToken, 'analyst', 'analyst@beta.example.org')).token,
        viewer: (await addMember(server, second.adminToken, 'viewer', 'viewer@beta.example.org')).token,
      },
    };
    canaries = [
      a.orgId, a.projectId, a.sourceId, a.dashboardId, a.widgetId, a.adminId, a.analystId, a.analystEmail, a.customerEmail,
      'Alpha Secret Board', 'Alpha customers', 'Demo sales', 'admin@example.com',
      ...[a.conversationId, a.messageId, a.providerId, a.providerId ? 'Alpha private LLM' : null].filter((v): v is string => v !== null),
    ];
  });
  afterAll(() => cleanup(server));

  /** Everything B has sent so far: B's own audit trail may name ids B itself tried. */
  let sentByB = '';
  /** Canaries in a response other than those B itself sent. */
  function leaked(res: RawResponse, request: unknown): string[] {
    sentByB += JSON.stringify(request);
    const text = JSON.stringify(res.body);
    return canaries.filter((c) => !sentByB.includes(c) && text.includes(c));
  }

  it('has a probe for every API call', () => {
    expect(CALL_KEYS.filter((key) => !(key in PROBES))).toEqual([]);
  });

  it('B’s admin, analyst and viewer get nothing of A from any call, and cannot touch A’s things', async () => {
    const problems: string[] = [];
    for (const key of CALL_KEYS) {
      const probe = PROBES[key];
      if (probe.kind === 'no-tenant-input') continue;
      for (const [role, token] of Object.entries(b.tokens)) {
        const request = probe.body(a, b);
        const res = await post(server.url, key, request, token);
        const leaks = leaked(res, request);
        if (leaks.length) problems.push(`${key} as B ${role} leaked ${leaks.join(', ')}`);
        if (probe.kind === 'refused' && res.body.ok) problems.push(`${key} as B ${role} succeeded with A’s ids`);
        const code = res.body.error?.code ?? 'OK';
        const acceptable = probe.kind === 'own-view' ? ['OK', 'FORBIDDEN'] : ['NOT_FOUND', 'FORBIDDEN', 'CONFLICT'];
        // A call in the contract whose handler is not built yet fails INTERNAL: refused, and listed in the report.
        if (!acceptable.includes(code) && !(code === 'INTERNAL' && !implemented.has(key))) problems.push(`${key} as B ${role}: unexpected ${res.status} ${code}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('B’s password never opens A’s account, and A’s data is unchanged after every probe', async () => {
    const res = await post(server.url, 'auth/signIn', { email: a.analystEmail, password: 'taken-over-password' });
    expect(res.status).toBe(401);
    expect(typeof (await signIn(server.url, a.analystEmail, PASSWORD))).toBe('string');
    const source = await ok<{ name: string }>(server, 'sources/get', { id: a.sourceId }, aAdmin);
    expect(source.name).toBe('Demo sales');
    const board = await ok<{ name: string; widgets: unknown[] }>(server, 'dashboards/get', { id: a.dashboardId }, aAdmin);
    expect(board).toMatchObject({ name: 'Alpha Secret Board', widgets: [expect.anything()] });
    const people = await ok<Array<{ id: string; role: string }>>(server, 'users/list', {}, aAdmin);
    expect(people.find((p) => p.id === a.analystId)?.role).toBe('analyst');
    const dashboards = await ok<Array<{ name: string }>>(server, 'dashboards/list', {}, aAdmin);
    expect(dashboards.map((d) => d.name)).not.toContain('Planted board');
  });

  it('within an organization, sources follow project membership', async () => {
    const outsider = await ok<{ id: string }>(server, 'users/create', { email: 'no-projects@alpha.example.com', name: 'No projects', role: 'analyst', password: PASSWORD, projectIds: [] }, aAdmin);
    const token = await signIn(server.url, 'no-projects@alpha.example.com', PASSWORD);
    expect(outsider.id).toBeTruthy();
    expect(await ok(server, 'sources/list', {}, token)).toEqual([]);
    for (const [call, body] of [['sources/get', { id: a.sourceId }], ['query/run', { sourceId: a.sourceId, sql: 'SELECT 1 AS one' }], ['sources/schema', { id: a.sourceId }]] as const) {
      const res = await post(server.url, call, body, token);
      expect({ call, code: res.body.error?.code }).toEqual({ call, code: 'NOT_FOUND' });
    }
  });

  it('policies and audit trails stay per organization', async () => {
    await ok(server, 'policies/set', { masking: { email: 'redact' }, rowPolicies: [], userAttributes: { [a.analystId]: { region: 1 } } }, b.tokens.admin);
    expect(await ok(server, 'policies/get', {}, aAdmin)).toEqual({ masking: {}, rowPolicies: [], userAttributes: {} });
    const bTrail = await ok<{ events: Array<{ actorId: string; target: string | null }> }>(server, 'audit/list', { limit: 1000 }, b.tokens.admin);
    expect(bTrail.events.every((e) => e.actorId !== a.adminId)).toBe(true);
    const aTrail = await ok<{ events: Array<{ action: string }> }>(server, 'audit/list', { limit: 1000 }, aAdmin);
    expect(aTrail.events.map((e) => e.action)).not.toContain('policies.update');
  });

  it('B’s own queries and repeated questions never return A’s rows, cached or not', async () => {
    const own = await ok<{ rows: unknown[][] }>(server, 'query/run', { sourceId: b.sourceId, sql: 'SELECT * FROM accounts' }, b.tokens.admin);
    expect(own.rows).toHaveLength(2);
    expect(JSON.stringify(own)).not.toContain(a.customerEmail);
    if (!implemented.has('chat/ask')) return; // chat not built yet: the probes above already show it refuses A's source
    const question = { question: 'How many customers are there?', mode: 'offline' };
    await ok(server, 'chat/ask', { sourceId: a.sourceId, ...question }, aAdmin); // now cached for A
    const res = await post(server.url, 'chat/ask', { sourceId: b.sourceId, ...question }, b.tokens.admin);
    expect(leaked(res, {})).toEqual([]);
    if (res.body.ok) expect((res.body.data as { route: { cached: boolean } }).route.cached).toBe(false);
  });
});
