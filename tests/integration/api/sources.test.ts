import fs from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dumpStore } from '../../support/storeDump';
import { post, signIn, startTempServer } from '../../support/tempServer';

const PG_URL = process.env.AISER_TEST_PG_URL ?? 'postgres://aiser:aiser@127.0.0.1:5432/aiser_src';
const schema = `api_sources_${process.pid}_${Date.now()}`;
const parsed = new URL(PG_URL);
const pgConfig = (overrides: Record<string, unknown> = {}) => ({
  type: 'postgres', host: parsed.hostname, port: Number(parsed.port || 5432), database: parsed.pathname.slice(1),
  user: decodeURIComponent(parsed.username), password: decodeURIComponent(parsed.password), schema, ...overrides,
});

describe('data sources over the API (real PostgreSQL)', () => {
  let server: Awaited<ReturnType<typeof startTempServer>>;
  let token: string;
  let projectId: string;
  const admin = new pg.Client({ connectionString: PG_URL });

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}; CREATE TABLE ${schema}.deals (id int primary key, stage text, amount numeric(10,2));
      INSERT INTO ${schema}.deals VALUES (1,'won',100.50),(2,'lost',20),(3,'won',30)`);
    server = await startTempServer(undefined, { AISER_NO_DEMO: '1' });
    token = await signIn(server.url);
    projectId = ((await post(server.url, 'auth/me', {}, token)).body.data as { projects: Array<{ id: string }> }).projects[0].id;
  });
  afterAll(async () => {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
    await server.close();
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  it.each([
    ['a wrong password', { password: 'wrong-password' }, 'AUTH_FAILED'],
    ['a missing database', { database: 'no_such_database_here' }, 'DATABASE_NOT_FOUND'],
    ['an unreachable host', { host: '127.0.0.1', port: 1 }, 'HOST_UNREACHABLE'],
  ])('connection test names %s precisely', async (_what, overrides, code) => {
    const res = await post(server.url, 'sources/test', { config: pgConfig(overrides) }, token);
    expect(res.body.ok).toBe(true);
    expect(res.body.data).toMatchObject({ ok: false, code });
    expect((res.body.data as { message: string }).message.length).toBeGreaterThan(10);
  });

  it('saves a source with its password encrypted, never returns it, and keeps it on update', async () => {
    const created = await post(server.url, 'sources/create', { projectId, name: 'CRM', config: pgConfig() }, token);
    expect(created.body.ok, JSON.stringify(created.body.error)).toBe(true);
    const source = created.body.data as { id: string; config: Record<string, unknown>; dialect: string };
    expect(source.dialect).toBe('postgres');
    expect(source.config.password).toBe('••••');
    const raw = JSON.stringify(dumpStore(server.dataDir).data_sources);
    expect(raw).toContain('CRM');
    expect(raw).not.toContain(pgConfig().password);

    const renamed = await post(server.url, 'sources/update', { id: source.id, name: 'CRM (prod)', config: { ...pgConfig(), password: '••••' } }, token);
    expect(renamed.body.ok, JSON.stringify(renamed.body.error)).toBe(true);
    const run = await post(server.url, 'query/run', { sourceId: source.id, sql: 'SELECT stage, SUM(amount) AS total FROM deals GROUP BY stage ORDER BY stage' }, token);
    expect(run.body.ok, JSON.stringify(run.body.error)).toBe(true);
    expect((run.body.data as { rows: unknown[][] }).rows).toEqual([['lost', 20], ['won', 130.5]]);

    const tables = (await post(server.url, 'sources/schema', { id: source.id }, token)).body.data as { tables: Array<{ name: string; columns: Array<{ name: string }> }> };
    expect(tables.tables.map((t) => t.name)).toEqual(['deals']);
    const preview = await post(server.url, 'query/preview', { sourceId: source.id, table: 'deals', limit: 2 }, token);
    expect((preview.body.data as { rows: unknown[] }).rows).toHaveLength(2);

    expect((await post(server.url, 'sources/remove', { id: source.id }, token)).body.ok).toBe(true);
    expect((await post(server.url, 'sources/get', { id: source.id }, token)).body.error?.code).toBe('NOT_FOUND');
  });

  it('refuses to save a source it cannot reach, with the connector’s reason', async () => {
    const res = await post(server.url, 'sources/create', { projectId, name: 'Broken', config: pgConfig({ password: 'nope' }) }, token);
    expect(res.status).toBe(502);
    expect(res.body.error?.code).toBe('SOURCE_ERROR');
  });
});
