import { createRequire } from 'node:module';
import os from 'node:os';
import { Worker } from 'node:worker_threads';

/**
 * better-sqlite3 is synchronous: on the main thread one slow statement (a cartesian aggregate)
 * would freeze every request of every organization, and no timer could fire to stop it. So SQLite
 * sources run in worker threads; a query past its deadline or cancelled terminates its worker
 * (SQLite stops mid-step) and the pool starts a fresh one. Idle workers are kept, so ordinary
 * queries pay no start-up cost.
 */

/** JS heap of one worker: rows are handed over in bounded batches, so this is ample. */
const WORKER_HEAP_MB = 256;
/** SQLite's own memory (sorts, hash tables, caches) across all SQLite sources of this process. */
export const SQLITE_HEAP_LIMIT_BYTES = 1024 * 1024 * 1024;
/** A batch of rows stops growing past roughly this many bytes of text/blobs. */
const BATCH_BYTES = 8 * 1024 * 1024;
const STARTUP_TIMEOUT_MS = 20_000;
/** Resolved once: module resolution is synchronous file-system work on the main thread. */
let driverPath: string | null = null;

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driverPath);
let db = null;
let rows = null;
function size(row) {
  let bytes = 16;
  for (const v of row) bytes += typeof v === 'string' ? v.length * 2 : v && v.byteLength ? v.byteLength : 8;
  return bytes;
}
function finish() {
  if (rows) { try { rows.return(); } catch {} rows = null; }
  if (db) { try { db.close(); } catch {} db = null; }
}
function readOnly(sql) {
  const statement = db.prepare(sql);
  if (!statement.reader || !statement.readonly) {
    const error = new Error('only SELECT queries can run');
    error.code = 'AISER_NOT_READ_ONLY';
    throw error;
  }
  return statement;
}
parentPort.on('message', (m) => {
  try {
    if (m.type === 'open') {
      finish();
      db = new Database(m.path, { readonly: true, fileMustExist: true });
      db.pragma('query_only = ON');
      db.pragma('hard_heap_limit = ' + workerData.heapLimit);
      parentPort.postMessage({ type: 'opened' });
    } else if (m.type === 'query') {
      if (rows) { try { rows.return(); } catch {} rows = null; }
      const statement = readOnly(m.sql);
      const columns = statement.columns().map((c) => ({ name: c.name, type: c.type }));
      rows = statement.raw(true).safeIntegers(true).iterate();
      parentPort.postMessage({ type: 'columns', columns });
    } else if (m.type === 'next') {
      const batch = [];
      let bytes = 0;
      let done = false;
      while (batch.length < m.count && bytes < workerData.batchBytes) {
        const step = rows.next();
        if (step.done) { done = true; rows = null; break; }
        batch.push(step.value);
        bytes += size(step.value);
      }
      parentPort.postMessage({ type: 'rows', rows: batch, done });
    } else if (m.type === 'all') {
      const statement = db.prepare(m.sql);
      const result = m.mode === 'pluck' ? statement.pluck().all() : m.mode === 'raw' ? statement.raw(true).all() : statement.all();
      parentPort.postMessage({ type: 'all', rows: result });
    } else if (m.type === 'end') {
      finish();
    }
  } catch (error) {
    if (m.type !== 'next' && m.type !== 'all') finish();
    parentPort.postMessage({ type: 'error', code: error && error.code, message: String((error && error.message) || error) });
  }
});
parentPort.postMessage({ type: 'ready' });
`;

export type WorkerReply =
  | { type: 'ready' | 'opened' }
  | { type: 'columns'; columns: Array<{ name: string; type: string | null }> }
  | { type: 'rows'; rows: unknown[][]; done: boolean }
  | { type: 'all'; rows: unknown[] }
  | { type: 'error'; code?: string; message: string };

export type WorkerRequest =
  | { type: 'open'; path: string }
  | { type: 'query'; sql: string }
  | { type: 'next'; count: number }
  | { type: 'all'; sql: string; mode: 'pluck' | 'raw' | 'objects' };

/** A failure reported by SQLite inside the worker (code as better-sqlite3 gives it). */
export class SqliteWorkerError extends Error {
  constructor(readonly code: string | undefined, message: string) {
    super(message);
    this.name = 'SqliteWorkerError';
  }
}

class PooledWorker {
  private pending: { resolve: (reply: WorkerReply) => void; reject: (error: Error) => void } | null = null;
  private dead: Error | null = null;

  constructor(readonly worker: Worker, private readonly onExit: (self: PooledWorker) => void) {
    worker.on('message', (reply: WorkerReply) => this.settle((p) => (reply.type === 'error' ? p.reject(new SqliteWorkerError(reply.code, reply.message)) : p.resolve(reply))));
    worker.on('error', (error) => this.die(error));
    worker.on('exit', () => this.die(new Error('The SQLite worker stopped.')));
    // Held only while a reply is awaited, so an idle worker never keeps the app or the CLI alive
    // (after the listeners: adding one refs the worker again).
    worker.unref();
  }

  get alive(): boolean {
    return this.dead === null;
  }

  waitReady(): Promise<WorkerReply> {
    return this.expect();
  }

  request(message: WorkerRequest): Promise<WorkerReply> {
    if (this.dead) return Promise.reject(this.dead);
    const reply = this.expect();
    this.worker.postMessage(message);
    return reply;
  }

  /** Tells the worker to close its database; no reply (messages are handled in order). */
  end(): void {
    if (!this.dead) this.worker.postMessage({ type: 'end' });
  }

  /** Stops the worker mid-statement; a pending request fails with `reason`. */
  kill(reason: Error): void {
    this.die(reason);
    void this.worker.terminate();
  }

  private expect(): Promise<WorkerReply> {
    if (this.dead) return Promise.reject(this.dead);
    this.worker.ref();
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
    });
  }

  private settle(action: (pending: NonNullable<PooledWorker['pending']>) => void): void {
    const pending = this.pending;
    this.pending = null;
    this.worker.unref();
    if (pending) action(pending);
  }

  private die(error: Error): void {
    if (this.dead) return;
    this.dead = error;
    this.settle((p) => p.reject(error));
    this.onExit(this);
  }
}

/** One query's hold on a worker: requests in order, then `release()` (or `kill()` to stop it). */
export interface SqliteLease {
  request(message: WorkerRequest): Promise<WorkerReply>;
  release(): void;
  kill(reason: Error): void;
}

export class SqliteWorkerPool {
  private readonly idle: PooledWorker[] = [];
  private readonly waiting: Array<{ resolve: (worker: PooledWorker) => void; reject: (error: unknown) => void; signal?: AbortSignal }> = [];
  private running = 0;

  constructor(private readonly maxWorkers = Math.max(2, Math.min(4, os.availableParallelism()))) {}

  /** A worker for one query, waiting (abortably) while all are busy. */
  async acquire(signal?: AbortSignal): Promise<SqliteLease> {
    signal?.throwIfAborted();
    const worker = await this.take(signal);
    let released = false;
    return {
      request: (message) => worker.request(message),
      release: () => {
        if (released) return;
        released = true;
        worker.end();
        this.giveBack(worker);
      },
      kill: (reason) => {
        if (released) return;
        released = true;
        worker.kill(reason);
      },
    };
  }

  /** Stops every worker (app shutdown). */
  async close(): Promise<void> {
    const workers = this.idle.splice(0);
    await Promise.all(workers.map((w) => w.worker.terminate()));
  }

  private async take(signal?: AbortSignal): Promise<PooledWorker> {
    while (this.idle.length) {
      const worker = this.idle.pop()!;
      if (worker.alive) return worker;
    }
    if (this.running < this.maxWorkers) return this.spawn();
    return new Promise<PooledWorker>((resolve, reject) => {
      const entry = { resolve, reject, signal };
      this.waiting.push(entry);
      signal?.addEventListener('abort', () => {
        const index = this.waiting.indexOf(entry);
        if (index >= 0) this.waiting.splice(index, 1);
        reject(signal.reason);
      }, { once: true });
    });
  }

  private async spawn(): Promise<PooledWorker> {
    this.running++;
    driverPath ??= createRequire(import.meta.url).resolve('better-sqlite3');
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { driverPath, heapLimit: SQLITE_HEAP_LIMIT_BYTES, batchBytes: BATCH_BYTES },
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    const pooled = new PooledWorker(worker, (self) => this.forget(self));
    const timer = setTimeout(() => pooled.kill(new Error('The SQLite worker did not start.')), STARTUP_TIMEOUT_MS);
    try {
      await pooled.waitReady();
    } finally {
      clearTimeout(timer);
    }
    return pooled;
  }

  private giveBack(worker: PooledWorker): void {
    if (!worker.alive) return;
    const next = this.waiting.shift();
    if (next) next.resolve(worker);
    else this.idle.push(worker);
  }

  /** A worker ended (killed or crashed): make room for a fresh one and serve who is waiting. */
  private forget(worker: PooledWorker): void {
    this.running--;
    const index = this.idle.indexOf(worker);
    if (index >= 0) this.idle.splice(index, 1);
    const next = this.waiting.shift();
    if (next) this.spawn().then(next.resolve, next.reject);
  }
}

let shared: SqliteWorkerPool | null = null;

/** The process-wide pool every SQLite source shares. */
export function sqliteWorkers(): SqliteWorkerPool {
  shared ??= new SqliteWorkerPool();
  return shared;
}
