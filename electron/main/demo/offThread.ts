/** Generates the demo data on its own thread when running from the built bundle: generating a
 *  year of orders takes a few hundred milliseconds of CPU, which must not delay the first screen
 *  served right after listening. From TypeScript sources (development, tests) it runs in this thread. */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { generateDemoData, type DemoDataResult } from './generateDemoData';

type WorkerReply = { ok: true; result: DemoDataResult } | { ok: false; message: string };

/** `workerScript` is the bundled worker, by default beside this (bundled) module. */
export async function generateDemoDataOffThread(dir: string, workerScript = new URL('./demoWorker.js', import.meta.url)): Promise<DemoDataResult> {
  const compiled = workerScript;
  if (!fs.existsSync(fileURLToPath(compiled))) return generateDemoData(dir);
  let worker: Worker;
  try {
    worker = new Worker(compiled, { workerData: { dir } });
  } catch {
    return generateDemoData(dir); // a runtime that cannot start this worker (e.g. inside an archive) still gets the demo
  }
  try {
    const reply = await new Promise<WorkerReply>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`The demo data worker stopped (exit code ${code}) before writing the demo files.`)));
    });
    if (!reply.ok) throw new Error(reply.message);
    return reply.result;
  } finally {
    await worker.terminate();
  }
}
