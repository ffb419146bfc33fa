import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRoundRobinProxy } from '../../support/roundRobinProxy';
import { ADMIN_EMAIL, ADMIN_PASSWORD, post, startTempServer, tempDataDir } from '../../support/tempServer';

const PG_ADMIN_URL = process.env.AISER_TEST_STORE_PG_URL ?? 'postgres://aiser:aiser@127.0.0.1:5432/aiser_test';
const DATABASE = `aiser_scaleout_${Math.random().toString(36).slice(2, 8)}`;

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Two `aiser serve` instances over one PostgreSQL store and one shared data folder (the secret
 *  key and files), behind a round-robin address: what two pods behind a Service look like. */
describe('two server instances over one PostgreSQL store', () => {
  type Server = Awaited<ReturnType<typeof startTempServer>>;
  let a: Server;
  let b: Server;
  let proxy: Awaited<ReturnType<typeof startRoundRobinProxy>>;

  beforeAll(async () => {
    await admin(`CREATE DATABASE ${DATABASE}`);
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${DATABASE}`;
    const dataDir = tempDataDir();
    const env = { AISER_DATABASE_URL: url.toString() };
    a = await startTempServer(dataDir, env);
    b = await startTempServer(dataDir, env);
    proxy = await startRoundRobinProxy([a.url, b.url]);
  });
  afterAll(async () => {
    await proxy?.close();
    await a?.close();
    await b?.close();
    await admin(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  });

  it('a session made on one instance works on the other, and signing out ends it on both', async () => {
    const signedIn = await post(proxy.url, 'auth/signIn', { email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
    expect(signedIn.body.ok).toBe(true);
    const token = (signedIn.body.data as { token: string }).token;
    for (let i = 0; i < 4; i++) expect((await post(proxy.url, 'auth/me', {}, token)).body.ok).toBe(true);
    expect(new Set(proxy.served)).toEqual(new Set([a.url, b.url]));
    expect((await post(a.url, 'auth/me', {}, token)).body.ok).toBe(true);
    expect((await post(b.url, 'auth/me', {}, token)).body.ok).toBe(true);
    await post(a.url, 'auth/signOut', {}, token);
    expect((await post(b.url, 'auth/me', {}, token)).status).toBe(401);
  });

  it('keeps one valid audit chain under concurrent load through both instances', async () => {
    const token = (await post(proxy.url, 'auth/signIn', { email: ADMIN_EMAIL, password: ADMIN_PASSWORD })).body.data as { token: string };
    const sources = await post(proxy.url, 'sources/list', {}, token.token);
    const sourceId = (sources.body.data as Array<{ id: string }>)[0]!.id;
    const replies = await Promise.all(Array.from({ length: 40 }, (_, i) => post(proxy.url, 'query/run', { sourceId, sql: `SELECT ${i} AS n` }, token.token)));
    expect(replies.every((r) => r.body.ok)).toBe(true);
    const verification = await post(proxy.url, 'audit/verify', {}, token.token);
    expect(verification.body).toMatchObject({ ok: true, data: { ok: true } });
    expect((verification.body.data as { count: number }).count).toBeGreaterThanOrEqual(40);
  });

  it('hands a scheduled job to exactly one instance at a time (lease), and to the other when it expires', async () => {
    const leasesA = a.container.services.store.leases;
    const leasesB = b.container.services.store.leases;
    const attempts = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? leasesA : leasesB).acquire('report:weekly', i % 2 ? 'instance-a' : 'instance-b', 60_000)));
    expect(attempts.filter(Boolean).length).toBeGreaterThanOrEqual(1);
    const holderA = await leasesA.acquire('report:weekly', 'instance-a', 60_000);
    const holderB = await leasesB.acquire('report:weekly', 'instance-b', 60_000);
    expect(holderA !== holderB).toBe(true);
    await (holderA ? leasesA.release('report:weekly', 'instance-a') : leasesB.release('report:weekly', 'instance-b'));
    expect(await leasesB.acquire('report:weekly', 'instance-b', 1)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await leasesA.acquire('report:weekly', 'instance-a', 60_000)).toBe(true);
    let runs = 0;
    const work = async () => {
      runs += 1;
      await new Promise((resolve) => setTimeout(resolve, 300));
    };
    await leasesA.release('report:weekly', 'instance-a');
    await Promise.all([leasesA.runExclusive('report:daily', 'instance-a', 60_000, work), leasesB.runExclusive('report:daily', 'instance-b', 60_000, work)]);
    expect(runs).toBe(1);
  });
});
