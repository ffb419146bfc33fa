import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext, type RequestContext } from '../../../shared/types/auth';
import { createKeyFileSecretBox } from '../../../electron/main/security/secrets';
import { createStore, type Store } from '../../../electron/main/store';
import { createScratchDatabase, type ScratchDatabase } from '../../support/scratchPgDatabase';

const PG_ADMIN_URL = process.env.AISER_TEST_STORE_PG_URL ?? 'postgres://aiser:aiser@127.0.0.1:5432/aiser_test';

/** Polls until `check` holds (a change reaches the other instance by NOTIFY, a few ms later). */
async function eventually(check: () => Promise<boolean>, attempts = 100): Promise<boolean> {
  for (let i = 0; i < attempts; i++) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

/** Two instances over one PostgreSQL store, each with its own read cache: a change made through
 *  one is seen by the other on a read shortly after, although the other had the record in memory. */
describe('store read cache across instances (PostgreSQL LISTEN/NOTIFY)', () => {
  let database: ScratchDatabase;
  let dataDir: string;
  let a: Store;
  let b: Store;
  let ctx: RequestContext;

  beforeAll(async () => {
    database = await createScratchDatabase(PG_ADMIN_URL, 'aiser_cache');
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiser-cache-pg-'));
    const secrets = createKeyFileSecretBox(dataDir);
    a = createStore({ databaseUrl: database.url, dataDir, secrets });
    await a.init();
    b = createStore({ databaseUrl: database.url, dataDir, secrets });
    await b.init();
    ctx = systemContext((await a.organizations.unscopedCreate({ name: 'Shared', slug: 'shared' })).id);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await database?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** Reads on B until B serves the record from memory (notifications of A's earlier writes may
   *  still be arriving and drop what B just read). */
  async function warmOnB<T>(read: () => Promise<T>): Promise<T> {
    let value = await read();
    const served = await eventually(async () => {
      const hits = b.readCache.hits;
      value = await read();
      return b.readCache.hits > hits;
    });
    expect(served).toBe(true);
    return value;
  }

  it('a role change and a disabled account made on A reach B', async () => {
    const user = await a.users.create(ctx, { email: 'shared@example.com', name: 'Shared', role: 'analyst' });
    expect((await warmOnB(() => b.users.get(ctx, user.id))).role).toBe('analyst');
    await a.users.update(ctx, user.id, { role: 'viewer' });
    expect(await eventually(async () => (await b.users.get(ctx, user.id)).role === 'viewer')).toBe(true);
    await a.users.update(ctx, user.id, { status: 'disabled' });
    expect(await eventually(async () => (await b.users.get(ctx, user.id)).status === 'disabled')).toBe(true);
  });

  it('a session revoked on A is revoked on B', async () => {
    const user = await a.users.create(ctx, { email: 'session@example.com', name: 'Session', role: 'analyst' });
    const session = await a.sessions.create(ctx, { userId: user.id, tokenHash: 'hash-of-a-token', expiresAt: new Date(Date.now() + 3_600_000) });
    expect((await warmOnB(() => b.sessions.unscopedFindByTokenHash('hash-of-a-token')))?.revokedAt).toBeNull();
    await a.sessions.revoke(ctx, session.id);
    expect(await eventually(async () => Boolean((await b.sessions.unscopedFindByTokenHash('hash-of-a-token'))?.revokedAt))).toBe(true);
  });

  it('organization settings, suspension and project membership changed on A reach B', async () => {
    await warmOnB(() => b.organizations.get(ctx));
    await a.organizations.update(ctx, { settings: { featureFlags: { exports: false } } });
    expect(await eventually(async () => (await b.organizations.get(ctx)).settings.featureFlags.exports === false)).toBe(true);
    await a.organizations.unscopedUpdate(ctx.orgId, { status: 'suspended' });
    expect(await eventually(async () => (await b.organizations.get(ctx)).status === 'suspended')).toBe(true);
    await a.organizations.unscopedUpdate(ctx.orgId, { status: 'active' });

    const user = await a.users.create(ctx, { email: 'member@example.com', name: 'Member', role: 'analyst' });
    const project = await a.projects.create(ctx, { name: 'Shared project' });
    await a.projects.addMember(ctx, project.id, user.id);
    expect(await warmOnB(() => b.projects.projectIdsForUser(ctx, user.id))).toEqual([project.id]);
    await a.projects.removeMember(ctx, project.id, user.id);
    expect(await eventually(async () => (await b.projects.projectIdsForUser(ctx, user.id)).length === 0)).toBe(true);
  });

  it('while its change feed is closed an instance serves nothing from memory', async () => {
    const c = createStore({ databaseUrl: database.url, dataDir, secrets: createKeyFileSecretBox(dataDir) });
    const hits = c.readCache.hits;
    await c.organizations.get(ctx).catch(() => undefined); // not initialised: no LISTEN yet
    await c.organizations.get(ctx).catch(() => undefined);
    expect(c.readCache.hits).toBe(hits);
    await c.close();
  });
});

/** Two processes over one SQLite store file (here two store instances in one process, which share
 *  nothing but the data folder): a change made through one is seen by the other's next read. */
describe('store read cache across instances (one SQLite file)', () => {
  let dataDir: string;
  let a: Store;
  let b: Store;
  let ctx: RequestContext;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiser-cache-sqlite-'));
    const secrets = createKeyFileSecretBox(dataDir);
    a = createStore({ dataDir, secrets });
    await a.init();
    b = createStore({ dataDir, secrets });
    await b.init();
    ctx = systemContext((await a.organizations.unscopedCreate({ name: 'Shared file', slug: 'shared-file' })).id);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('a role change, a revoked session and a suspension made through A are read by B at once', async () => {
    const user = await a.users.create(ctx, { email: 'file@example.com', name: 'File', role: 'analyst' });
    const session = await a.sessions.create(ctx, { userId: user.id, tokenHash: 'hash-of-a-file-token', expiresAt: new Date(Date.now() + 3_600_000) });
    for (let i = 0; i < 2; i++) {
      await b.users.get(ctx, user.id);
      await b.sessions.unscopedFindByTokenHash('hash-of-a-file-token');
      await b.organizations.get(ctx);
    }
    expect(b.readCache.hits).toBeGreaterThanOrEqual(3);
    await a.users.update(ctx, user.id, { role: 'viewer' });
    expect((await b.users.get(ctx, user.id)).role).toBe('viewer');
    await a.sessions.revoke(ctx, session.id);
    expect((await b.sessions.unscopedFindByTokenHash('hash-of-a-file-token'))?.revokedAt).not.toBeNull();
    await a.organizations.unscopedUpdate(ctx.orgId, { status: 'suspended' });
    expect((await b.organizations.get(ctx)).status).toBe('suspended');
  });
});
