import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const REPO = path.resolve(import.meta.dirname, '..');

/** Milliseconds from spawning a process until it prints a line matching `ready`, and then until
 *  `after` (given the matched output) settles, if any. */
function timeUntil(args: string[], env: Record<string, string>, ready: RegExp, after?: (out: string) => Promise<void>): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd: REPO, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let matched = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`timed out waiting for ${ready}: ${out}`));
    }, 60_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (ready.test(out) && !matched) {
        matched = true;
        const finish = (ms: number | Error) => {
          clearTimeout(timer);
          child.kill('SIGTERM');
          child.once('exit', () => (ms instanceof Error ? reject(ms) : resolve(ms)));
        };
        if (!after) finish(performance.now() - started);
        else after(out).then(() => finish(performance.now() - started), (error: Error) => finish(error));
      }
    });
    child.once('exit', (code) => {
      if (!matched) {
        clearTimeout(timer);
        reject(new Error(`exited ${code} before ready: ${out}`));
      }
    });
  });
}

/** What a browser fetches before it can draw the first screen: the page, then its main script and
 *  stylesheet (the bundle imports the rest of the screen's code). Fails when the page is missing. */
async function loadFirstScreen(out: string): Promise<void> {
  const url = /running at (\S+)/.exec(out)?.[1];
  if (!url) throw new Error(`no address in: ${out}`);
  const page = await fetch(url);
  const html = await page.text();
  if (!page.ok || !html.includes('<script')) throw new Error(`GET / answered ${page.status} without the app's page: run npm run build:renderer`);
  const assets = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="stylesheet"[^>]*\shref)="([^"]+)"/g)].map((m) => new URL(m[1], url).href);
  if (!assets.length) throw new Error('The app page names no script or stylesheet.');
  await Promise.all(assets.map(async (asset) => {
    const response = await fetch(asset);
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`GET ${asset} answered ${response.status}`);
  }));
}

/** From start until the page, its script and stylesheet have arrived: on a fresh data folder and on
 *  the warm one of `env`. */
async function timeToFirstScreen(serve: string[], env: Record<string, string>): Promise<{ fresh: number; restart: number }> {
  const freshDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiser-bench-'));
  try {
    const fresh = await timeUntil(serve, { ...env, AISER_DATA_DIR: freshDir }, /running at/, loadFirstScreen);
    return { fresh, restart: await timeUntil(serve, env, /running at/, loadFirstScreen) };
  } finally {
    fs.rmSync(freshDir, { recursive: true, force: true });
  }
}

/** `aiser serve` on a fresh data folder (first run: migrations, admin; the demo data follows after
 *  listening) and on a warm one, from the built bundle (`npm run serve`) and through tsx
 *  (`npm run serve:dev`, the path before the bundle), against a baseline of the runtime printing a line. */
export async function benchStartup(): Promise<Record<string, number | string>> {
  const tsx = path.join(REPO, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const bundle = path.join(REPO, 'dist', 'electron', 'main', 'cli.js');
  const baselineMs = await timeUntil(['-e', 'console.log("ready")'], {}, /ready/);
  const result: Record<string, number | string> = { baseline_runtime_start_ms: Math.round(baselineMs), target_fresh_ms: 3000, target_restart_ms: 2000 };
  const rendererBuilt = fs.existsSync(path.join(REPO, 'dist', 'renderer', 'index.html'));
  if (!rendererBuilt) result.first_screen = 'renderer not built: run npm run build:renderer';
  const variants: Array<[string, string[]]> = [['tsx', [tsx, 'electron/main/cli/index.ts', 'serve']]];
  if (fs.existsSync(bundle)) variants.unshift(['bundle', [bundle, 'serve']]);
  else result.bundle = 'not built: run npm run build:main';
  for (const [label, serve] of variants) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiser-bench-'));
    const env = { AISER_DATA_DIR: dataDir, AISER_PORT: '0', AISER_ADMIN_PASSWORD: 'bench-password-123', AISER_LOG_LEVEL: 'error' };
    const freshMs = await timeUntil(serve, env, /running at/);
    const warmMs = await timeUntil(serve, env, /running at/);
    const firstScreen = rendererBuilt ? await timeToFirstScreen(serve, env) : undefined;
    fs.rmSync(dataDir, { recursive: true, force: true });
    result[`${label}_serve_fresh_data_folder_ms`] = Math.round(freshMs);
    result[`${label}_serve_restart_ms`] = Math.round(warmMs);
    result[`${label}_fresh_vs_baseline_ratio`] = Number((freshMs / baselineMs).toFixed(2));
    if (firstScreen) {
      result[`${label}_first_screen_fresh_data_folder_ms`] = Math.round(firstScreen.fresh);
      result[`${label}_first_screen_restart_ms`] = Math.round(firstScreen.restart);
    }
  }
  return result;
}
