import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALL_KEYS, contract } from '../../../shared/api/contract';
import { ROLES, type Role } from '../../../shared/types/auth';
import { PERMISSIONS, roleHas } from '../../../shared/types/permissions';
import { buildHandlers } from '../../../electron/main/api/handlers';
import { post, signIn, startTempServer } from '../../support/tempServer';
import { addMember, cleanup, type TestServer } from './fixtures';

/** The only calls anyone may make without a session: health, first-run setup and the ways to sign
 *  in (password, single sign-on). Changing this list is a security decision. */
const PUBLIC_CALLS = ['system/health', 'setup/status', 'setup/complete', 'auth/signIn', 'sso/status', 'sso/start', 'sso/complete'];

/** A body no request schema accepts: reaching validation proves the caller got past authorisation
 *  without running the handler (so probing sign-out or revoke calls has no side effects). */
const PROBE = { __authorisationProbe: true };

describe('RBAC over every API call', () => {
  let server: TestServer;
  const tokens = {} as Record<Role, string>;

  beforeAll(async () => {
    server = await startTempServer();
    tokens.admin = await signIn(server.url);
    for (const role of ROLES.filter((r) => r !== 'admin')) tokens[role] = (await addMember(server, tokens.admin, role, `${role}@rbac.example.com`)).token;
  });
  afterAll(() => cleanup(server));

  it('every call declares its access as data, and only sign-in (password or SSO), setup and health are public', () => {
    for (const key of CALL_KEYS) {
      const access = contract[key].access as string;
      expect(['public', 'authenticated', ...PERMISSIONS], key).toContain(access);
    }
    expect(CALL_KEYS.filter((key) => contract[key].access === 'public').sort()).toEqual([...PUBLIC_CALLS].sort());
  });

  it('no handler exists outside the contract (so none can skip its access check)', () => {
    const handlerKeys = Object.keys(buildHandlers(server.container.services));
    expect(handlerKeys.filter((key) => !(CALL_KEYS as string[]).includes(key))).toEqual([]);
  });

  it('refuses every non-public call without a session, or with an unknown token, with 401', async () => {
    for (const key of CALL_KEYS.filter((k) => contract[k].access !== 'public')) {
      for (const token of [undefined, 'forged-token-value']) {
        const res = await post(server.url, key, {}, token);
        expect({ key, status: res.status, code: res.body.error?.code }).toEqual({ key, status: 401, code: 'UNAUTHENTICATED' });
      }
    }
  });

  it('answers 403 to every role lacking a call’s permission, and lets every role holding it through', async () => {
    const outcomes: string[] = [];
    for (const key of CALL_KEYS) {
      const access = contract[key].access;
      if (access === 'public') continue;
      for (const role of ROLES) {
        const allowed = access === 'authenticated' || roleHas(role, access);
        const res = await post(server.url, key, PROBE, tokens[role]);
        const got = `${res.status} ${res.body.error?.code ?? 'OK'}`;
        const expected = allowed ? '400 VALIDATION_FAILED' : '403 FORBIDDEN';
        if (got !== expected) outcomes.push(`${key} as ${role}: expected ${expected}, got ${got}`);
      }
    }
    expect(outcomes).toEqual([]);
  });

  it('an analyst cannot reach admin-only calls even with a valid body', async () => {
    const res = await post(server.url, 'users/create', { email: 'x@rbac.example.com', name: 'X', role: 'admin', password: 'long-enough-password' }, tokens.analyst);
    expect(res.status).toBe(403);
    const audit = await post(server.url, 'audit/list', {}, tokens.analyst);
    expect(audit.status).toBe(403);
  });
});
