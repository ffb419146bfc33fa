import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, post, signIn, startTempServer, tempDataDir } from '../../support/tempServer';
import { FakeIdp, type FakeLogin, type TokenFault } from './fakeIdp';
import { cleanup, createSecondOrg, ok, type TestServer } from './fixtures';

interface SsoOutcome {
  status: number;
  cookie: string | null;
  error?: { code: string; message: string };
  authorizeUrl: URL;
}

describe('single sign-on with an OpenID Connect provider (authorization code + PKCE)', () => {
  let idp: FakeIdp;
  let server: TestServer;
  let orgId: string;
  const oidcEnv: Record<string, string> = {};

  beforeAll(async () => {
    idp = await FakeIdp.start();
    const dataDir = tempDataDir();
    const port = await freePort();
    const first = await startTempServer(dataDir, { AISER_PORT: String(port) }); // first run creates the organization
    orgId = (await ok<{ orgId: string }>(first, 'auth/me', {}, await signIn(first.url))).orgId;
    await first.close();
    Object.assign(oidcEnv, {
      AISER_OIDC_ISSUER: idp.issuer, AISER_OIDC_CLIENT_ID: idp.clientId, AISER_OIDC_CLIENT_SECRET: 'client-secret',
      AISER_OIDC_REDIRECT_URI: `http://127.0.0.1:${port}/auth/oidc/callback`, AISER_OIDC_ORG_ID: orgId,
      AISER_OIDC_ROLE_MAP: 'aiser-admins=admin,finance=executive,data-team=analyst', AISER_OIDC_ALLOWED_DOMAINS: 'example.com',
    });
    Object.assign(process.env, oidcEnv); // the container reads AISER_OIDC_* from the environment
    server = await startTempServer(dataDir, { AISER_PORT: String(port) });
  });
  afterAll(async () => {
    for (const key of Object.keys(oidcEnv)) delete process.env[key];
    await cleanup(server);
    await idp?.close();
  });

  /** The browser's round trip: app → provider → app callback, following redirects by hand. */
  async function ssoSignIn(login: FakeLogin, fault: TokenFault = 'none', tamper?: (callback: URL) => void): Promise<SsoOutcome> {
    idp.nextLogin = login;
    idp.nextFault = fault;
    const start = await fetch(`${server.url}/auth/oidc/login`, { redirect: 'manual' });
    expect(start.status).toBe(302);
    const authorizeUrl = new URL(start.headers.get('location') ?? '');
    const atProvider = await fetch(authorizeUrl, { redirect: 'manual' });
    expect(atProvider.status).toBe(302);
    const callback = new URL(atProvider.headers.get('location') ?? '');
    tamper?.(callback);
    const back = await fetch(callback, { redirect: 'manual' });
    const cookie = back.headers.get('set-cookie')?.split(';')[0] ?? null;
    const error = back.status === 302 ? undefined : ((await back.json()) as { error: SsoOutcome['error'] }).error;
    return { status: back.status, cookie, error, authorizeUrl };
  }

  async function me(cookie: string | null): Promise<{ email: string; role: string; orgId: string; id: string }> {
    const res = await fetch(`${server.url}/api/v1/auth/me`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: cookie ?? '' }, body: '{}' });
    expect(res.status).toBe(200);
    return ((await res.json()) as { data: { email: string; role: string; orgId: string; id: string } }).data;
  }

  it('signs a person in through the provider, creates their account with the mapped role, and audits it', async () => {
    expect((await post(server.url, 'sso/status', {})).body.data).toEqual({ enabled: true, loginPath: '/auth/oidc/login' });
    const outcome = await ssoSignIn({ sub: 'fin-1', email: 'Fiona@Example.com', name: 'Fiona Finance', groups: ['finance', 'staff'] });
    expect(outcome.status).toBe(302);
    const params = outcome.authorizeUrl.searchParams;
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('state')).toMatch(/^[\w-]{40,}$/);
    expect(params.get('nonce')).toMatch(/^[\w-]{40,}$/);
    expect(params.get('scope')?.split(' ')).toContain('openid');
    expect(idp.tokenRequests.at(-1)?.verifierMatched).toBe(true);
    expect(outcome.cookie).toMatch(/^aiser_session=/);
    const person = await me(outcome.cookie);
    expect(person).toMatchObject({ email: 'fiona@example.com', role: 'executive', orgId });
    const admin = await signIn(server.url);
    const trail = await ok<{ events: Array<{ action: string; target: string; details: Record<string, unknown> }> }>(server, 'audit/list', { limit: 1000 }, admin);
    expect(trail.events).toContainEqual(expect.objectContaining({ action: 'user.create', target: person.id, details: expect.objectContaining({ via: 'oidc', role: 'executive' }) }));
    expect(trail.events).toContainEqual(expect.objectContaining({ action: 'auth.sign_in', target: person.id, details: expect.objectContaining({ method: 'oidc', subject: 'fin-1' }) }));
  });

  it('applies group changes from the provider at the next sign-in (highest mapped role wins)', async () => {
    const again = await ssoSignIn({ sub: 'fin-1', email: 'fiona@example.com', groups: ['finance', 'aiser-admins'] });
    expect((await me(again.cookie)).role).toBe('admin');
    const demoted = await ssoSignIn({ sub: 'fin-1', email: 'fiona@example.com', groups: ['data-team'] });
    expect((await me(demoted.cookie)).role).toBe('analyst');
  });

  it('refuses people without a mapped group, from other domains, or without a verified e-mail', async () => {
    const noRole = await ssoSignIn({ sub: 'x-1', email: 'nobody@example.com', groups: ['staff'] });
    expect(noRole).toMatchObject({ status: 401, cookie: null, error: { code: 'UNAUTHENTICATED', message: expect.stringMatching(/no Aiser role/) } });
    const foreign = await ssoSignIn({ sub: 'x-2', email: 'someone@elsewhere.org', groups: ['finance'] });
    expect(foreign).toMatchObject({ status: 401, cookie: null });
    const unverified = await ssoSignIn({ sub: 'x-3', email: 'maybe@example.com', groups: ['finance'], emailVerified: false });
    expect(unverified).toMatchObject({ status: 401, cookie: null });
  });

  it.each<[TokenFault, RegExp]>([
    ['foreign-key', /key the identity provider does not publish/],
    ['tampered-payload', /signature is invalid/],
    ['alg-none', /only RS256/],
    ['wrong-audience', /another application/],
    ['wrong-issuer', /another issuer/],
    ['wrong-nonce', /nonce/],
    ['expired', /expired/],
  ])('refuses an ID token with fault "%s"', async (fault, message) => {
    const outcome = await ssoSignIn({ sub: 'fin-1', email: 'fiona@example.com', groups: ['aiser-admins'] }, fault);
    expect(outcome).toMatchObject({ status: 401, cookie: null, error: { code: 'UNAUTHENTICATED', message: expect.stringMatching(message) } });
  });

  it('refuses a forged or replayed state', async () => {
    let replay: URL | null = null;
    const forged = await ssoSignIn({ sub: 'fin-1', email: 'fiona@example.com', groups: ['finance'] }, 'none', (cb) => cb.searchParams.set('state', 'forged-state'));
    expect(forged).toMatchObject({ status: 401, error: { message: expect.stringMatching(/expired or was already used/) } });
    const first = await ssoSignIn({ sub: 'fin-1', email: 'fiona@example.com', groups: ['finance'] }, 'none', (cb) => { replay = new URL(cb); });
    expect(first.status).toBe(302);
    const replayed = await fetch(replay as unknown as URL, { redirect: 'manual' });
    expect(replayed.status).toBe(401);
  });

  it('never signs into another organization’s account that has the same e-mail (e-mails are unique across the install)', async () => {
    const other = await createSecondOrg(server, 'other-sso');
    await ok(server, 'users/create', { email: 'shared@example.com', name: 'Other org person', role: 'admin', password: 'long-enough-password' }, other.adminToken);
    const outcome = await ssoSignIn({ sub: 'shared-1', email: 'shared@example.com', groups: ['data-team'] });
    const res = await fetch(`${server.url}/api/v1/auth/me`, { method: 'POST', headers: { 'content-type': 'application/json', ...(outcome.cookie ? { cookie: outcome.cookie } : {}) }, body: '{}' });
    expect(res.status).toBe(401);
    const users = await ok<Array<{ email: string }>>(server, 'users/list', {}, other.adminToken);
    expect(users.filter((u) => u.email === 'shared@example.com')).toHaveLength(1);
  });
});

describe('single sign-on when not configured', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTempServer();
  });
  afterAll(() => cleanup(server));

  it('says so and refuses to start', async () => {
    expect((await post(server.url, 'sso/status', {})).body.data).toEqual({ enabled: false, loginPath: null });
    const res = await fetch(`${server.url}/auth/oidc/login`, { redirect: 'manual' });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { hint: string } }).error.hint).toMatch(/AISER_OIDC_/);
  });
});
