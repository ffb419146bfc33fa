import { createRequire } from 'node:module';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { WORKER_SOURCE } from './workerSource';

/**
 * better-sqlite3 is synchronous: on the main thread one slow statement (a cartesian aggregate)
 * would freeze every request of every organization, and no timer could fire to stop it. So SQLite
 * sources run in worker threads; a query past its deadline or cancelled terminates its worker
 * (SQLite stops mid-step) and the pool starts a fresh one. A worker keeps its connections open
 * between queries (workerSource.ts) and a query goes to an idle worker that already has its file
 * open. After a load, idle workers beyond one are stopped so their memory returns.
 */

/** JS heap of one worker: rows are handed over in bounded batches, so this is ample. */
const WORKER_HEAP_MB = 256;
/** SQLite's own memory (sorts, hash tables, caches) across all SQLite sources of this process. */
export const SQLITE_HEAP_LIMIT_BYTES = 1024 * 1024 * 1024;
/** A batch of rows stops growing past roughly this many bytes of text/blobs. */
const BATCH_BYTES = 8 * 1024 * 1024;
const STARTUP_TIMEOUT_MS = 20_000;
/** Files one worker keeps open, and prepared statements per file. */
const CONNECTIONS_PER_WORKER = 4;
const STATEMENTS_PER_CONNECTION = 32;
/** Idle workers beyond one are stopped after this long without work. */
const DEFAULT_IDLE_STOP_MS = 30_000;
/** Resolved once: module resolution is synchronous file-system work on the main thread. */
let driverPath: string | null = null;


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

/** Messages with no reply (handled in order with the others). */
type WorkerNotice = { type: 'end' | 'trim' } | { type: 'close'; path: string };

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
  /** Files this worker has open, least recently used first (mirrors the worker's own bound). */
  readonly openPaths: string[] = [];
  idleSince = 0;

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

  /** A message without reply, e.g. `end` (the query is over; its connection stays open). */
  notify(message: WorkerNotice): void {
    if (!this.dead) this.worker.postMessage(message);
    if (message.type === 'close') this.forgetPath(message.path);
  }

  rememberPath(path: string): void {
    this.forgetPath(path);
    this.openPaths.push(path);
    if (this.openPaths.length > CONNECTIONS_PER_WORKER) this.openPaths.shift();
  }

  private forgetPath(path: string): void {
    const index = this.openPaths.indexOf(path);
    if (index >= 0) this.openPaths.splice(index, 1);
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
  private idleTimer: NodeJS.Timeout | null = null;
  private readonly maxWorkers: number;
  private readonly idleStopMs: number;

  constructor(options: { maxWorkers?: number; idleStopMs?: number } = {}) {
    this.maxWorkers = options.maxWorkers ?? Math.max(2, Math.min(4, os.availableParallelism()));
    this.idleStopMs = options.idleStopMs ?? DEFAULT_IDLE_STOP_MS;
  }

  /** Workers alive (busy or idle). */
  get workerCount(): number {
    return this.running;
  }

  /** A worker for one query, waiting (abortably) while all are busy; one that has `path` open first. */
  async acquire(signal?: AbortSignal, path?: string): Promise<SqliteLease> {
    signal?.throwIfAborted();
    const worker = await this.take(signal, path);
    let released = false;
    return {
      request: async (message) => {
        const reply = await worker.request(message);
        if (message.type === 'open') worker.rememberPath(message.path);
        return reply;
      },
      release: () => {
        if (released) return;
        released = true;
        worker.notify({ type: 'end' });
        this.giveBack(worker);
      },
      kill: (reason) => {
        if (released) return;
        released = true;
        worker.kill(reason);
      },
    };
  }

  /** Idle workers close their connection to `path` (its source was removed or edited). */
  closeFile(path: string): void {
    for (const worker of this.idle) worker.notify({ type: 'close', path });
  }

  /** Stops every worker (app shutdown). */
  async close(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const workers = this.idle.splice(0);
    await Promise.all(workers.map((w) => w.worker.terminate()));
  }

  private async take(signal?: AbortSignal, path?: string): Promise<PooledWorker> {
    for (let i = this.idle.length - 1; path && i >= 0; i--) {
      const worker = this.idle[i];
      if (worker.alive && worker.openPaths.includes(path)) return this.idle.splice(i, 1)[0];
    }
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
      workerData: { driverPath, heapLimit: SQLITE_HEAP_LIMIT_BYTES, batchBytes: BATCH_BYTES, maxOpen: CONNECTIONS_PER_WORKER, maxStatements: STATEMENTS_PER_CONNECTION },
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
    if (next) return next.resolve(worker);
    worker.idleSince = Date.now();
    this.idle.push(worker);
    this.scheduleIdleStop();
  }

  private scheduleIdleStop(): void {
    if (this.idleTimer || this.idle.length < 2) return;
    this.idleTimer = setTimeout(() => this.stopIdle(), this.idleStopMs);
    this.idleTimer.unref();
  }

  /** After a load: idle workers beyond one stop (their heap and SQLite caches return), the last one trims. */
  private stopIdle(): void {
    this.idleTimer = null;
    const cutoff = Date.now() - this.idleStopMs;
    // The longest idle go first; the most recently used one (end of the list) is kept.
    for (const worker of this.idle.slice(0, -1)) {
      if (worker.idleSince <= cutoff) worker.kill(new Error('The SQLite worker was idle and stopped.'));
    }
    if (this.idle.length === 1 && this.running === 1) this.idle[0].notify({ type: 'trim' });
    this.scheduleIdleStop();
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
