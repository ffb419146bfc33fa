import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthService } from '../../../electron/main/security/auth';
import { ADMIN_EMAIL, ADMIN_PASSWORD, post, signIn, startTempServer } from '../../support/tempServer';
import { PASSWORD, addMember, cleanup, expectRefused, ok, type TestServer } from './fixtures';

describe('accounts and sessions (server mode, real store)', () => {
  let server: TestServer;
  let admin: string;

  beforeAll(async () => {
    server = await startTempServer();
    admin = await signIn(server.url);
  });
  afterAll(() => cleanup(server));

  it('locks an account after 5 wrong passwords, even for the right password, until an admin resets it', async () => {
    const person = await addMember(server, admin, 'analyst', 'brute@example.com');
    for (let attempt = 1; attempt <= 5; attempt++) {
      expectRefused(await post(server.url, 'auth/signIn', { email: person.email, password: `wrong-guess-${attempt}` }), 401, 'UNAUTHENTICATED');
    }
    const locked = await post(server.url, 'auth/signIn', { email: person.email, password: PASSWORD });
    expectRefused(locked, 401, 'UNAUTHENTICATED');
    expect(locked.body.error?.message).toMatch(/locked/);
    await ok(server, 'users/resetPassword', { id: person.id, password: 'a-fresh-password-1' }, admin);
    expect((await post(server.url, 'auth/signIn', { email: person.email, password: 'a-fresh-password-1' })).body.ok).toBe(true);
    const audit = await ok<{ events: Array<{ action: string; target: string }> }>(server, 'audit/list', { action: 'user.reset_password' }, admin);
    expect(audit.events.map((e) => e.target)).toContain(person.id);
  });

  it('refuses a signed-out session and ends every session with "sign out everywhere"', async () => {
    const person = await addMember(server, admin, 'viewer', 'sessions@example.com');
    const second = await signIn(server.url, person.email, PASSWORD);
    const third = await signIn(server.url, person.email, PASSWORD);
    await ok(server, 'auth/signOut', {}, person.token);
    expectRefused(await post(server.url, 'auth/me', {}, person.token), 401, 'UNAUTHENTICATED');
    expect((await post(server.url, 'auth/me', {}, second)).body.ok).toBe(true);
    expect(await ok(server, 'users/signOutEverywhere', {}, second)).toEqual({ revoked: 2 });
    for (const token of [second, third]) expectRefused(await post(server.url, 'sources/list', {}, token), 401, 'UNAUTHENTICATED');
  });

  it('ends sessions when an admin disables a person or changes their role', async () => {
    const person = await addMember(server, admin, 'analyst', 'leaver@example.com');
    await ok(server, 'users/update', { id: person.id, role: 'viewer' }, admin);
    expectRefused(await post(server.url, 'auth/me', {}, person.token), 401, 'UNAUTHENTICATED');
    const again = await signIn(server.url, person.email, PASSWORD);
    await ok(server, 'users/update', { id: person.id, status: 'disabled' }, admin);
    expectRefused(await post(server.url, 'auth/me', {}, again), 401, 'UNAUTHENTICATED');
    expectRefused(await post(server.url, 'auth/signIn', { email: person.email, password: PASSWORD }), 401, 'UNAUTHENTICATED');
  });

  it('refuses expired and idle sessions (session clock advanced, same store)', async () => {
    let now = Date.now();
    const auth = new AuthService(server.container.services.store, { sessionTtlMs: 8 * 3_600_000, idleTimeoutMs: 30 * 60_000, maxFailedSignIns: 5, lockoutMs: 60_000 }, () => now);
    const session = await auth.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    expect((await auth.authenticate(session.token))?.userId).toBe(session.user.id);
    now += 29 * 60_000; // active again just before the idle limit…
    expect(await auth.authenticate(session.token)).not.toBeNull();
    now += 29 * 60_000; // …which restarts the idle clock
    expect(await auth.authenticate(session.token)).not.toBeNull();
    now += 31 * 60_000; // idle too long
    expect(await auth.authenticate(session.token)).toBeNull();

    now = Date.now(); // the store stamps new sessions with the real time
    const fresh = await auth.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    for (let step = 0; step < 23; step++) { // active every 20 minutes for 7h40
      now += 20 * 60_000;
      expect(await auth.authenticate(fresh.token)).not.toBeNull();
    }
    now += 25 * 60_000;
    expect(await auth.authenticate(fresh.token)).toBeNull(); // past the absolute lifetime, however active
  });

  it('changing the password ends the other sessions but keeps the current one', async () => {
    const person = await addMember(server, admin, 'executive', 'changer@example.com');
    const other = await signIn(server.url, person.email, PASSWORD);
    await ok(server, 'auth/changePassword', { currentPassword: PASSWORD, newPassword: 'another-long-password' }, person.token);
    expect((await post(server.url, 'auth/me', {}, person.token)).body.ok).toBe(true);
    expectRefused(await post(server.url, 'auth/me', {}, other), 401, 'UNAUTHENTICATED');
    expectRefused(await post(server.url, 'auth/signIn', { email: person.email, password: PASSWORD }), 401, 'UNAUTHENTICATED');
  });
});

describe('server mode transport security', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTempServer(undefined, { AISER_SECURE_COOKIES: 'true' });
  });
  afterAll(() => cleanup(server));

  it('binds to loopback by default and sends security headers on API, health and error responses', async () => {
    expect(new URL(server.url).hostname).toBe('127.0.0.1');
    for (const response of [
      await fetch(`${server.url}/api/v1/system/health`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }),
      await fetch(`${server.url}/healthz`),
      await fetch(`${server.url}/api/v1/sources/list`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }),
    ]) {
      expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'.*frame-ancestors 'none'/);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });

  it('issues an HttpOnly, SameSite=Strict, Secure session cookie that authenticates, and clears it on sign-out', async () => {
    const response = await fetch(`${server.url}/api/v1/auth/signIn`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
    });
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^aiser_session=[^;]+; Path=\/; HttpOnly; SameSite=Strict; Secure/);
    const jar = cookie.split(';')[0];
    const me = await fetch(`${server.url}/api/v1/auth/me`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: jar }, body: '{}' });
    expect(me.status).toBe(200);
    const out = await fetch(`${server.url}/api/v1/auth/signOut`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: jar }, body: '{}' });
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    const after = await fetch(`${server.url}/api/v1/auth/me`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: jar }, body: '{}' });
    expect(after.status).toBe(401);
  });

  it('rate-limits sign-in per account and per address with 429 RATE_LIMITED and a retry hint', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 11; attempt++) {
      statuses.push((await post(server.url, 'auth/signIn', { email: 'target@example.com', password: 'guess-guess' })).status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    const limited = await fetch(`${server.url}/api/v1/auth/signIn`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'target@example.com', password: 'guess-guess' }),
    });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = (await limited.json()) as { error: { code: string; hint: string } };
    expect(body.error.code).toBe('RATE_LIMITED');
    expect(body.error.hint).toMatch(/Try again in \d+ seconds?/);

    // Spraying many accounts from one address hits the per-address limit (20 per minute).
    const spray: number[] = [];
    for (let i = 0; i < 12; i++) spray.push((await post(server.url, 'auth/signIn', { email: `spray${i}@example.com`, password: 'guess-guess' })).status);
    expect(spray).toContain(429);
    expect(spray.indexOf(429)).toBeLessThanOrEqual(9); // 12 attempts so far + 8 more reach the limit of 20
  });
});
