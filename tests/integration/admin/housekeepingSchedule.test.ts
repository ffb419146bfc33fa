import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { systemContext } from '../../../shared/types/auth';
import { signIn, startTempServer } from '../../support/tempServer';
import { addMember, cleanup, ok, type TestServer } from '../security/fixtures';

const DAY = 86_400_000;
/** Generous: the jobs run every 200 ms, a loaded machine may still take a while. */
const UNTIL = { timeout: 30_000, interval: 100 };

/** The housekeeping jobs run on their own timers: nothing in this file calls purge or verify directly. */
describe('store housekeeping runs on a schedule', () => {
  let server: TestServer;
  let admin: string;
  let orgId: string;
  let db: Database.Database;

  beforeAll(async () => {
    server = await startTempServer();
    admin = await signIn(server.url);
    orgId = (await ok<{ orgId: string }>(server, 'auth/me', {}, admin)).orgId;
    db = new Database(path.join(server.dataDir, 'aiser.sqlite'));
  });
  afterAll(async () => {
    await cleanup(server);
    db?.close();
  });

  it('purges expired sessions and applies each organization’s metric retention, keeping what is still current', async () => {
    const { store, admin: services } = server.container.services;
    const ctx = systemContext(orgId);
    const person = await addMember(server, admin, 'analyst', 'sched@housekeeping.example');
    await ok(server, 'org/updateSettings', { metricRetentionDays: 30 }, admin);
    await store.sessions.create(ctx, { userId: person.id, tokenHash: 'expired-on-schedule', expiresAt: new Date(Date.now() - 60_000) });
    await store.sessions.create(ctx, { userId: person.id, tokenHash: 'still-valid-on-schedule', expiresAt: new Date(Date.now() + DAY) });
    await store.metrics.record(ctx, { name: 'housekeeping.sample', value: 1, recordedAt: new Date(Date.now() - 45 * DAY) });
    await store.metrics.record(ctx, { name: 'housekeeping.sample', value: 2, recordedAt: new Date(Date.now() - 10 * DAY) });

    services.housekeeping.start({ housekeepingMs: 200, alertsMs: 200, auditMs: 200 });
    await vi.waitFor(async () => {
      expect(await store.sessions.unscopedFindByTokenHash('expired-on-schedule')).toBeNull();
      expect((await store.metrics.list(ctx, { name: 'housekeeping.sample' })).map((m) => m.value)).toEqual([2]);
    }, UNTIL);
    expect(await store.sessions.unscopedFindByTokenHash('still-valid-on-schedule')).not.toBeNull();
    expect(await ok<{ email: string }>(server, 'auth/me', {}, person.token)).toMatchObject({ email: 'sched@housekeeping.example' });
  });

  it('verifies the audit chain on its schedule and raises a critical alert for a tampered row', async () => {
    await ok(server, 'audit/checkpoint', {}, admin);
    db.prepare('UPDATE audit_events SET details = ? WHERE organization_id = ? AND seq = 3').run('{"rewritten":true}', orgId);
    await vi.waitFor(async () => {
      const alerts = await ok<Array<{ kind: string | null; severity: string; message: string }>>(server, 'alerts/list', { status: 'open' }, admin);
      expect(alerts.filter((a) => a.kind === 'audit.chain_broken')).toEqual([
        expect.objectContaining({ severity: 'critical', message: expect.stringContaining('Audit event 3 fails verification') }),
      ]);
    }, UNTIL);
    server.container.services.admin.housekeeping.stop();
  });
});
