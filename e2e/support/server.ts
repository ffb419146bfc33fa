import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface RunningServer {
  url: string;
  dataDir: string;
  admin: { email: string; password: string };
  stop: () => Promise<void>;
}

export const ADMIN = { email: 'admin@example.com', password: 'e2e-password-123' };

/** The shared benchmark folder, read in place by specs that add the retail database as a source. */
function benchFolder(): string {
  return path.dirname(process.env.AISER_BENCH_RETAIL ?? path.resolve(repoRoot, '../shared/bench/retail'));
}

/** The server listens before its first-run demo data exists; /readyz answers 200 once it does. */
async function waitUntilReady(url: string, output: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.ok) return;
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`aiser serve at ${url} was not ready within 120 s (last /readyz: ${last}):\n${output()}`);
}

/** Starts `aiser serve` on a random port with a fresh data folder; resolves at "running at". */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiser-e2e-'));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'electron/main/cli/index.ts'), 'serve'], {
    cwd: repoRoot,
    env: {
      ...process.env, AISER_HOST: '127.0.0.1', AISER_PORT: '0', AISER_DATA_DIR: dataDir,
      AISER_ADMIN_EMAIL: ADMIN.email, AISER_ADMIN_PASSWORD: ADMIN.password, AISER_FILE_ROOTS: [fs.mkdtempSync(path.join(os.tmpdir(), 'aiser-e2e-files-')), os.tmpdir(), benchFolder()].join(path.delimiter), ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`aiser serve did not start within 90 s:\n${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/[\d.]+:\d+)/i.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`aiser serve exited with ${code}:\n${output}`));
    });
  });
  await waitUntilReady(url, () => output);
  return {
    url,
    dataDir,
    admin: ADMIN,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
