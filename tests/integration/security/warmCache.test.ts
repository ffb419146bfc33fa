import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../../shared/types/auth';
import { post, signIn, startTempServer } from '../../support/tempServer';
import { PASSWORD, addMember, cleanup, expectRefused, firstSource, ok, type TestServer } from './fixtures';

type Me = { role: string; projects: Array<{ id: string }> };
type Result = { columns: Array<{ name: string; masked?: boolean }>; rows: Array<Array<string | number | null>> };

/** Sessions, people, organizations, projects and policies are served from the store's read cache
 *  once read: each change below must still hold on the very next request, with the cache warm
 *  (every check first makes the same request twice, so the second one was served from memory). */
describe('security changes take effect on the next request with a warm read cache', () => {
  let server: TestServer;
  let admin: string;
  let source: { id: string; projectId: string };

  const me = (token: string) => post(server.url, 'auth/me', {}, token);
  async function warm(token: string, call = 'auth/me', body: unknown = {}): Promise<void> {
    const hitsBefore = server.container.services.store.readCache.hits;
    for (let i = 0; i < 2; i++) expect((await post(server.url, call, body, token)).body.ok).toBe(true);
    expect(server.container.services.store.readCache.hits).toBeGreaterThan(hitsBefore);
  }

  beforeAll(async () => {
    server = await startTempServer();
    admin = await signIn(server.url);
    source = await firstSource(server, admin);
  });
  afterAll(() => cleanup(server));

  it('signing out ends the session at once', async () => {
    const member = await addMember(server, admin, 'analyst', 'cache-signout@example.com', { projectIds: [source.projectId] });
    await warm(member.token);
    expect((await post(server.url, 'auth/signOut', {}, member.token)).body.ok).toBe(true);
    expectRefused(await me(member.token), 401, 'UNAUTHENTICATED');
  });

  it('a password change ends the other sessions, not the one that changed it', async () => {
    const member = await addMember(server, admin, 'analyst', 'cache-password@example.com', { projectIds: [source.projectId] });
    const other = await signIn(server.url, member.email, PASSWORD);
    await warm(member.token);
    await warm(other);
    expect((await post(server.url, 'auth/changePassword', { currentPassword: PASSWORD, newPassword: 'another-long-password' }, member.token)).body.ok).toBe(true);
    expectRefused(await me(other), 401, 'UNAUTHENTICATED');
    expect((await me(member.token)).body.ok).toBe(true);
  });

  it('signing a person out everywhere and an admin password reset end their sessions', async () => {
    const member = await addMember(server, admin, 'analyst', 'cache-everywhere@example.com', { projectIds: [source.projectId] });
    await warm(member.token);
    await ok(server, 'users/signOutEverywhere', { id: member.id }, admin);
    expectRefused(await me(member.token), 401, 'UNAUTHENTICATED');
    const again = await signIn(server.url, member.email, PASSWORD);
    await warm(again);
    await ok(server, 'users/resetPassword', { id: member.id, password: 'reset-long-password' }, admin);
    expectRefused(await me(again), 401, 'UNAUTHENTICATED');
  });

  it('a role change ends the sessions; a role written straight to the store applies to the next call', async () => {
    const member = await addMember(server, admin, 'analyst', 'cache-role@example.com', { projectIds: [source.projectId] });
    const sql = { sourceId: source.id, sql: 'SELECT 1 AS one' };
    await warm(member.token, 'query/run', sql);
    await ok(server, 'users/update', { id: member.id, role: 'viewer' }, admin);
    expectRefused(await me(member.token), 401, 'UNAUTHENTICATED');
    const viewer = await signIn(server.url, member.email, PASSWORD);
    await warm(viewer);
    expect(((await me(viewer)).body.data as Me).role).toBe('viewer');
    expectRefused(await post(server.url, 'query/run', sql, viewer), 403, 'FORBIDDEN');
    const { store } = server.container.services;
    const { orgId } = (await me(admin)).body.data as { orgId: string };
    await store.users.update(systemContext(orgId), member.id, { role: 'analyst' });
    expect(((await me(viewer)).body.data as Me).role).toBe('analyst');
    expect((await post(server.url, 'query/run', sql, viewer)).body.ok).toBe(true);
  });

  it('disabling a person refuses their next request', async () => {
    const member = await addMember(server, admin, 'analyst', 'cache-disable@example.com', { projectIds: [source.projectId] });
    await warm(member.token);
    await ok(server, 'users/update', { id: member.id, status: 'disabled' }, admin);
    expectRefused(await me(member.token), 401, 'UNAUTHENTICATED');
  });

  it('suspending the organization refuses the next call of everyone in it', async () => {
    const { store } = server.container.services;
    const { orgId } = (await me(admin)).body.data as { orgId: string };
    await warm(admin, 'sources/list');
    await store.organizations.unscopedUpdate(orgId, { status: 'suspended' });
    try {
      expectRefused(await post(server.url, 'sources/list', {}, admin), 403, 'FORBIDDEN');
    } finally {
      await store.organizations.unscopedUpdate(orgId, { status: 'active' });
    }
    expect((await post(server.url, 'sources/list', {}, admin)).body.ok).toBe(true);
  });

  it('removing someone from a project takes its sources away on the next call', async () => {
    const member = await addMember(server, admin, 'analyst', 'cache-project@example.com', { projectIds: [source.projectId] });
    await warm(member.token, 'sources/list');
    await warm(member.token, 'query/run', { sourceId: source.id, sql: 'SELECT 1 AS one' });
    expect(((await me(member.token)).body.data as Me).projects.map((p) => p.id)).toContain(source.projectId);
    await ok(server, 'projects/setMember', { projectId: source.projectId, userId: member.id, role: null }, admin);
    expect(((await me(member.token)).body.data as Me).projects.map((p) => p.id)).not.toContain(source.projectId);
    expect((await ok<Array<{ id: string }>>(server, 'sources/list', {}, member.token)).map((s) => s.id)).not.toContain(source.id);
    expect((await post(server.url, 'query/run', { sourceId: source.id, sql: 'SELECT 1 AS one' }, member.token)).body.ok).toBe(false);
  });

  it('a new masking policy masks the very next query', async () => {
    const member = await addMember(server, admin, 'analyst', 'cache-masking@example.com', { projectIds: [source.projectId] });
    const preview = { sourceId: source.id, table: 'customers', limit: 5 };
    await warm(member.token, 'query/preview', preview);
    const before = await ok<Result>(server, 'query/preview', preview, member.token);
    const shown = before.columns.findIndex((c) => !c.masked && !/id$/.test(c.name));
    expect(shown).toBeGreaterThanOrEqual(0);
    const saved = await ok<{ masking?: Record<string, string> }>(server, 'policies/get', {}, admin);
    await ok(server, 'policies/set', { ...saved, masking: { ...saved.masking, [`customers.${before.columns[shown].name}`]: 'redact' } }, admin);
    try {
      const after = await ok<Result>(server, 'query/preview', preview, member.token);
      expect(after.columns[shown]).toMatchObject({ name: before.columns[shown].name, masked: true });
      expect(after.rows.map((row) => row[shown])).not.toEqual(before.rows.map((row) => row[shown]));
    } finally {
      await ok(server, 'policies/set', saved, admin);
    }
  });
});
