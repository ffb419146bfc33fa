import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageMeter } from '../../../electron/main/admin/usage';
import { systemContext } from '../../../shared/types/auth';
import { startRoundRobinProxy } from '../../support/roundRobinProxy';
import { createScratchDatabase, type ScratchDatabase } from '../../support/scratchPgDatabase';
import { ADMIN_EMAIL, ADMIN_PASSWORD, post, signIn, startTempServer, tempDataDir } from '../../support/tempServer';

const PG_ADMIN_URL = process.env.AISER_TEST_STORE_PG_URL ?? 'postgres://aiser:aiser@127.0.0.1:5432/aiser_test';


type Server = Awaited<ReturnType<typeof startTempServer>>;
type Proxy = Awaited<ReturnType<typeof startRoundRobinProxy>>;

/** Wrong passwords for one account sent through the round-robin address land on both instances
 *  in turn; the 11th is refused although neither instance saw more than 6 of them, because the
 *  count lives in the shared store. A right password stays refused too, on either instance. */
async function expectOneSignInLimitAcross(proxy: Proxy, a: Server, b: Server, email: string): Promise<void> {
  const before = proxy.served.length;
  const statuses: number[] = [];
  for (let i = 0; i < 11; i++) statuses.push((await post(proxy.url, 'auth/signIn', { email, password: 'wrong-guess' })).status);
  expect(new Set(proxy.served.slice(before))).toEqual(new Set([a.url, b.url]));
  expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
  expect(statuses[10]).toBe(429);
  for (const server of [a, b]) {
    const refused = await post(server.url, 'auth/signIn', { email: email.toUpperCase(), password: 'wrong-guess' });
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ code: 'RATE_LIMITED' });
  }
}

/** Two housekeeping timers firing in the same interval on two instances: one runs the job. */
async function expectOneHousekeepingRun(a: Server, b: Server): Promise<void> {
  const ran = await Promise.all([a, b].map((s) => s.container.services.admin.housekeeping.runScheduled('alerts')));
  expect(ran.filter(Boolean)).toHaveLength(1);
  const again = await Promise.all([a, b].map((s) => s.container.services.admin.housekeeping.runScheduled('alerts')));
  expect(again).toEqual(ran); // the holder keeps its lease for the interval; the other still waits
}

async function waitUntil(check: () => Promise<boolean>, attempts = 60): Promise<boolean> {
  for (let i = 0; i < attempts; i++) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

/** The concurrent-queries limit of an organization holds across instances: slots live in the
 *  shared store, two instances racing for the last one cannot both take it, renewal keeps a long
 *  query counted, and a slot left by an instance that died (never renewed) stops counting. */
async function expectOneQueryLimitAcross(proxy: Proxy, a: Server, b: Server): Promise<void> {
  const token = await signIn(proxy.url);
  const { orgId } = (await post(proxy.url, 'auth/me', {}, token)).body.data as { orgId: string };
  const sourceId = ((await post(proxy.url, 'sources/list', {}, token)).body.data as Array<{ id: string }>)[0]!.id;
  expect((await post(a.url, 'org/updateSettings', { limits: { concurrentQueries: 2 } }, token)).body.ok).toBe(true);
  const [usageA, usageB] = [a, b].map((s) => s.container.services.admin.usage);
  const race = await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? usageA : usageB).hold(orgId, 2)));
  const held = race.filter((release) => release !== null);
  expect(held).toHaveLength(2);
  for (const server of [a, b]) {
    const refused = await post(server.url, 'query/run', { sourceId, sql: 'SELECT 1 AS n' }, token);
    expect(refused.body.error).toMatchObject({ code: 'RATE_LIMITED', message: 'Your organization already runs 2 queries at once, its limit.' });
    const usage = (await post(server.url, 'org/usage', {}, token)).body.data as Array<{ limit: string; used: number }>;
    expect(usage.find((line) => line.limit === 'concurrentQueries')?.used).toBe(2);
  }
  await Promise.all(held.map((release) => release()));
  expect((await post(b.url, 'query/run', { sourceId, sql: 'SELECT 1 AS n' }, token)).body.ok).toBe(true);

  // A query held through renewals outlives its slot's time to live; the slot of a dead instance does not.
  const shortLived = new UsageMeter(a.container.services.store, undefined, 1_500);
  const renewed = (await shortLived.hold(orgId, 2))!;
  expect(await a.container.services.store.querySlots.acquire(orgId, 2, 3_000)).not.toBeNull();
  expect((await post(b.url, 'query/run', { sourceId, sql: 'SELECT 1 AS n' }, token)).body.error).toMatchObject({ code: 'RATE_LIMITED' });
  expect(await waitUntil(async () => (await post(b.url, 'query/run', { sourceId, sql: 'SELECT 1 AS n' }, token)).body.ok === true)).toBe(true);
  expect(await b.container.services.admin.usage.used(systemContext(orgId), 'concurrentQueries')).toBe(1);
  await renewed();
  expect(await b.container.services.admin.usage.used(systemContext(orgId), 'concurrentQueries')).toBe(0);
  expect((await post(a.url, 'org/updateSettings', { limits: { concurrentQueries: null } }, token)).body.ok).toBe(true);
}

/** Answer caches are per instance, but their keys hold the versions read from the shared store:
 *  a glossary changed through one instance stops the other from serving its cached answer. */
async function expectCacheFollowsChangesAcross(a: Server, b: Server): Promise<void> {
  const token = await signIn(a.url);
  const sourceId = ((await post(a.url, 'sources/list', {}, token)).body.data as Array<{ id: string }>)[0]!.id;
  const ask = async (server: Server) => {
    const reply = await post(server.url, 'chat/ask', { sourceId, question: 'How many customers are there?', mode: 'offline' }, token);
    expect(reply.body.ok).toBe(true);
    return (reply.body.data as { route: { cached: boolean } }).route.cached;
  };
  await ask(a);
  expect(await ask(a)).toBe(true);
  const changed = await post(b.url, 'sources/setGlossary', { id: sourceId, glossary: { synonyms: { customers: ['patrons'] } } }, token);
  expect(changed.body.ok).toBe(true);
  expect(await ask(a)).toBe(false);
  expect(await ask(a)).toBe(true);
}

/** Two `aiser serve` instances over one PostgreSQL store and one shared data folder (the secret
 *  key and files), behind a round-robin address: what two pods behind a Service look like. */
describe('two server instances over one PostgreSQL store', () => {
  let a: Server;
  let b: Server;
  let proxy: Proxy;
  let database: ScratchDatabase | undefined;

  beforeAll(async () => {
    database = await createScratchDatabase(PG_ADMIN_URL, 'aiser_scaleout');
    const dataDir = tempDataDir();
    const env = { AISER_DATABASE_URL: database.url };
    a = await startTempServer(dataDir, env);
    b = await startTempServer(dataDir, env);
    proxy = await startRoundRobinProxy([a.url, b.url]);
  });
  afterAll(async () => {
    await proxy?.close();
    await a?.close();
    await b?.close();
    await database?.drop();
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

  it('counts sign-in attempts for one account across both instances (one limit, not one per instance)', async () => {
    await expectOneSignInLimitAcross(proxy, a, b, 'guessed-pg@example.com');
  });

  it('runs each housekeeping job on one instance per interval (lease)', async () => {
    await expectOneHousekeepingRun(a, b);
  });

  it('enforces one concurrent-queries limit across both instances, with slots that expire', async () => {
    await expectOneQueryLimitAcross(proxy, a, b);
  });

  it('does not serve a cached answer on one instance after a change made through the other', async () => {
    await expectCacheFollowsChangesAcross(a, b);
  });
});

/** The same over one SQLite store file (two processes on one machine sharing a data folder). */
describe('two server instances over one SQLite store', () => {
  let a: Server;
  let b: Server;
  let proxy: Proxy;

  beforeAll(async () => {
    const dataDir = tempDataDir();
    a = await startTempServer(dataDir);
    b = await startTempServer(dataDir);
    proxy = await startRoundRobinProxy([a.url, b.url]);
  });
  afterAll(async () => {
    await proxy?.close();
    await a?.close();
    await b?.close();
  });

  it('counts sign-in attempts for one account across both instances', async () => {
    await expectOneSignInLimitAcross(proxy, a, b, 'guessed-sqlite@example.com');
  });

  it('runs each housekeeping job on one instance per interval (lease)', async () => {
    await expectOneHousekeepingRun(a, b);
  });

  it('enforces one concurrent-queries limit across both instances, with slots that expire', async () => {
    await expectOneQueryLimitAcross(proxy, a, b);
  });
});
