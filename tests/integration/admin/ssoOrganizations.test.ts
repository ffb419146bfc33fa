import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, post, signIn, startTempServer, tempDataDir } from '../../support/tempServer';
import { FakeIdp, type FakeLogin } from '../security/fakeIdp';
import { PASSWORD, cleanup, ok, type TestServer } from '../security/fixtures';

interface Me { id: string; email: string; role: string; orgId: string }
interface Summary { id: string; slug: string; name: string }

/** One identity provider for several client companies: its groups and e-mail domains decide the
 *  organization and the role each person gets there. */
describe('single sign-on maps identity-provider groups and domains to several organizations', () => {
  let idp: FakeIdp;
  let server: TestServer;
  let platform: string;
  const orgs: Record<'beta' | 'gamma', Summary> = {} as Record<'beta' | 'gamma', Summary>;
  const oidcEnv: Record<string, string> = {};

  beforeAll(async () => {
    idp = await FakeIdp.start();
    const port = await freePort();
    Object.assign(oidcEnv, {
      AISER_OIDC_ISSUER: idp.issuer, AISER_OIDC_CLIENT_ID: idp.clientId, AISER_OIDC_CLIENT_SECRET: 'client-secret',
      AISER_OIDC_REDIRECT_URI: `http://127.0.0.1:${port}/auth/oidc/callback`,
      // No AISER_OIDC_ORG_ID: only the rules place people, so an unmatched person has nowhere to go.
      AISER_OIDC_ORG_MAP: 'group:beta-admins=client-beta:admin, group:beta-analysts=client-beta:analyst, domain:gamma.example=client-gamma:viewer',
    });
    Object.assign(process.env, oidcEnv); // the container reads AISER_OIDC_* from the environment
    server = await startTempServer(tempDataDir(), { AISER_PORT: String(port) });
    platform = await signIn(server.url);
    for (const [key, name] of [['beta', 'Client Beta'], ['gamma', 'Client Gamma']] as const) {
      orgs[key] = await ok<Summary>(server, 'orgs/create', { name, adminEmail: `admin@${key}-staff.example`, adminName: `${name} admin`, adminPassword: PASSWORD }, platform);
    }
  });
  afterAll(async () => {
    for (const key of Object.keys(oidcEnv)) delete process.env[key];
    await cleanup(server);
    await idp?.close();
  });

  /** The browser's round trip app → provider → app; returns the session cookie or the error. */
  async function ssoSignIn(login: FakeLogin): Promise<{ cookie: string | null; error?: { code: string; message: string } }> {
    idp.nextLogin = login;
    const start = await fetch(`${server.url}/auth/oidc/login`, { redirect: 'manual' });
    const atProvider = await fetch(new URL(start.headers.get('location') ?? ''), { redirect: 'manual' });
    const back = await fetch(new URL(atProvider.headers.get('location') ?? ''), { redirect: 'manual' });
    if (back.status === 302) return { cookie: back.headers.get('set-cookie')?.split(';')[0] ?? null };
    return { cookie: null, error: ((await back.json()) as { error: { code: string; message: string } }).error };
  }

  async function call<T>(cookie: string, key: string, body: unknown = {}): Promise<T> {
    const res = await fetch(`${server.url}/api/v1/${key}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) });
    const envelope = (await res.json()) as { ok: boolean; data?: T; error?: unknown };
    if (!envelope.ok) throw new Error(`${key} failed: ${JSON.stringify(envelope.error)}`);
    return envelope.data as T;
  }

  it('the organization slugs the rules name are the ones created', () => {
    expect([orgs.beta.slug, orgs.gamma.slug]).toEqual(['client-beta', 'client-gamma']);
  });

  it('places people by group or e-mail domain into different organizations with the mapped role', async () => {
    const analyst = await ssoSignIn({ sub: 'ann', email: 'ann@beta-corp.example', name: 'Ann Beta', groups: ['beta-analysts'] });
    expect(await call<Me>(analyst.cookie!, 'auth/me')).toMatchObject({ email: 'ann@beta-corp.example', role: 'analyst', orgId: orgs.beta.id });

    const viewer = await ssoSignIn({ sub: 'gus', email: 'gus@gamma.example', name: 'Gus Gamma', groups: [] });
    expect(await call<Me>(viewer.cookie!, 'auth/me')).toMatchObject({ email: 'gus@gamma.example', role: 'viewer', orgId: orgs.gamma.id });

    // A group rule is more specific than the domain: a Gamma address in a Beta group signs into Beta.
    const admin = await ssoSignIn({ sub: 'bea', email: 'bea@gamma.example', name: 'Bea Both', groups: ['beta-admins'] });
    expect(await call<Me>(admin.cookie!, 'auth/me')).toMatchObject({ role: 'admin', orgId: orgs.beta.id });
  });

  it('each organization’s administrator sees only the people single sign-on placed there, audited there', async () => {
    const betaAdmin = (await ssoSignIn({ sub: 'bea', email: 'bea@gamma.example', groups: ['beta-admins'] })).cookie!;
    const betaPeople = (await call<Array<{ email: string; role: string }>>(betaAdmin, 'users/list')).map((p) => `${p.email}:${p.role}`).sort();
    expect(betaPeople).toEqual(['admin@beta-staff.example:admin', 'ann@beta-corp.example:analyst', 'bea@gamma.example:admin']);
    const gammaAdmin = await signIn(server.url, 'admin@gamma-staff.example', PASSWORD);
    const gammaPeople = (await ok<Array<{ email: string }>>(server, 'users/list', {}, gammaAdmin)).map((p) => p.email).sort();
    expect(gammaPeople).toEqual(['admin@gamma-staff.example', 'gus@gamma.example']);

    const trail = async (token: string | null, cookie?: string) => {
      const body = { limit: 1000 };
      const events = cookie ? (await call<{ events: Array<{ action: string; details: Record<string, unknown> }> }>(cookie, 'audit/list', body)).events
        : (await ok<{ events: Array<{ action: string; details: Record<string, unknown> }> }>(server, 'audit/list', body, token!)).events;
      return events.filter((e) => e.action === 'user.create' && e.details.via === 'oidc').map((e) => e.details.role);
    };
    expect((await trail(null, betaAdmin)).sort()).toEqual(['admin', 'analyst']);
    expect(await trail(gammaAdmin)).toEqual(['viewer']);
    // The platform's own organization got nobody.
    expect((await ok<Array<{ email: string }>>(server, 'users/list', {}, platform)).map((p) => p.email)).toEqual(['admin@example.com']);
  });

  it('refuses people no rule places, and people of a suspended organization, saying what to do', async () => {
    const stranger = await ssoSignIn({ sub: 'zed', email: 'zed@elsewhere.org', groups: ['staff'] });
    expect(stranger).toMatchObject({ cookie: null, error: { code: 'UNAUTHENTICATED', message: 'Your account is not linked to an organization on this server.' } });

    await ok(server, 'orgs/setStatus', { id: orgs.gamma.id, status: 'suspended' }, platform);
    const suspended = await ssoSignIn({ sub: 'gus', email: 'gus@gamma.example', groups: [] });
    expect(suspended).toMatchObject({ cookie: null, error: { code: 'UNAUTHENTICATED', message: 'Client Gamma is suspended.' } });
    expect((await post(server.url, 'auth/signIn', { email: 'admin@gamma-staff.example', password: PASSWORD })).body.ok).toBe(false);
    // Beta is unaffected.
    expect((await ssoSignIn({ sub: 'ann', email: 'ann@beta-corp.example', groups: ['beta-analysts'] })).cookie).toMatch(/^aiser_session=/);
  });
});
