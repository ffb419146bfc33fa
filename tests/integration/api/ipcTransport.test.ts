import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IpcTransport, type IpcEventLike, type IpcMainLike } from '../../../electron/main/api/ipcTransport';
import { loadConfig } from '../../../electron/main/config';
import { createContainer, type Container } from '../../../electron/main/container';
import { completeSetup } from '../../../electron/main/setup/firstRun';
import { ADMIN_EMAIL, ADMIN_PASSWORD, tempDataDir } from '../../support/tempServer';

/** Electron cannot start on this machine; this stands in for ipcMain only (the transport's
 *  Electron surface is two methods), while the dispatcher, services and store are real. */
class InMemoryIpcMain implements IpcMainLike {
  handlers = new Map<string, (event: IpcEventLike, ...args: unknown[]) => Promise<unknown>>();
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => Promise<unknown>) {
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  }
}

function fakeWindow(id: number, url = 'app://aiser/index.html') {
  const sent: Array<{ channel: string; payload: unknown }> = [];
  const event: IpcEventLike = { sender: { id, send: (channel, payload) => sent.push({ channel, payload }), isDestroyed: () => false }, senderFrame: { url } };
  return { event, sent };
}

describe('desktop IPC transport: the same dispatcher as HTTP', () => {
  let container: Container;
  let dataDir: string;
  const ipc = new InMemoryIpcMain();
  const invoke = (event: IpcEventLike, key: string, req: unknown, requestId = `r-${Math.random()}`) =>
    ipc.handlers.get('aiser:invoke')!(event, key, req, requestId) as Promise<{ ok: boolean; data?: unknown; error?: { code: string; field?: string } }>;

  beforeAll(async () => {
    dataDir = tempDataDir();
    container = await createContainer(loadConfig({ AISER_DATA_DIR: dataDir, AISER_LOG_LEVEL: 'error' }));
    await completeSetup(container.services, { organizationName: 'Acme', name: 'Ada', email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
    new IpcTransport(container.dispatcher, (url) => url.startsWith('app://aiser/')).attach(ipc);
  });
  afterAll(async () => {
    await container.dispose();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps the session in main, per window, never in the renderer', async () => {
    const win = fakeWindow(1);
    expect((await invoke(win.event, 'sources/list', {})).error?.code).toBe('UNAUTHENTICATED');
    const signedIn = await invoke(win.event, 'auth/signIn', { email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
    expect(signedIn.ok).toBe(true);
    const sources = await invoke(win.event, 'sources/list', {});
    expect(sources.ok).toBe(true);
    expect((sources.data as unknown[]).length).toBe(1);
    const otherWindow = fakeWindow(2);
    expect((await invoke(otherWindow.event, 'sources/list', {})).error?.code).toBe('UNAUTHENTICATED');
  });

  it('validates requests exactly like HTTP', async () => {
    const win = fakeWindow(3);
    await invoke(win.event, 'auth/signIn', { email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
    const bad = await invoke(win.event, 'query/run', { sourceId: 'x', sql: 1 });
    expect(bad.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'sql' });
    expect((await invoke(win.event, 'no/such', {})).error?.code).toBe('UNKNOWN_CALL');
  });

  it('streams events to the calling window and refuses untrusted frames', async () => {
    const win = fakeWindow(4);
    await invoke(win.event, 'auth/signIn', { email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
    const [source] = (await invoke(win.event, 'sources/list', {})).data as Array<{ id: string }>;
    const result = await invoke(win.event, 'query/run', { sourceId: source.id, sql: 'SELECT COUNT(*) AS n FROM customers' }, 'req-42');
    expect(result.ok).toBe(true);
    const pages = win.sent.filter((m) => (m.payload as { requestId: string; event: { type: string } }).event.type === 'page');
    expect(pages.length).toBe(1);
    expect((pages[0].payload as { requestId: string }).requestId).toBe('req-42');
    const evil = fakeWindow(5, 'https://evil.example/');
    expect((await invoke(evil.event, 'system/health', {})).error?.code).toBe('FORBIDDEN');
  });
});
