import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post, signIn, startTempServer } from '../../support/tempServer';
import { addMember, cleanup, expectRefused, firstSource, ok, type TestServer } from './fixtures';

interface Board { id: string; widgets: Array<{ id: string; sql: string | null; question: string | null }> }
interface Answer { kind: string; messageId: string; chart?: unknown }
const chart = { type: 'table', title: 'Rows', y: [] };

/** A role without `sql:free` trying to use dashboards as a way to run SQL of its own. */
describe('dashboard widgets are no way around the free-SQL permission', () => {
  let server: TestServer;
  let admin: string;
  let executive: { id: string; token: string };
  let viewer: { token: string };
  let source: { id: string; projectId: string };

  beforeAll(async () => {
    server = await startTempServer();
    admin = await signIn(server.url);
    executive = await addMember(server, admin, 'executive', 'exec@widgets.example.com');
    viewer = await addMember(server, admin, 'viewer', 'viewer@widgets.example.com');
    source = await firstSource(server, admin);
  });
  afterAll(() => cleanup(server));

  async function board(token: string, name: string): Promise<Board> {
    return ok<Board>(server, 'dashboards/create', { projectId: source.projectId, name, shared: true }, token);
  }

  it('refuses SQL written by an executive, whatever the dashboard', async () => {
    const mine = await board(executive.token, 'Mine');
    const res = await post(server.url, 'dashboards/addWidget', { dashboardId: mine.id, title: 'x', sourceId: source.id, sql: 'SELECT * FROM customers', chart }, executive.token);
    expectRefused(res, 403, 'FORBIDDEN');
    expect(res.body.error?.message).toMatch(/cannot save SQL of its own/);
    const after = await ok<Board>(server, 'dashboards/get', { id: mine.id }, executive.token);
    expect(after.widgets).toEqual([]);
  });

  it('saves a chat answer by reference, with the SQL the app generated, and runs it', async () => {
    const answer = await ok<Answer>(server, 'chat/ask', { sourceId: source.id, question: 'revenue by region', mode: 'offline' }, executive.token);
    expect(answer.kind).toBe('answer');
    const mine = await board(executive.token, 'From chat');
    const placed = await ok<Board>(server, 'dashboards/addWidget', { dashboardId: mine.id, title: 'Revenue', sourceId: source.id, answerId: answer.messageId, chart }, executive.token);
    expect(placed.widgets).toHaveLength(1);
    expect(placed.widgets[0].sql).toBeNull(); // executives do not see SQL
    expect(placed.widgets[0].question).toBe('revenue by region');
    const run = await ok<{ rowCount: number }>(server, 'dashboards/runWidget', { dashboardId: mine.id, widgetId: placed.widgets[0].id }, executive.token);
    expect(run.rowCount).toBeGreaterThan(0);
    // An administrator sees the SQL the server took from the answer, not anything the client sent.
    const asAdmin = await ok<Board>(server, 'dashboards/get', { id: mine.id }, admin);
    expect(asAdmin.widgets[0].sql).toMatch(/^SELECT/i);
  });

  it('refuses someone else’s answer, a question instead of an answer, and SQL next to an answer', async () => {
    const adminAnswer = await ok<Answer>(server, 'chat/ask', { sourceId: source.id, question: 'revenue by region', mode: 'offline' }, admin);
    const mine = await board(executive.token, 'Borrowed');
    const foreign = await post(server.url, 'dashboards/addWidget', { dashboardId: mine.id, title: 'x', sourceId: source.id, answerId: adminAnswer.messageId, chart }, executive.token);
    expect(foreign.body.ok).toBe(false);
    expect([403, 404]).toContain(foreign.status);
    const both = await post(server.url, 'dashboards/addWidget', { dashboardId: mine.id, title: 'x', sourceId: source.id, answerId: adminAnswer.messageId, sql: 'SELECT 1', chart }, admin);
    expectRefused(both, 400, 'VALIDATION_FAILED');
    const conversation = await ok<{ messages: Array<{ id: string; role: string }> }>(server, 'conversations/get', { id: (await ok<Array<{ id: string }>>(server, 'conversations/list', {}, executive.token))[0].id }, executive.token);
    const question = conversation.messages.find((m) => m.role === 'user')!;
    expectRefused(await post(server.url, 'dashboards/addWidget', { dashboardId: mine.id, title: 'x', sourceId: source.id, answerId: question.id, chart }, executive.token), 403, 'FORBIDDEN');
  });

  it('an analyst’s shared widget runs for a viewer, who never receives its SQL', async () => {
    const shared = await board(admin, 'Shared');
    const placed = await ok<Board>(server, 'dashboards/addWidget', { dashboardId: shared.id, title: 'Customers', sourceId: source.id, sql: 'SELECT count(*) AS n FROM customers', chart }, admin);
    expect(placed.widgets[0].sql).toMatch(/count/);
    const seen = await ok<Board>(server, 'dashboards/get', { id: shared.id }, viewer.token);
    expect(seen.widgets[0].sql).toBeNull();
    expect(JSON.stringify(seen)).not.toMatch(/count\(\*\)/i);
    const run = await ok<{ rows: unknown[][] }>(server, 'dashboards/runWidget', { dashboardId: shared.id, widgetId: seen.widgets[0].id }, viewer.token);
    expect(Number(run.rows[0][0])).toBeGreaterThan(0);
  });

  it('a widget whose SQL an executive slipped into the store (older versions allowed it) does not run for them', async () => {
    const { store } = server.container.services;
    const mine = await board(executive.token, 'Old');
    const ctx = await server.container.services.auth.authenticate(executive.token);
    const widget = await store.widgets.create(ctx!, { projectId: source.projectId, title: 'old', sourceId: source.id, query: { sql: 'SELECT * FROM customers' } });
    await store.dashboards.placeWidget(ctx!, mine.id, widget.id, { x: 0, y: 0, w: 6, h: 4 });
    expectRefused(await post(server.url, 'dashboards/runWidget', { dashboardId: mine.id, widgetId: widget.id }, executive.token), 403, 'FORBIDDEN');
    // The same widget runs for someone who may write SQL.
    expect((await post(server.url, 'dashboards/runWidget', { dashboardId: mine.id, widgetId: widget.id }, admin)).body.ok).toBe(true);
  });
});
