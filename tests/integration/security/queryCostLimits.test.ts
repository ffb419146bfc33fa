import fs from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post, signIn, startTempServer } from '../../support/tempServer';
import { addMember, expectRefused, ok, type TestServer } from './fixtures';

const PG_URL = process.env.AISER_TEST_PG_URL ?? 'postgres://aiser:aiser@127.0.0.1:5432/aiser_src';
const schema = `cost_limits_${process.pid}_${Date.now()}`;
const parsed = new URL(PG_URL);
const pgConfig = {
  type: 'postgres', host: parsed.hostname, port: Number(parsed.port || 5432), database: parsed.pathname.slice(1),
  user: decodeURIComponent(parsed.username), password: decodeURIComponent(parsed.password), schema,
};
/** 1,000 × 1,000 rows: the planner expects a million-row step, far below the server's default limit. */
const WIDE = 'SELECT COUNT(*) AS n FROM visits a CROSS JOIN visits b';
const NARROW = 'SELECT COUNT(*) AS n FROM visits a JOIN visits b ON b.id = a.id + 1';

type Settings = { queryCost: { maxPlanCost: number | null; maxStepRows: number | null } };

describe('query cost limits an organization administrator sets (real PostgreSQL)', () => {
  let server: TestServer;
  let admin: string;
  let analyst: string;
  let sourceId: string;
  const db = new pg.Client({ connectionString: PG_URL });

  beforeAll(async () => {
    await db.connect();
    await db.query(`CREATE SCHEMA ${schema}; CREATE TABLE ${schema}.visits (id int primary key, page text);
      INSERT INTO ${schema}.visits SELECT g, 'p' || (g % 7) FROM generate_series(1, 1000) g; ANALYZE ${schema}.visits`);
    server = await startTempServer(undefined, { AISER_NO_DEMO: '1' });
    admin = await signIn(server.url);
    analyst = (await addMember(server, admin, 'analyst', 'analyst-cost@example.com')).token;
    const projectId = (await ok<{ projects: Array<{ id: string }> }>(server, 'auth/me', {}, admin)).projects[0].id;
    sourceId = (await ok<{ id: string }>(server, 'sources/create', { projectId, name: 'Web', config: pgConfig }, admin)).id;
  });
  afterAll(async () => {
    await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db.end();
    await server?.close();
    if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  const run = (sql: string) => post(server.url, 'query/run', { sourceId, sql }, analyst);

  it('shows no organization limits at first, and the server default lets a million-row join run', async () => {
    expect((await ok<Settings>(server, 'org/settings', {}, admin)).queryCost).toEqual({ maxPlanCost: null, maxStepRows: null });
    const res = await run(WIDE);
    expect(res.body.ok, JSON.stringify(res.body.error)).toBe(true);
    expect((res.body.data as { rows: unknown[][] }).rows).toEqual([[1_000_000]]);
  });

  it('refuses that query once the organization sets a tighter step limit, saying how to narrow it; a narrower query still runs', async () => {
    const saved = await ok<Settings>(server, 'org/updateSettings', { queryCost: { maxStepRows: 100_000 } }, admin);
    expect(saved.queryCost).toEqual({ maxPlanCost: null, maxStepRows: 100_000 });
    const refused = await run(WIDE);
    expect(refused.body.ok).toBe(false);
    expect(refused.body.error).toMatchObject({ code: 'SOURCE_ERROR', detail: 'TOO_EXPENSIVE' });
    expect(refused.body.error?.message).toMatch(/refused before it ran: .* about 1 million rows \(limit 100,000\)/);
    expect((refused.body.error as { hint?: string } | undefined)?.hint).toMatch(/Narrow the query: add join conditions/);
    const narrow = await run(NARROW);
    expect(narrow.body.ok, JSON.stringify(narrow.body.error)).toBe(true);
    expect((narrow.body.data as { rows: unknown[][] }).rows).toEqual([[999]]);
  });

  it('applies a cost limit too, and returns to the server default when the administrator clears the limits', async () => {
    await ok(server, 'org/updateSettings', { queryCost: { maxStepRows: null, maxPlanCost: 50 } }, admin);
    expect((await run(WIDE)).body.error?.message).toMatch(/estimates its cost at [\d,]+ \(limit 50\)/);
    await ok(server, 'org/updateSettings', { queryCost: { maxPlanCost: null } }, admin);
    expect((await run(WIDE)).body.ok).toBe(true);
  });

  it('refuses nonsense limits with a message naming the field, and lets only administrators change them', async () => {
    const bad = await post(server.url, 'org/updateSettings', { queryCost: { maxStepRows: 0 } }, admin);
    expectRefused(bad, 400, 'VALIDATION_FAILED');
    expect(bad.body.error?.message).toMatch(/queryCost\.maxStepRows/);
    expectRefused(await post(server.url, 'org/updateSettings', { queryCost: { maxStepRows: 10 } }, analyst), 403, 'FORBIDDEN');
  });
});
