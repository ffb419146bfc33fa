import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../electron/main/config';
import { startServer, type RunningServer } from '../../electron/main/cli/serveCommand';

export const ADMIN_EMAIL = 'admin@example.com';
export const ADMIN_PASSWORD = 'correct-horse-battery';

export function tempDataDir(prefix = 'aiser-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** An in-process `aiser serve` on a free loopback port with its own data folder. File sources
 *  may be read from the system's temporary folder (where tests write them) unless `env` says otherwise. */
export async function startTempServer(dataDir = tempDataDir(), env: Record<string, string> = {}): Promise<RunningServer & { dataDir: string }> {
  const config = loadConfig({ AISER_DATA_DIR: dataDir, AISER_PORT: '0', AISER_ADMIN_EMAIL: ADMIN_EMAIL, AISER_ADMIN_PASSWORD: ADMIN_PASSWORD, AISER_LOG_LEVEL: 'error', AISER_FILE_ROOTS: os.tmpdir(), ...env });
  const server = await startServer(config, () => undefined);
  await server.ready; // tests expect the first-run demo source to exist
  return Object.assign(server, { dataDir });
}

export interface RawResponse {
  status: number;
  body: { ok: boolean; data?: unknown; error?: { code: string; message: string; field?: string } };
}

/** One API call over real HTTP, returning status and parsed envelope. */
export async function post(baseUrl: string, call: string, body: unknown, token?: string, rawBody?: string): Promise<RawResponse> {
  const response = await fetch(`${baseUrl}/api/v1/${call}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: rawBody ?? JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as RawResponse['body'] };
}

export async function signIn(baseUrl: string, email = ADMIN_EMAIL, password = ADMIN_PASSWORD): Promise<string> {
  const res = await post(baseUrl, 'auth/signIn', { email, password });
  if (!res.body.ok) throw new Error(`sign-in failed: ${JSON.stringify(res.body.error)}`);
  return (res.body.data as { token: string }).token;
}

/** A loopback port free right now, for servers whose own URL must be known before they start
 *  (e.g. a single sign-on redirect URI). */
export async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
