import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const REPO = path.resolve(import.meta.dirname, '..');

/** Milliseconds from spawning a process until it prints a line matching `ready`. */
function timeUntil(args: string[], env: Record<string, string>, ready: RegExp): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd: REPO, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`timed out waiting for ${ready}: ${out}`));
    }, 60_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (ready.test(out)) {
        const ms = performance.now() - started;
        clearTimeout(timer);
        child.kill('SIGTERM');
        child.once('exit', () => resolve(ms));
      }
    });
    child.once('exit', (code) => {
      if (!ready.test(out)) {
        clearTimeout(timer);
        reject(new Error(`exited ${code} before ready: ${out}`));
      }
    });
  });
}

/** `aiser serve` on a fresh data folder (first run: migrations, admin; the demo data follows after
 *  listening) and on a warm one, from the built bundle (`npm run serve`) and through tsx
 *  (`npm run serve:dev`, the path before the bundle), against a baseline of the runtime printing a line. */
export async function benchStartup(): Promise<Record<string, number | string>> {
  const tsx = path.join(REPO, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const bundle = path.join(REPO, 'dist', 'electron', 'main', 'cli.js');
  const baselineMs = await timeUntil(['-e', 'console.log("ready")'], {}, /ready/);
  const result: Record<string, number | string> = { baseline_runtime_start_ms: Math.round(baselineMs), target_fresh_ms: 3000, target_restart_ms: 2000 };
  const variants: Array<[string, string[]]> = [['tsx', [tsx, 'electron/main/cli/index.ts', 'serve']]];
  if (fs.existsSync(bundle)) variants.unshift(['bundle', [bundle, 'serve']]);
  else result.bundle = 'not built: run npm run build:main';
  for (const [label, serve] of variants) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiser-bench-'));
    const env = { AISER_DATA_DIR: dataDir, AISER_PORT: '0', AISER_ADMIN_PASSWORD: 'bench-password-123', AISER_LOG_LEVEL: 'error' };
    const freshMs = await timeUntil(serve, env, /running at/);
    const warmMs = await timeUntil(serve, env, /running at/);
    fs.rmSync(dataDir, { recursive: true, force: true });
    result[`${label}_serve_fresh_data_folder_ms`] = Math.round(freshMs);
    result[`${label}_serve_restart_ms`] = Math.round(warmMs);
    result[`${label}_fresh_vs_baseline_ratio`] = Number((freshMs / baselineMs).toFixed(2));
  }
  return result;
}
