import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../../shared/types/auth';
import { NotFoundError, StoreInputError } from '../../../electron/main/store';
import { BACKENDS, seedOrganization, type StoreFixture } from './harness';

describe.each(BACKENDS)('store content repositories on $name', (backend) => {
  let fx: StoreFixture;
  let admin: RequestContext;
  let projectId: string;
  let sourceId: string;

  beforeAll(async () => {
    fx = await backend.open();
    ({ admin } = await seedOrganization(fx.store, 'Content'));
    projectId = (await fx.store.projects.create(admin, { name: 'Sales' })).id;
    sourceId = (await fx.store.dataSources.create(admin, { projectId, name: 'Orders', config: { type: 'sqlite', path: '/tmp/orders.db' } })).id;
  });
  afterAll(async () => {
    await fx?.cleanup();
  });

  it('saves widgets and lays them out on dashboards', async () => {
    const widget = await fx.store.widgets.create(admin, {
      projectId, title: 'Revenue by month', sourceId,
      query: { question: 'revenue by month', sql: 'SELECT month, SUM(amount) FROM orders GROUP BY 1' },
      chartSpec: { type: 'line', series: [{ name: 'Revenue', field: 'sum' }], options: { stacked: false, palette: null } },
      refreshPolicy: { intervalSeconds: 900 },
    });
    expect(widget).toMatchObject({ sourceId, chartSpec: { type: 'line', series: [{ name: 'Revenue', field: 'sum' }], options: { stacked: false, palette: null } }, refreshPolicy: { intervalSeconds: 900 } });
    const kpi = await fx.store.widgets.create(admin, { projectId, title: 'Orders', query: { sql: 'SELECT COUNT(*) FROM orders' } });
    const dashboard = await fx.store.dashboards.create(admin, { projectId, name: 'Weekly', theme: 'dark', layout: { columns: 12, rowHeight: 40 }, sharedWith: { roles: ['executive'] } });
    expect(dashboard).toMatchObject({ ownerId: admin.userId, theme: 'dark', layout: { columns: 12, rowHeight: 40 }, sharedWith: { userIds: [], roles: ['executive'] } });

    await fx.store.dashboards.placeWidget(admin, dashboard.id, widget.id, { x: 0, y: 4, w: 8, h: 4 });
    await fx.store.dashboards.placeWidget(admin, dashboard.id, kpi.id, { x: 0, y: 0, w: 4, h: 2 });
    await fx.store.dashboards.placeWidget(admin, dashboard.id, widget.id, { x: 4, y: 2, w: 8, h: 4 });
    const grid = await fx.store.dashboards.listWidgets(admin, dashboard.id);
    expect(grid.map((cell) => [cell.widget.title, cell.x, cell.y, cell.w, cell.h])).toEqual([['Orders', 0, 0, 4, 2], ['Revenue by month', 4, 2, 8, 4]]);
    await expect(fx.store.dashboards.placeWidget(admin, dashboard.id, kpi.id, { x: 10, y: 0, w: 4, h: 2 })).rejects.toThrow(/at most 12 grid columns/);
    await expect(fx.store.widgets.create(admin, { projectId, title: 'No SQL', query: { sql: '' } })).rejects.toThrow(StoreInputError);

    await fx.store.widgets.update(admin, kpi.id, { title: 'Order count' });
    await fx.store.dashboards.removeWidget(admin, dashboard.id, widget.id);
    expect((await fx.store.dashboards.listWidgets(admin, dashboard.id)).map((cell) => cell.widget.title)).toEqual(['Order count']);
    await fx.store.widgets.delete(admin, kpi.id);
    expect(await fx.store.dashboards.listWidgets(admin, dashboard.id)).toEqual([]);
    expect((await fx.store.dashboards.update(admin, dashboard.id, { name: 'Weekly KPIs' })).name).toBe('Weekly KPIs');

    const colleague = await fx.store.users.create(admin, { email: 'leaver@content.test', name: 'Leaver', role: 'analyst' });
    const theirs = await fx.store.dashboards.create({ ...admin, userId: colleague.id, role: 'analyst', projectIds: [projectId] }, { projectId, name: 'Theirs' });
    expect(theirs.ownerId).toBe(colleague.id);
    await fx.store.users.delete(admin, colleague.id);
    expect((await fx.store.dashboards.get(admin, theirs.id)).ownerId).toBeNull();
    await fx.store.dashboards.delete(admin, dashboard.id);
    await expect(fx.store.dashboards.get(admin, dashboard.id)).rejects.toThrow(NotFoundError);
  });

  it('keeps conversations with messages in order, AI metadata, feedback and approval', async () => {
    const conversation = await fx.store.conversations.create(admin, { projectId, sourceId, title: 'Q3 review' });
    await fx.store.messages.append(admin, conversation.id, { role: 'user', content: 'revenue by region?' });
    const answer = await fx.store.messages.append(admin, conversation.id, {
      role: 'assistant', content: 'Europe leads with 42%.',
      aiMetadata: { sql: 'SELECT region, SUM(amount) FROM orders GROUP BY 1', chart: { type: 'donut' }, timingsMs: { plan: 12, run: 30.5 }, sources: [sourceId] },
    });
    for (let i = 0; i < 5; i++) await fx.store.messages.append(admin, conversation.id, { role: i % 2 ? 'assistant' : 'user', content: `follow-up ${i}` });
    const messages = await fx.store.messages.list(admin, conversation.id);
    expect(messages.map((message) => message.content)).toEqual(['revenue by region?', 'Europe leads with 42%.', 'follow-up 0', 'follow-up 1', 'follow-up 2', 'follow-up 3', 'follow-up 4']);
    expect((await fx.store.messages.list(admin, conversation.id, { limit: 2 })).map((message) => message.content)).toEqual(['follow-up 3', 'follow-up 4']);
    expect(messages[1].aiMetadata).toEqual({ sql: 'SELECT region, SUM(amount) FROM orders GROUP BY 1', chart: { type: 'donut' }, timingsMs: { plan: 12, run: 30.5 }, sources: [sourceId] });
    expect(await fx.store.messages.setFeedback(admin, answer.id, 'up')).toMatchObject({ feedback: 'up', approved: false });
    expect(await fx.store.messages.setApproved(admin, answer.id, true)).toMatchObject({ feedback: 'up', approved: true });
    await expect(fx.store.messages.setFeedback(admin, answer.id, 'meh' as never)).rejects.toThrow(/feedback must be one of up, down/);
    expect((await fx.store.messages.listRecent(admin, { role: 'user', limit: 1 }))[0].content).toBe('follow-up 4');
    expect((await fx.store.conversations.update(admin, conversation.id, { title: 'Q3' })).title).toBe('Q3');
    await fx.store.conversations.delete(admin, conversation.id);
    await expect(fx.store.messages.get(admin, answer.id)).rejects.toThrow(NotFoundError);
  });

  it('stores analysis results with payload and confidence', async () => {
    const result = await fx.store.analysisResults.create(admin, {
      projectId, kind: 'anomaly', sourceId, confidence: 0.87,
      payload: { metric: 'revenue', method: 'zscore', findings: [{ at: '2024-03-01', z: 3.4 }], impact: { currency: 'EUR', amount: 12000.5 } },
    });
    expect(await fx.store.analysisResults.get(admin, result.id)).toMatchObject({ confidence: 0.87, payload: { findings: [{ at: '2024-03-01', z: 3.4 }], impact: { amount: 12000.5 } } });
    await fx.store.analysisResults.create(admin, { projectId, kind: 'forecast', payload: { horizon: 6 } });
    expect((await fx.store.analysisResults.list(admin, { kind: 'anomaly' })).map((r) => r.id)).toEqual([result.id]);
    await expect(fx.store.analysisResults.create(admin, { projectId, kind: 'x', payload: {}, confidence: 1.5 })).rejects.toThrow(/confidence must be a number ≥ 0 and ≤ 1/);
    await fx.store.analysisResults.delete(admin, result.id);
    expect(await fx.store.analysisResults.list(admin)).toHaveLength(1);
  });

  it('records metrics, alert rules and alerts', async () => {
    const base = Date.parse('2026-01-01T00:00:00.000Z');
    for (let i = 0; i < 4; i++) await fx.store.metrics.record(admin, { name: 'ai.latency_ms', value: 100 + i * 50.5, tags: { provider: 'ollama' }, recordedAt: new Date(base + i * 60_000) });
    await fx.store.metrics.record(admin, { name: 'ai.tokens', value: 900 });
    const window = await fx.store.metrics.list(admin, { name: 'ai.latency_ms', since: new Date(base + 60_000), until: new Date(base + 180_000) });
    expect(window.map((record) => record.value)).toEqual([150.5, 201]);
    expect(window[0]).toMatchObject({ tags: { provider: 'ollama' }, recordedAt: new Date(base + 60_000).toISOString() });
    expect(await fx.store.metrics.deleteOlderThan(admin, new Date(base + 120_000))).toBe(2);
    await expect(fx.store.metrics.record(admin, { name: 'x', value: Number.NaN })).rejects.toThrow(/value must be a number/);

    const rule = await fx.store.alertRules.create(admin, { name: 'Slow AI', metric: 'ai.latency_ms', condition: { op: '>', threshold: 2000, windowMinutes: 15 } });
    expect(rule).toMatchObject({ enabled: true, condition: { op: '>', threshold: 2000, windowMinutes: 15 } });
    expect((await fx.store.alertRules.update(admin, rule.id, { enabled: false })).enabled).toBe(false);
    expect(await fx.store.alertRules.list(admin, { enabledOnly: true })).toEqual([]);
    const alert = await fx.store.alerts.raise(admin, { ruleId: rule.id, severity: 'warning', message: 'AI latency 2.4 s', payload: { value: 2400 } });
    expect((await fx.store.alerts.list(admin, { unacknowledgedOnly: true })).map((a) => a.id)).toEqual([alert.id]);
    const acknowledged = await fx.store.alerts.acknowledge(admin, alert.id);
    expect(acknowledged.acknowledgedAt).not.toBeNull();
    expect(await fx.store.alerts.list(admin, { unacknowledgedOnly: true })).toEqual([]);
    await fx.store.alertRules.delete(admin, rule.id);
    expect((await fx.store.alerts.get(admin, alert.id)).ruleId).toBeNull();
  });

  it('records query lineage as metadata', async () => {
    const at = new Date('2026-02-03T04:05:06.789Z');
    const record = await fx.store.lineage.record(admin, {
      sourceId, sqlHash: 'a'.repeat(64), tables: ['orders', 'customers'], columns: ['orders.amount', 'customers.region'],
      rowCount: 3_000_000_000, durationMs: 41.6, at,
    });
    expect(record).toMatchObject({ userId: admin.userId, rowCount: 3_000_000_000, durationMs: 42, at: at.toISOString() });
    expect(await fx.store.lineage.list(admin, { sourceId })).toEqual([record]);
    await expect(fx.store.lineage.record(admin, { sourceId, sqlHash: 'b', tables: 'orders' as never, columns: [], rowCount: 1, durationMs: 1 })).rejects.toThrow(/tables must be a list/);
  });
});
