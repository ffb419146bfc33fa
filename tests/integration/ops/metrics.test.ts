import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTempServer, tempDataDir } from '../../support/tempServer';
import { cleanup, createSecondOrg, firstSource, ok, type TestServer } from '../security/fixtures';

const METRICS_TOKEN = 'scrape-token-for-tests-0123456789';

async function scrape(server: TestServer, token?: string) {
  const response = await fetch(`${server.url}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: response.status, contentType: response.headers.get('content-type'), text: await response.text() };
}

function orgLabels(text: string): Set<string> {
  const orgs = new Set<string>();
  for (const family of parsePrometheusTextFormat(text)) for (const sample of family.metrics) if (sample.labels?.org) orgs.add(sample.labels.org);
  return orgs;
}

describe('Prometheus /metrics', () => {
  let server: TestServer;
  let adminToken: string;
  let orgA: string;
  let orgB: Awaited<ReturnType<typeof createSecondOrg>>;

  beforeAll(async () => {
    server = await startTempServer(tempDataDir(), { AISER_METRICS_TOKEN: METRICS_TOKEN });
    adminToken = await signIn(server.url);
    const me = await ok<{ orgId: string }>(server, 'auth/me', {}, adminToken);
    orgA = me.orgId;
    orgB = await createSecondOrg(server, 'metrics-b');
    const source = await firstSource(server, adminToken);
    await ok(server, 'query/run', { sourceId: source.id, sql: 'SELECT 1 AS one' }, adminToken);
    await ok(server, 'query/run', { sourceId: orgB.sourceId, sql: 'SELECT 2 AS two' }, orgB.adminToken);
    for (let i = 0; i < 2; i++) await ok(server, 'chat/ask', { sourceId: source.id, question: 'How many customers are there?', mode: 'offline' }, adminToken);
  });
  afterAll(() => cleanup(server));

  it('refuses a scrape without the token or an administrator session', async () => {
    expect((await scrape(server)).status).toBe(401);
    expect((await scrape(server, 'wrong-token-wrong-token-wrong')).status).toBe(401);
  });

  it('gives the scraper with the token every series, in the Prometheus text format', async () => {
    const { status, contentType, text } = await scrape(server, METRICS_TOKEN);
    expect(status).toBe(200);
    expect(contentType).toContain('text/plain');
    const families = new Map(parsePrometheusTextFormat(text).map((f) => [f.name, f]));
    for (const name of ['aiser_http_requests_total', 'aiser_http_request_duration_seconds', 'aiser_source_queries_total', 'aiser_active_calls', 'aiser_process_resident_memory_bytes']) {
      expect(families.has(name), name).toBe(true);
    }
    const queryRun = families.get('aiser_http_requests_total')!.metrics.find((m) => m.labels?.call === 'query/run' && m.labels?.status === '200');
    expect(Number(queryRun?.value)).toBeGreaterThanOrEqual(2);
    expect([...orgLabels(text)]).toEqual(expect.arrayContaining([orgA, orgB.orgId]));
    const answered = families.get('aiser_answers_total')?.metrics.filter((m) => m.labels?.org === orgA) ?? [];
    expect(answered.reduce((sum, m) => sum + Number(m.value), 0)).toBe(2);
    expect(Number(families.get('aiser_answer_cache_total')?.metrics.find((m) => m.labels?.result === 'hit')?.value)).toBeGreaterThanOrEqual(1);
    expect(families.has('aiser_answer_duration_seconds')).toBe(true);
  });

  it('never shows an organization-scoped administrator another organization’s label', async () => {
    const forA = await scrape(server, adminToken);
    expect(forA.status).toBe(200);
    expect([...orgLabels(forA.text)]).toEqual([orgA]);
    const forB = await scrape(server, orgB.adminToken);
    expect([...orgLabels(forB.text)]).toEqual([orgB.orgId]);
    expect(forB.text).not.toContain(orgA);
  });

  it('answers /readyz from the store and its migrations, and tags every API reply with a request id', async () => {
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, checks: { store: 'ok', migrations: 'ok', demo: 'ok' } });
    const reply = await fetch(`${server.url}/api/v1/system/health`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'trace-42' }, body: '{}' });
    expect(reply.headers.get('x-request-id')).toBe('trace-42');
  });
});
