import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post, signIn, startTempServer } from '../../support/tempServer';
import { PASSWORD, addMember, cleanup, createSecondOrg, expectRefused, ok, type TestServer } from './fixtures';

/** Signs in from a chosen loopback address (127.0.0.x), as another machine would. */
function signInFrom(server: TestServer, localAddress: string, email: string, password: string): Promise<{ status: number; body: { ok: boolean; error?: { code: string; message: string; hint?: string } } }> {
  const url = new URL(`${server.url}/api/v1/auth/signIn`);
  const payload = JSON.stringify({ email, password });
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', localAddress, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => { text += chunk.toString(); });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
    });
    request.on('error', reject);
    request.end(payload);
  });
}

describe('smaller holes an insider or a stranger would try', () => {
  let server: TestServer;
  let admin: string;

  beforeAll(async () => {
    server = await startTempServer(undefined, { AISER_NO_DEMO: '1' });
    admin = await signIn(server.url);
  });
  afterAll(() => cleanup(server));

  it('a malformed session cookie is no session (401), not a server error', async () => {
    const res = await fetch(`${server.url}/api/v1/auth/me`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: 'aiser_session=%ff' }, body: '{}' });
    expect(res.status).toBe(401);
    const health = await fetch(`${server.url}/api/v1/system/health`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: 'aiser_session=%ff' }, body: '{}' });
    expect(health.status).toBe(200);
  });

  it('a wrong password reads the same for an existing and an unknown account', async () => {
    await addMember(server, admin, 'analyst', 'real@holes.example.com');
    const known = await post(server.url, 'auth/signIn', { email: 'real@holes.example.com', password: 'wrong-password-1' });
    const unknown = await post(server.url, 'auth/signIn', { email: 'nobody@holes.example.com', password: 'wrong-password-1' });
    expect(known.status).toBe(unknown.status);
    expect(known.body).toEqual(unknown.body);
  });

  it('guessing from one address locks only that address out, not the account’s owner elsewhere', async () => {
    await addMember(server, admin, 'executive', 'victim@holes.example.com');
    const attempts = [];
    for (let i = 0; i < 6; i++) attempts.push(await signInFrom(server, '127.0.0.2', 'victim@holes.example.com', `guess-${i}-xxxxxx`));
    expect(attempts.at(-1)?.body.ok).toBe(false);
    expect((await signInFrom(server, '127.0.0.2', 'victim@holes.example.com', PASSWORD)).body.ok).toBe(false); // the guesser stays locked out
    const owner = await signInFrom(server, '127.0.0.3', 'victim@holes.example.com', PASSWORD);
    expect(owner.body.ok, JSON.stringify(owner.body)).toBe(true);
    // And locking reads the same for an account that does not exist.
    await addMember(server, admin, 'executive', 'victim2@holes.example.com');
    const ghost = [];
    for (let i = 0; i < 6; i++) ghost.push(await signInFrom(server, '127.0.0.4', 'ghost@holes.example.com', `guess-${i}-xxxxxx`));
    const real = [];
    for (let i = 0; i < 6; i++) real.push(await signInFrom(server, '127.0.0.4', 'victim2@holes.example.com', `guess-${i}-xxxxxx`));
    expect(real.map((r) => [r.status, r.body.error?.message, r.body.error?.hint])).toEqual(ghost.map((r) => [r.status, r.body.error?.message, r.body.error?.hint]));
  });

  it('users/create with a foreign project creates nothing', async () => {
    const other = await createSecondOrg(server, 'foreign');
    const res = await post(server.url, 'users/create', { email: 'half@holes.example.com', name: 'Half', role: 'analyst', password: PASSWORD, projectIds: [other.projectId] }, admin);
    expect(res.body.ok).toBe(false);
    const members = await ok<Array<{ email: string }>>(server, 'users/list', {}, admin);
    expect(members.map((m) => m.email)).not.toContain('half@holes.example.com');
    expectRefused(await post(server.url, 'auth/signIn', { email: 'half@holes.example.com', password: PASSWORD }), 401, 'UNAUTHENTICATED');
  });

  it('one e-mail is one identity: a second organization cannot take an address already in use', async () => {
    const other = await createSecondOrg(server, 'twin');
    const res = await post(server.url, 'users/create', { email: 'real@holes.example.com', name: 'Twin', role: 'analyst', password: 'another-password-1' }, other.adminToken);
    expectRefused(res, 409, 'CONFLICT');
    expect(await signIn(server.url, 'real@holes.example.com', PASSWORD)).toBeTruthy();
  });

  it('names with text-direction overrides or control characters are refused', async () => {
    for (const name of ['Invoice\u202Efdp.exe', 'Bob\u0007', 'x\u2066y']) {
      const res = await post(server.url, 'users/create', { email: `n${name.length}@holes.example.com`, name, role: 'viewer', password: PASSWORD }, admin);
      expectRefused(res, 400, 'VALIDATION_FAILED');
      expect(res.body.error?.message).toMatch(/text-direction/);
    }
  });

  it('the store file is readable by its owner only', () => {
    expect(fs.statSync(path.join(server.dataDir, 'aiser.sqlite')).mode & 0o077).toBe(0);
  });
});
