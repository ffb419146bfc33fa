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
  if (!fs.existsSync(fileURLToPath(workerScript))) return generateDemoData(dir);
  const reply = await runWorker(workerScript, dir);
  // A runtime that cannot run this worker (e.g. a script inside an app archive) still gets the demo.
  if (!reply) return generateDemoData(dir);
  if (!reply.ok) throw new Error(reply.message);
  return reply.result;
}

/** The worker's reply, or undefined when the worker could not start or stopped without one. */
async function runWorker(script: URL, dir: string): Promise<WorkerReply | undefined> {
  let worker: Worker;
  try {
    worker = new Worker(script, { workerData: { dir } });
  } catch {
    return undefined;
  }
  try {
    return await new Promise<WorkerReply | undefined>((resolve) => {
      worker.once('message', resolve);
      worker.once('error', () => resolve(undefined));
      worker.once('exit', () => resolve(undefined));
    });
  } finally {
    await worker.terminate();
  }
}
