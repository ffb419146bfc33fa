import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../../shared/types/auth';
import { NotFoundError, type Store } from '../../../electron/main/store';
import { BACKENDS, contextFor, seedOrganization, type StoreFixture } from './harness';

/** Everything one organization owns, one row per repository. */
async function seedWorkspace(store: Store, name: string) {
  const { orgId, admin } = await seedOrganization(store, name);
  const project = await store.projects.create(admin, { name: `${name} main` });
  const secondProject = await store.projects.create(admin, { name: `${name} finance` });
  const analystUser = await store.users.create(admin, { email: `analyst@${name.toLowerCase()}.test`, name: 'Analyst', role: 'analyst' });
  await store.projects.addMember(admin, project.id, analystUser.id, 'editor');
  const analyst = contextFor(orgId, analystUser.id, 'analyst', [project.id]);
  const projectId = project.id;
  const source = await store.dataSources.create(admin, { projectId, name: 'Orders', config: { type: 'postgres', host: 'h', password: `${name}-pw` } });
  const orgWideSource = await store.dataSources.create(admin, { name: 'Shared files', config: { type: 'files', path: '/data' } });
  const financeSource = await store.dataSources.create(admin, { projectId: secondProject.id, name: 'Ledger', config: { type: 'sqlite', path: '/ledger.db' } });
  const widget = await store.widgets.create(admin, { projectId, title: 'Revenue', sourceId: source.id, query: { sql: 'SELECT 1' } });
  const financeWidget = await store.widgets.create(admin, { projectId: secondProject.id, title: 'Cash', query: { sql: 'SELECT 2' } });
  const dashboard = await store.dashboards.create(admin, { projectId, name: 'Main' });
  await store.dashboards.placeWidget(admin, dashboard.id, widget.id, { x: 0, y: 0, w: 6, h: 3 });
  const financeDashboard = await store.dashboards.create(admin, { projectId: secondProject.id, name: 'Finance' });
  const conversation = await store.conversations.create(admin, { projectId, sourceId: source.id });
  const analystConversation = await store.conversations.create(analyst, { projectId, title: 'Mine' });
  const message = await store.messages.append(admin, conversation.id, { role: 'user', content: `${name} secret question` });
  const analysis = await store.analysisResults.create(admin, { projectId, kind: 'insight', payload: { text: 'up' }, sourceId: source.id });
  const financeAnalysis = await store.analysisResults.create(admin, { projectId: secondProject.id, kind: 'insight', payload: { text: 'cash' } });
  const metric = await store.metrics.record(admin, { name: 'ai.calls', value: 1 });
  const rule = await store.alertRules.create(admin, { name: 'Calls', metric: 'ai.calls', condition: { op: '>', threshold: 10 } });
  const alert = await store.alerts.raise(admin, { ruleId: rule.id, severity: 'info', message: `${name} alert` });
  const audit = await store.audit.append(admin, { action: 'auth.sign_in' });
  const lineage = await store.lineage.record(admin, { sourceId: source.id, sqlHash: 'h', tables: ['orders'], columns: ['orders.id'], rowCount: 1, durationMs: 1 });
  const session = await store.sessions.create(admin, { userId: admin.userId, tokenHash: `${name}-token-${orgId}`, expiresAt: new Date(Date.now() + 60_000) });
  return {
    orgId, admin, analyst, analystUser, project, secondProject, source, orgWideSource, financeSource, widget, financeWidget, dashboard,
    financeDashboard, conversation, analystConversation, message, analysis, financeAnalysis, metric, rule, alert, audit, lineage, session,
  };
}

type Workspace = Awaited<ReturnType<typeof seedWorkspace>>;

/** How to list, read, change and delete one row of each repository. */
function repositoryCases(store: Store, a: Workspace) {
  const ids = (rows: Array<{ id: string }>) => rows.map((row) => row.id);
  return [
    { name: 'projects', id: a.project.id, list: async (c: RequestContext) => ids(await store.projects.list(c)), get: (c: RequestContext) => store.projects.get(c, a.project.id), update: (c: RequestContext) => store.projects.update(c, a.project.id, { name: 'x' }), remove: (c: RequestContext) => store.projects.delete(c, a.project.id) },
    { name: 'users', id: a.analystUser.id, list: async (c: RequestContext) => ids(await store.users.list(c)), get: (c: RequestContext) => store.users.get(c, a.analystUser.id), update: (c: RequestContext) => store.users.update(c, a.analystUser.id, { role: 'admin' }), remove: (c: RequestContext) => store.users.delete(c, a.analystUser.id) },
    { name: 'sessions', id: a.session.id, list: async (c: RequestContext) => ids(await store.sessions.listForUser(c, a.admin.userId)), get: (c: RequestContext) => store.sessions.get(c, a.session.id), update: (c: RequestContext) => store.sessions.touch(c, a.session.id), remove: (c: RequestContext) => store.sessions.revoke(c, a.session.id) },
    { name: 'dataSources', id: a.source.id, list: async (c: RequestContext) => ids(await store.dataSources.list(c)), get: (c: RequestContext) => store.dataSources.getConfig(c, a.source.id), update: (c: RequestContext) => store.dataSources.update(c, a.source.id, { name: 'x' }), remove: (c: RequestContext) => store.dataSources.delete(c, a.source.id) },
    { name: 'widgets', id: a.widget.id, list: async (c: RequestContext) => ids(await store.widgets.list(c)), get: (c: RequestContext) => store.widgets.get(c, a.widget.id), update: (c: RequestContext) => store.widgets.update(c, a.widget.id, { title: 'x' }), remove: (c: RequestContext) => store.widgets.delete(c, a.widget.id) },
    { name: 'dashboards', id: a.dashboard.id, list: async (c: RequestContext) => ids(await store.dashboards.list(c)), get: (c: RequestContext) => store.dashboards.listWidgets(c, a.dashboard.id), update: (c: RequestContext) => store.dashboards.placeWidget(c, a.dashboard.id, a.widget.id, { x: 1, y: 1, w: 1, h: 1 }), remove: (c: RequestContext) => store.dashboards.delete(c, a.dashboard.id) },
    { name: 'conversations', id: a.conversation.id, list: async (c: RequestContext) => ids(await store.conversations.list(c)), get: (c: RequestContext) => store.conversations.get(c, a.conversation.id), update: (c: RequestContext) => store.conversations.update(c, a.conversation.id, { title: 'x' }), remove: (c: RequestContext) => store.conversations.delete(c, a.conversation.id) },
    { name: 'messages', id: a.message.id, list: async (c: RequestContext) => ids(await store.messages.listRecent(c)), get: (c: RequestContext) => store.messages.list(c, a.conversation.id), update: (c: RequestContext) => store.messages.setFeedback(c, a.message.id, 'down'), remove: (c: RequestContext) => store.messages.delete(c, a.message.id) },
    { name: 'analysisResults', id: a.analysis.id, list: async (c: RequestContext) => ids(await store.analysisResults.list(c)), get: (c: RequestContext) => store.analysisResults.get(c, a.analysis.id), update: (c: RequestContext) => store.analysisResults.create(c, { projectId: a.project.id, kind: 'x', payload: {} }), remove: (c: RequestContext) => store.analysisResults.delete(c, a.analysis.id) },
    { name: 'metrics', id: a.metric.id, list: async (c: RequestContext) => ids(await store.metrics.list(c)), get: async (c: RequestContext) => { if (!(await store.metrics.list(c)).some((m) => m.id === a.metric.id)) throw new NotFoundError('metric record', a.metric.id); }, update: null, remove: null },
    { name: 'alertRules', id: a.rule.id, list: async (c: RequestContext) => ids(await store.alertRules.list(c)), get: (c: RequestContext) => store.alertRules.get(c, a.rule.id), update: (c: RequestContext) => store.alertRules.update(c, a.rule.id, { enabled: false }), remove: (c: RequestContext) => store.alertRules.delete(c, a.rule.id) },
    { name: 'alerts', id: a.alert.id, list: async (c: RequestContext) => ids(await store.alerts.list(c)), get: (c: RequestContext) => store.alerts.get(c, a.alert.id), update: (c: RequestContext) => store.alerts.acknowledge(c, a.alert.id), remove: (c: RequestContext) => store.alerts.delete(c, a.alert.id) },
    { name: 'audit', id: a.audit.id, list: async (c: RequestContext) => ids(await store.audit.list(c)), get: null, update: null, remove: null },
    { name: 'lineage', id: a.lineage.id, list: async (c: RequestContext) => ids(await store.lineage.list(c)), get: (c: RequestContext) => store.lineage.get(c, a.lineage.id), update: null, remove: null },
  ];
}

describe.each(BACKENDS)('organization isolation on $name', (backend) => {
  let fx: StoreFixture;
  let a: Workspace;
  let b: Workspace;

  beforeAll(async () => {
    fx = await backend.open();
    a = await seedWorkspace(fx.store, 'Alpha');
    b = await seedWorkspace(fx.store, 'Beta');
  });
  afterAll(async () => {
    await fx?.cleanup();
  });

  it('org B cannot list, read, change or delete any of org A\'s rows, in every repository', async () => {
    const future = new Date(Date.now() + 3600_000);
    for (const intruder of [b.admin, b.analyst]) {
      // Bulk operations of org B must not touch org A's rows (checked below).
      await fx.store.metrics.deleteOlderThan(intruder, future);
      await fx.store.sessions.deleteExpired(intruder, future);
      expect(await fx.store.sessions.revokeAllForUser(intruder, a.admin.userId)).toBe(0);
    }
    for (const repo of repositoryCases(fx.store, a)) {
      for (const intruder of [b.admin, b.analyst]) {
        expect(await repo.list(intruder), `${repo.name}: list`).not.toContain(repo.id);
        for (const action of [repo.get, repo.update, repo.remove]) {
          if (action) await expect(action(intruder), `${repo.name}`).rejects.toThrow(NotFoundError);
        }
      }
      expect(await repo.list(a.admin), `${repo.name}: A still sees its row`).toContain(repo.id);
    }
    expect((await fx.store.organizations.get(b.admin)).id).toBe(b.orgId);
    expect((await fx.store.audit.verify(a.admin)).ok).toBe(true);
    expect(await fx.store.dataSources.getConfig(a.admin, a.source.id)).toMatchObject({ password: 'Alpha-pw' });
    expect((await fx.store.users.get(a.admin, a.analystUser.id)).role).toBe('analyst');
  });

  it('org B cannot attach its rows to org A\'s projects, users, sources, widgets or conversations', async () => {
    const attempts: Array<() => Promise<unknown>> = [
      () => fx.store.widgets.create(b.admin, { projectId: a.project.id, title: 'x', query: { sql: 'SELECT 1' } }),
      () => fx.store.widgets.create(b.admin, { projectId: b.project.id, title: 'x', sourceId: a.source.id, query: { sql: 'SELECT 1' } }),
      () => fx.store.dashboards.create(b.admin, { projectId: a.project.id, name: 'x' }),
      () => fx.store.dashboards.placeWidget(b.admin, b.dashboard.id, a.widget.id, { x: 0, y: 0, w: 1, h: 1 }),
      () => fx.store.dataSources.create(b.admin, { projectId: a.project.id, name: 'x', config: { type: 'files', path: '/' } }),
      () => fx.store.conversations.create(b.admin, { projectId: b.project.id, sourceId: a.source.id }),
      () => fx.store.messages.append(b.admin, a.conversation.id, { role: 'user', content: 'hi' }),
      () => fx.store.analysisResults.create(b.admin, { projectId: b.project.id, kind: 'x', payload: {}, messageId: a.message.id }),
      () => fx.store.alerts.raise(b.admin, { ruleId: a.rule.id, severity: 'info', message: 'x' }),
      () => fx.store.lineage.record(b.admin, { sourceId: a.source.id, sqlHash: 'h', tables: [], columns: [], rowCount: 0, durationMs: 0 }),
      () => fx.store.projects.addMember(b.admin, b.project.id, a.analystUser.id),
      () => fx.store.projects.addMember(b.admin, a.project.id, b.analystUser.id),
      () => fx.store.projects.projectIdsForUser(b.admin, a.analystUser.id),
      () => fx.store.sessions.create(b.admin, { userId: a.admin.userId, tokenHash: 'stolen', expiresAt: new Date(Date.now() + 60_000) }),
    ];
    for (const [index, attempt] of attempts.entries()) await expect(attempt(), `attempt ${index}`).rejects.toThrow(NotFoundError);
    expect(await fx.store.users.findByEmail(b.admin, 'analyst@alpha.test')).toBeNull();
    expect((await fx.store.sessions.get(a.admin, a.session.id)).revokedAt).toBeNull();
  });

  it('non-admins only reach the projects they belong to and their own conversations', async () => {
    const { analyst } = a;
    expect((await fx.store.projects.list(analyst)).map((p) => p.id)).toEqual([a.project.id]);
    await expect(fx.store.projects.get(analyst, a.secondProject.id)).rejects.toThrow(NotFoundError);
    expect((await fx.store.dataSources.list(analyst)).map((s) => s.id).sort()).toEqual([a.source.id, a.orgWideSource.id].sort());
    await expect(fx.store.dataSources.getConfig(analyst, a.financeSource.id)).rejects.toThrow(NotFoundError);
    expect((await fx.store.widgets.list(analyst)).map((w) => w.id)).toEqual([a.widget.id]);
    await expect(fx.store.widgets.get(analyst, a.financeWidget.id)).rejects.toThrow(NotFoundError);
    expect((await fx.store.dashboards.list(analyst)).map((d) => d.id)).toEqual([a.dashboard.id]);
    await expect(fx.store.dashboards.listWidgets(analyst, a.financeDashboard.id)).rejects.toThrow(NotFoundError);
    expect((await fx.store.analysisResults.list(analyst)).map((r) => r.id)).toEqual([a.analysis.id]);
    await expect(fx.store.analysisResults.get(analyst, a.financeAnalysis.id)).rejects.toThrow(NotFoundError);
    await expect(fx.store.widgets.create(analyst, { projectId: a.secondProject.id, title: 'x', query: { sql: 'SELECT 1' } })).rejects.toThrow(NotFoundError);
    await expect(fx.store.widgets.update(analyst, a.widget.id, { sourceId: a.financeSource.id })).rejects.toThrow(NotFoundError);
    await expect(fx.store.dataSources.update(analyst, a.source.id, { projectId: a.secondProject.id })).rejects.toThrow(NotFoundError);

    expect((await fx.store.conversations.list(analyst)).map((c) => c.id)).toEqual([a.analystConversation.id]);
    await expect(fx.store.messages.list(analyst, a.conversation.id)).rejects.toThrow(NotFoundError);
    expect(await fx.store.messages.listRecent(analyst)).toEqual([]);
    expect((await fx.store.conversations.list(a.admin)).map((c) => c.id).sort()).toEqual([a.conversation.id, a.analystConversation.id].sort());

    const outsider = contextFor(a.orgId, a.analystUser.id, 'analyst', []);
    expect(await fx.store.projects.list(outsider)).toEqual([]);
    expect((await fx.store.dataSources.list(outsider)).map((s) => s.id)).toEqual([a.orgWideSource.id]);
  });

  it('deleting an organization removes its rows and leaves the other organization untouched', async () => {
    const c = await seedWorkspace(fx.store, 'Gamma');
    await fx.store.organizations.delete(c.admin);
    await expect(fx.store.organizations.get(c.admin)).rejects.toThrow(NotFoundError);
    expect(await fx.store.users.list(c.admin)).toEqual([]);
    expect(await fx.store.dataSources.list(c.admin)).toEqual([]);
    expect(await fx.store.sessions.unscopedFindByTokenHash(`Gamma-token-${c.orgId}`)).toBeNull();
    expect(await fx.store.audit.list(c.admin)).toHaveLength(1);
    expect((await fx.store.dataSources.list(b.admin)).length).toBeGreaterThan(0);
  });
});
