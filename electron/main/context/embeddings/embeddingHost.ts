/**
 * The one embedding worker of this process. ONNX Runtime's Node binding can be loaded by a
 * single thread per process (a second or restarted thread fails with "Module did not
 * self-register"), so every model is hosted by the same long-lived worker.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WorkerRequest, WorkerResponse } from './workerProtocol';

type RequestBody = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never;

interface Pending {
  resolve: (vectors: Float32Array[] | undefined) => void;
  reject: (error: Error) => void;
}

export class EmbeddingHost {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private stoppedBecause: Error | null = null;

  constructor(private readonly worker: Worker) {
    worker.unref();
    worker.on('message', (message: WorkerResponse) => this.settle(message));
    worker.on('error', (error) => this.stop(new Error(`The embedding worker crashed: ${error.message}. Restart the app to use semantic ranking again.`)));
    worker.on('exit', (code) => this.stop(new Error(`The embedding worker stopped (exit code ${code}). Restart the app to use semantic ranking again.`)));
  }

  request(body: RequestBody): Promise<Float32Array[] | undefined> {
    if (this.stoppedBecause) return Promise.reject(this.stoppedBecause);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.ref();
      this.worker.postMessage({ ...body, id } as WorkerRequest);
    });
  }

  async terminate(): Promise<void> {
    this.stop(new Error('The embedding worker was shut down.'));
    await this.worker.terminate();
  }

  private settle(message: WorkerResponse): void {
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    // Only keep the process alive while answers are outstanding.
    if (this.pending.size === 0) this.worker.unref();
    if (message.kind === 'done') pending.resolve(message.vectors);
    else pending.reject(new Error(message.message));
  }

  private stop(reason: Error): void {
    this.stoppedBecause ??= reason;
    for (const pending of this.pending.values()) pending.reject(reason);
    this.pending.clear();
  }
}

let shared: EmbeddingHost | null = null;

/** The process-wide host, started on first use. */
export function embeddingHost(): EmbeddingHost {
  shared ??= new EmbeddingHost(spawnWorker());
  return shared;
}

/** Stops the shared worker (app shutdown). No model can be loaded in this process afterwards. */
export async function shutdownEmbeddingHost(): Promise<void> {
  await shared?.terminate();
}

/** Runs the bundled worker (`embeddingWorker.js` beside the main bundle) in a build. From
 *  TypeScript sources (tsx in development, vitest in tests) Node 20 ignores loader flags for a
 *  worker's entry file, so a small bootstrap registers the tsx loader inside the worker first
 *  and then imports the source. */
function spawnWorker(): Worker {
  const compiled = new URL('./embeddingWorker.js', import.meta.url);
  if (fs.existsSync(fileURLToPath(compiled))) return new Worker(compiled);
  const sourceUrl = new URL('./embeddingWorker.ts', import.meta.url);
  if (!fs.existsSync(fileURLToPath(sourceUrl))) {
    throw new Error(`The embedding worker script is missing: expected ${fileURLToPath(compiled)} beside the main bundle. Rebuild the app (build:main bundles embeddingWorker.ts).`);
  }
  const source = sourceUrl.href;
  const tsxApi = pathToFileURL(tsxEsmApiPath()).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); })`;
  return new Worker(bootstrap, { eval: true });
}

/** The ESM entry of tsx's register API, read from its package exports. */
function tsxEsmApiPath(): string {
  const manifestPath = createRequire(import.meta.url).resolve('tsx/package.json');
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  return path.join(path.dirname(manifestPath), manifest.exports['./esm/api'].import.default);
}
