import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '..', '..', '..');
const script = path.join(repoRoot, 'scripts', 'check-electron.mjs');

function runCheck(dir?: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [script, ...(dir ? [dir] : [])], { cwd: repoRoot, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, output: `${stdout}${stderr}` });
    });
  });
}

describe('Electronegativity check (scripts/check-electron.mjs)', () => {
  const insecure = fs.mkdtempSync(path.join(os.tmpdir(), 'aiser-eneg-'));
  afterAll(() => fs.rmSync(insecure, { recursive: true, force: true }));

  it('passes on the app’s Electron sources with no unreviewed high/medium finding', async () => {
    const { code, output } = await runCheck();
    expect(output).toMatch(/0 failing \(high\/medium\)/);
    expect(code).toBe(0);
  });

  it('fails on an insecure window (no isolation, no sandbox, web security off, navigation unlimited)', async () => {
    fs.mkdirSync(path.join(insecure, 'main'));
    fs.writeFileSync(path.join(insecure, 'main', 'window.js'), [
      "const { BrowserWindow } = require('electron');",
      'const win = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false, webSecurity: false } });',
      "win.loadURL('http://example.com');",
    ].join('\n'));
    const { code, output } = await runCheck(insecure);
    expect(code).toBe(1);
    for (const check of ['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'WEB_SECURITY_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK']) expect(output).toMatch(new RegExp(`FAIL .*${check}`));
  });
});
