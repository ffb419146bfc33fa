import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post, signIn, startTempServer } from '../../support/tempServer';
import { addMember, cleanup, expectRefused, firstSource, ok, type TestServer } from '../security/fixtures';

type Me = { permissions: string[] };

describe('the organization’s exports flag reaches the app and the server', () => {
  let server: TestServer;
  let admin: string;
  let analyst: { token: string };
  let sourceId: string;

  beforeAll(async () => {
    server = await startTempServer();
    admin = await signIn(server.url);
    analyst = await addMember(server, admin, 'analyst', 'analyst-exports@example.com');
    ({ id: sourceId } = await firstSource(server, admin));
  });
  afterAll(() => cleanup(server));

  it('with exports off, nobody is told they may export (the CSV/Excel buttons hide) and export calls are refused', async () => {
    expect((await ok<Me>(server, 'auth/me', {}, analyst.token)).permissions).toContain('export');
    await ok(server, 'org/updateSettings', { flags: { exports: false } }, admin);
    for (const token of [admin, analyst.token]) {
      const me = await ok<Me>(server, 'auth/me', {}, token);
      expect(me.permissions).not.toContain('export');
      expect(me.permissions).toContain('query:run');
      const refused = await post(server.url, 'query/export', { sourceId, sql: 'SELECT COUNT(*) AS n FROM customers' }, token);
      expectRefused(refused, 403, 'FORBIDDEN');
      expect(refused.body.error?.message).toMatch(/turned off/);
    }
    // Signing in again tells the app the same.
    const fresh = await post(server.url, 'auth/signIn', { email: 'analyst-exports@example.com', password: 'a-long-test-password' }, '');
    expect((fresh.body.data as { user: Me }).user.permissions).not.toContain('export');
  });

  it('turned back on, export returns to the permissions and the call works', async () => {
    await ok(server, 'org/updateSettings', { flags: { exports: true } }, admin);
    expect((await ok<Me>(server, 'auth/me', {}, analyst.token)).permissions).toContain('export');
    const file = await ok<{ content: string }>(server, 'query/export', { sourceId, sql: 'SELECT COUNT(*) AS n FROM customers' }, analyst.token);
    expect(file.content.split(/\r?\n/)[0]).toBe('n');
  });
});
