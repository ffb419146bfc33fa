import { build } from 'esbuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from './generateDemoData';
import { generateDemoDataOffThread } from './offThread';

describe('demo data on its own thread', () => {
  let tmp: string;
  let workerScript: URL;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aiser-demo-worker-'));
    // The same bundling as scripts/build-main.mjs, into a temp folder.
    const outfile = path.join(tmp, 'demoWorker.js');
    await build({ entryPoints: [path.join(import.meta.dirname, 'demoWorker.ts')], outfile, bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'warning' });
    workerScript = pathToFileURL(outfile);
  });

  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('writes the same files from the worker as in this thread', async () => {
    const viaWorker = await generateDemoDataOffThread(path.join(tmp, 'worker'), workerScript);
    const inThread = await generateDemoData(path.join(tmp, 'thread'));
    expect(viaWorker.tables).toEqual(inThread.tables);
    expect(viaWorker.files.map((f) => path.basename(f))).toEqual(inThread.files.map((f) => path.basename(f)));
    for (const file of viaWorker.files) expect(fs.readFileSync(file, 'utf8')).toBe(fs.readFileSync(path.join(tmp, 'thread', path.basename(file)), 'utf8'));
  });

  it('reports the worker\'s error instead of hanging when it cannot write', async () => {
    const blocked = path.join(tmp, 'a-file');
    fs.writeFileSync(blocked, 'not a folder');
    await expect(generateDemoDataOffThread(path.join(blocked, 'demo'), workerScript)).rejects.toThrow(/ENOTDIR|not a directory/i);
  });

  it('runs in this thread when the worker cannot start', async () => {
    const broken = path.join(tmp, 'broken.mjs');
    fs.writeFileSync(broken, "throw new Error('this runtime cannot load the worker');\n");
    const result = await generateDemoDataOffThread(path.join(tmp, 'broken-fallback'), pathToFileURL(broken));
    expect(result.tables.orders).toBeGreaterThan(0);
    expect(fs.existsSync(path.join(tmp, 'broken-fallback', 'orders.csv'))).toBe(true);
  });

  it('runs in this thread when no bundled worker is present (development, tests)', async () => {
    const result = await generateDemoDataOffThread(path.join(tmp, 'fallback'), pathToFileURL(path.join(tmp, 'missing.js')));
    expect(result.tables.orders).toBeGreaterThan(0);
  });
});
