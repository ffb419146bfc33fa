import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeLlmServer } from '../../support/fakeLlmServer';
import { post, signIn, startTempServer } from '../../support/tempServer';
import { cleanup, expectRefused, ok, type TestServer } from './fixtures';

const PG_URL = process.env.AISER_TEST_PG_URL ?? 'postgres://aiser:aiser@127.0.0.1:5432/aiser_src';
const pgUrl = new URL(PG_URL);
const PG_PASSWORD = decodeURIComponent(pgUrl.password);
const pgConfig = (overrides: Record<string, unknown> = {}) => ({
  type: 'postgres', host: pgUrl.hostname, port: Number(pgUrl.port || 5432), database: pgUrl.pathname.slice(1),
  user: decodeURIComponent(pgUrl.username), password: PG_PASSWORD, ...overrides,
});

/** A listener an administrator-turned-attacker controls: records every byte sent to it. */
async function captureServer(): Promise<{ port: number; received: () => string; connections: () => number; close: () => Promise<void> }> {
  let data = '';
  let connections = 0;
  const server = net.createServer((socket) => {
    connections++;
    socket.on('data', (chunk) => {
      data += chunk.toString('latin1');
      socket.destroy();
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    received: () => data,
    connections: () => connections,
    close: () => new Promise<void>((resolve) => { server.close(() => resolve()); }),
  };
}

/** An administrator pointing saved credentials at an address of their choosing. */
describe('saved secrets stay with the address they were entered for', () => {
  let server: TestServer;
  let admin: string;
  let projectId: string;
  let trap: Awaited<ReturnType<typeof captureServer>>;

  beforeAll(async () => {
    server = await startTempServer(undefined, { AISER_NO_DEMO: '1', AISER_OUTBOUND_ALLOW: '127.0.0.1' });
    admin = await signIn(server.url);
    projectId = (await ok<{ projects: Array<{ id: string }> }>(server, 'auth/me', {}, admin)).projects[0].id;
    trap = await captureServer();
  });
  afterAll(async () => {
    await trap?.close();
    await cleanup(server);
  });

  it('a database source: a new port or host (field or URL) needs the password again; the same address keeps it', async () => {
    const source = await ok<{ id: string }>(server, 'sources/create', { projectId, name: 'Warehouse', config: pgConfig() }, admin);
    const moved = [
      pgConfig({ port: trap.port, password: '••••' }),
      pgConfig({ host: 'localhost', port: trap.port, password: '••••' }),
      { type: 'postgres', url: `postgres://${pgUrl.username}:••••@127.0.0.1:${trap.port}${pgUrl.pathname}` },
    ];
    for (const config of moved) {
      for (const call of ['sources/test', 'sources/update'] as const) {
        const res = await post(server.url, call, { id: source.id, config }, admin);
        expectRefused(res, 400, 'VALIDATION_FAILED');
        expect(res.body.error?.field).toMatch(/password|url/);
        expect(res.body.error?.message).toMatch(/enter ".*" again/);
      }
    }
    expect(trap.connections()).toBe(0);
    expect(trap.received()).not.toContain(PG_PASSWORD);

    const same = await ok<{ ok: boolean }>(server, 'sources/test', { id: source.id, config: pgConfig({ password: '••••' }) }, admin);
    expect(same.ok).toBe(true);
    const renamed = await post(server.url, 'sources/update', { id: source.id, name: 'Warehouse (prod)', config: pgConfig({ password: '••••' }) }, admin);
    expect(renamed.body.ok, JSON.stringify(renamed.body.error)).toBe(true);
    // Typing a secret for the new address is allowed (it is theirs to give): the trap is reached.
    const retyped = await ok<{ ok: boolean; code?: string }>(server, 'sources/test', { id: source.id, config: pgConfig({ port: trap.port, password: 'typed-again' }) }, admin);
    expect(retyped.ok).toBe(false);
    expect(trap.connections()).toBeGreaterThan(0);
  });

  it('a REST source: its headers do not follow a changed URL', async () => {
    const api = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('[{"id":1}]'));
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(api.address() as AddressInfo).port}/records`;
      const source = await ok<{ id: string }>(server, 'sources/create', { projectId, name: 'API', config: { type: 'rest', url, headers: { authorization: 'Bearer api-secret' } } }, admin);
      const moved = { type: 'rest', url: `http://127.0.0.1:${trap.port}/collect`, headers: { authorization: '••••' } };
      const res = await post(server.url, 'sources/test', { id: source.id, config: moved }, admin);
      expectRefused(res, 400, 'VALIDATION_FAILED');
      expect(res.body.error?.field).toBe('headers.authorization');
      expect(trap.received()).not.toContain('api-secret');
      expect((await ok<{ ok: boolean }>(server, 'sources/test', { id: source.id, config: { type: 'rest', url, headers: { authorization: '••••' } } }, admin)).ok).toBe(true);
    } finally {
      await new Promise<void>((resolve) => { api.close(() => resolve()); });
    }
  });

  it('an AI provider: its API key does not follow a changed endpoint, on test or save', async () => {
    const legit = await FakeLlmServer.start();
    const rogue = await FakeLlmServer.start();
    try {
      const saved = await ok<{ id: string }>(server, 'ai/saveProvider', { name: 'Main', kind: 'openai-compatible', endpoint: legit.openAiUrl, model: 'm', apiKey: 'sk-live-secret', timeoutMs: 5_000, maxRetries: 0 }, admin);
      const moved = { id: saved.id, name: 'Main', kind: 'openai-compatible', endpoint: rogue.openAiUrl, model: 'm', timeoutMs: 5_000, maxRetries: 0 };
      for (const call of ['ai/testProvider', 'ai/saveProvider']) {
        const res = await post(server.url, call, moved, admin);
        expectRefused(res, 400, 'VALIDATION_FAILED');
        expect(res.body.error?.field).toBe('apiKey');
      }
      expect(rogue.requests).toHaveLength(0);
      const same = await ok<{ ok: boolean }>(server, 'ai/testProvider', { ...moved, endpoint: legit.openAiUrl }, admin);
      expect(same.ok).toBe(true);
      expect(legit.requests.at(-1)?.headers.authorization).toBe('Bearer sk-live-secret');
    } finally {
      await legit.close();
      await rogue.close();
    }
  });
});
