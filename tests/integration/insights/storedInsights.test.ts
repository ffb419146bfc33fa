import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../../shared/api/domains/chat';
import type { ExecutiveSummary, StoredInsight } from '../../../shared/api/domains/insights';
import type { RequestContext } from '../../../shared/types/auth';
import { post, signIn, startTempServer } from '../../support/tempServer';
import { addMember, cleanup, expectRefused, firstSource, ok, type TestServer } from '../security/fixtures';

/** Insights asked for in the chat are stored as analysis results, linked to the message and the
 *  lineage, and shown only to people whose data policies match the ones they were computed under. */
describe('stored insights through the API', () => {
  let server: TestServer;
  let admin: string;
  let exec: { id: string; token: string };
  let restricted: { id: string; token: string };
  let source: { id: string; projectId: string };
  let answer: Answer;

  async function askAs(token: string, question: string): Promise<Answer> {
    const ctx = (await server.container.services.auth.authenticate(token)) as RequestContext;
    return server.container.services.chat.ask(ctx, { question, sourceId: source.id, mode: 'offline' }, { signal: new AbortController().signal, emit: () => undefined });
  }

  beforeAll(async () => {
    server = await startTempServer();
    admin = await signIn(server.url);
    source = await firstSource(server, admin);
    exec = await addMember(server, admin, 'executive', 'exec-insights@example.com', { projectIds: [source.projectId] });
    restricted = await addMember(server, admin, 'analyst', 'analyst-europe@example.com', { projectIds: [source.projectId] });
    await ok(server, 'policies/set', { rowPolicies: [{ table: 'regions', column: 'region_id', roles: ['analyst'], values: [2] }] }, admin);
    answer = await askAs(exec.token, 'forecast revenue for next quarter');
  }, 120_000);
  afterAll(() => cleanup(server));

  it('keeps the answer’s insight with its message, without SQL for a person who may not see SQL', async () => {
    expect(answer.kind).toBe('answer');
    expect(answer.insights?.[0]?.kind).toBe('forecast');
    const list = await ok<StoredInsight[]>(server, 'insights/list', { projectId: source.projectId }, exec.token);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ messageId: answer.messageId, sourceId: source.id, insight: { headline: answer.headline } });
    const query = list[0].insight.evidence.queries[0];
    expect(query.sql).toBeUndefined();
    expect(query.sqlHash).toMatch(/^[0-9a-f]{16,}$/);
    const one = await ok<StoredInsight>(server, 'insights/get', { id: list[0].id }, admin);
    expect(one.insight.evidence.queries[0].sql).toMatch(/^SELECT /);
    expect(one.insight.evidence.queries[0].sqlHash).toBe(query.sqlHash);
  });

  it('does not show an insight to someone whose row policy would have given other numbers', async () => {
    expect(await ok<StoredInsight[]>(server, 'insights/list', { projectId: source.projectId }, restricted.token)).toEqual([]);
    const [stored] = await ok<StoredInsight[]>(server, 'insights/list', { projectId: source.projectId }, admin);
    expectRefused(await post(server.url, 'insights/get', { id: stored.id }, restricted.token), 404, 'NOT_FOUND');
    const own = await askAs(restricted.token, 'forecast revenue for next quarter');
    const mine = await ok<StoredInsight[]>(server, 'insights/list', { projectId: source.projectId }, restricted.token);
    expect(mine.map((s) => s.messageId)).toEqual([own.messageId]);
  });

  it('summarises a period: key findings, actions in priority order, and a clear error for a reversed period', async () => {
    await askAs(admin, 'why did revenue drop in August 2025 in Europe?');
    const today = new Date().toISOString().slice(0, 10);
    const summary = await ok<ExecutiveSummary>(server, 'insights/summary', { projectId: source.projectId, from: '2025-01-01', to: today }, admin);
    expect(summary.counts.insights).toBe(2);
    expect(summary.keyFindings.map((f) => f.headline)).toEqual(expect.arrayContaining([answer.headline]));
    expect(summary.actions.length).toBeGreaterThan(0);
    const reversed = await post(server.url, 'insights/summary', { projectId: source.projectId, from: today, to: '2025-01-01' }, admin);
    expect(reversed.status).toBe(400);
    expect(reversed.body.error?.message).toMatch(/on or before/);
  });
});
