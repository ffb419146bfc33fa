import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post, signIn, startTempServer, type RawResponse } from '../../support/tempServer';

type Server = Awaited<ReturnType<typeof startTempServer>>;

function expectError(res: RawResponse, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.body.ok).toBe(false);
  expect(res.body.error?.code).toBe(code);
  expect(JSON.stringify(res.body)).not.toMatch(/\bat .*\.(ts|js):\d+/); // never a stack trace
}

describe('aiser serve: one API over HTTP', () => {
  let server: Server;
  let token: string;
  let sourceId: string;

  beforeAll(async () => {
    server = await startTempServer();
    token = await signIn(server.url);
    const sources = await post(server.url, 'sources/list', {}, token);
    sourceId = (sources.body.data as Array<{ id: string; name: string }>)[0].id;
  });
  afterAll(async () => {
    await server?.close();
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  it('first run creates the demo source, queried in place', async () => {
    const res = await post(server.url, 'query/run', { sourceId, sql: 'SELECT COUNT(*) AS orders FROM orders' }, token);
    expect(res.body.ok).toBe(true);
    const data = res.body.data as { rows: number[][]; columns: Array<{ name: string; kind: string }> };
    expect(data.columns).toEqual([{ name: 'orders', kind: 'number' }]);
    expect(data.rows[0][0]).toBeGreaterThan(10_000);
  });

  it('refuses missing auth on every call but sign-in, setup and health', async () => {
    expectError(await post(server.url, 'sources/list', {}), 401, 'UNAUTHENTICATED');
    expectError(await post(server.url, 'query/run', { sourceId, sql: 'SELECT 1' }), 401, 'UNAUTHENTICATED');
    expectError(await post(server.url, 'sources/list', {}, 'not-a-real-token'), 401, 'UNAUTHENTICATED');
    expect((await post(server.url, 'system/health', {})).body.ok).toBe(true);
    expect((await post(server.url, 'setup/status', {})).body.data).toEqual({ needsSetup: false });
  });

  it('names the field at fault for wrong types and unknown fields', async () => {
    const wrongType = await post(server.url, 'query/run', { sourceId, sql: 42 }, token);
    expectError(wrongType, 400, 'VALIDATION_FAILED');
    expect(wrongType.body.error?.field).toBe('sql');
    const unknown = await post(server.url, 'sources/list', { projectId: 'x', colour: 'red' }, token);
    expectError(unknown, 400, 'VALIDATION_FAILED');
    expect(unknown.body.error?.field).toBe('colour');
    expect(unknown.body.error?.message).toContain('colour');
  });

  it('answers malformed bodies, unknown calls and oversized requests with 4xx, and keeps serving', async () => {
    expectError(await post(server.url, 'sources/list', null, token, '{"broken":'), 400, 'BAD_REQUEST');
    expectError(await post(server.url, 'nothing/here', {}, token), 404, 'UNKNOWN_CALL');
    expectError(await post(server.url, 'query/run', { sourceId, sql: 'x'.repeat(1_100_000) }, token), 413, 'PAYLOAD_TOO_LARGE');
    expectError(await post(server.url, 'query/run', { sourceId: 'no-such-source', sql: 'SELECT 1' }, token), 404, 'NOT_FOUND');
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
  });

  it('refuses writes with a structured error', async () => {
    const res = await post(server.url, 'query/run', { sourceId, sql: 'DELETE FROM orders' }, token);
    expectError(res, 422, 'SQL_REFUSED');
    const after = await post(server.url, 'query/run', { sourceId, sql: 'SELECT COUNT(*) AS n FROM orders' }, token);
    expect((after.body.data as { rows: number[][] }).rows[0][0]).toBeGreaterThan(10_000);
  });

  it('streams pages and the result as server-sent events', async () => {
    const response = await fetch(`${server.url}/api/v1/query/run`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${token}` },
      body: JSON.stringify({ sourceId, sql: 'SELECT order_id FROM orders ORDER BY order_id', maxRows: 1200 }),
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const text = await response.text();
    const events = text.split('\n\n').filter(Boolean).map((block) => ({ event: /event: (.*)/.exec(block)?.[1], data: JSON.parse(/data: (.*)/.exec(block)?.[1] ?? 'null') }));
    const pages = events.filter((e) => e.data?.type === 'page');
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.reduce((n, p) => n + p.data.rows.length, 0)).toBe(1200);
    const result = events.at(-1);
    expect(result?.event).toBe('result');
    expect(result?.data.data.rowCount).toBe(1200);
    expect(result?.data.data.truncated).toBe(true);
  });

  it('imports, validates and exports a source glossary', async () => {
    const current = (await post(server.url, 'sources/glossary', { id: sourceId }, token)).body.data as { metrics: Array<{ name: string }>; pii: string[] };
    expect(current.metrics.map((m) => m.name)).toContain('revenue');
    expect(current.pii).toContain('customers.email');
    const invalid = await post(server.url, 'sources/setGlossary', { id: sourceId, glossary: { metrics: [{ name: 'x' }] } }, token);
    expectError(invalid, 400, 'VALIDATION_FAILED');
    expect(invalid.body.error?.message).toContain('expression');
    const edited = { ...current, metrics: [...current.metrics, { name: 'big orders', expression: 'COUNT(*)', filter: 'order_items.amount > 1000', time: 'orders.order_date' }] };
    expect((await post(server.url, 'sources/setGlossary', { id: sourceId, glossary: edited }, token)).body.ok).toBe(true);
    const after = (await post(server.url, 'sources/glossary', { id: sourceId }, token)).body.data as { metrics: Array<{ name: string }> };
    expect(after.metrics.map((m) => m.name)).toContain('big orders');
  });

  it('sends security headers and serves no stack traces on internal paths', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });
});

describe('aiser serve: restart keeps data', () => {
  it('writes, restarts on the same data folder, and reads it back', async () => {
    const first = await startTempServer();
    const token = await signIn(first.url);
    const me = (await post(first.url, 'auth/me', {}, token)).body.data as { projects: Array<{ id: string }> };
    const created = await post(first.url, 'dashboards/create', { projectId: me.projects[0].id, name: 'Board pack' }, token);
    expect(created.body.ok).toBe(true);
    await first.close();

    const second = await startTempServer(first.dataDir);
    // sessions live in the store, so the token from before the restart still works
    const stillValid = await post(second.url, 'dashboards/list', {}, token);
    expect(stillValid.body.ok).toBe(true);
    expect((stillValid.body.data as Array<{ name: string }>).map((d) => d.name)).toContain('Board pack');
    await second.close();
    fs.rmSync(first.dataDir, { recursive: true, force: true });
  });
});
