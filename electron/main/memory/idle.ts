import v8 from 'node:v8';
import vm from 'node:vm';

/**
 * Memory after a load: V8 grows its heap under load and, with no allocation afterwards, never
 * collects it again (Node has no idle-time collection), and caches keep entries nobody asks for.
 * A process-wide idle signal (no API call in flight for a few seconds) lets caches drop what went
 * untouched and runs one full collection, so an idle server returns near its starting memory.
 */

export interface IdleTrimmable {
  /** Drops entries last used before `cutoff` (a time from the cache's clock); returns how many. */
  dropUntouchedSince(cutoff: number): number;
}

export interface IdleSignalOptions {
  /** Quiet time after the last call ends before the server counts as idle. */
  idleAfterMs: number;
  /** While idle, listeners are called again this often (entries keep ageing). */
  repeatMs: number;
  now?: () => number;
  setTimer?: (run: () => void, ms: number) => { cancel(): void };
}

export type IdleListener = (info: { idleSince: number; first: boolean }) => void;

const unrefTimer = (run: () => void, ms: number) => {
  const timer = setTimeout(run, ms);
  timer.unref();
  return { cancel: () => clearTimeout(timer) };
};

export class IdleSignal {
  private inFlight = 0;
  private lastEnd: number;
  private timer: { cancel(): void } | null = null;
  private firedThisPeriod = false;
  private readonly listeners = new Set<IdleListener>();
  private readonly now: () => number;
  private readonly setTimer: NonNullable<IdleSignalOptions['setTimer']>;

  constructor(private readonly options: IdleSignalOptions) {
    this.now = options.now ?? Date.now;
    this.setTimer = options.setTimer ?? unrefTimer;
    this.lastEnd = this.now();
  }

  get busy(): boolean {
    return this.inFlight > 0;
  }

  /** A unit of work began; call the returned function (once) when it ends. */
  begin(): () => void {
    this.inFlight += 1;
    this.firedThisPeriod = false;
    this.timer?.cancel();
    this.timer = null;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.inFlight -= 1;
      this.lastEnd = this.now();
      if (this.inFlight === 0) this.schedule(this.options.idleAfterMs);
    };
  }

  onIdle(listener: IdleListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops the pending timer (shutdown, tests). */
  stop(): void {
    this.timer?.cancel();
    this.timer = null;
  }

  private schedule(ms: number): void {
    this.timer?.cancel();
    this.timer = this.setTimer(() => this.fire(), ms);
  }

  private fire(): void {
    this.timer = null;
    if (this.inFlight > 0) return;
    const first = !this.firedThisPeriod;
    this.firedThisPeriod = true;
    for (const listener of this.listeners) listener({ idleSince: this.lastEnd, first });
    this.schedule(this.options.repeatMs);
  }
}

/** Entries untouched this long are dropped once the server is idle. */
export const IDLE_TRIM_AGE_MS = 2 * 60_000;

const caches = new Set<WeakRef<IdleTrimmable>>();

/** Makes a long-lived cache shrink when the server is idle (held weakly: a dropped cache goes). */
export function trimWhenIdle(cache: IdleTrimmable): void {
  caches.add(new WeakRef(cache));
}

/** Drops entries of every registered cache untouched since `cutoff`; returns how many went. */
export function trimIdleCaches(cutoff: number): number {
  let dropped = 0;
  for (const ref of caches) {
    const cache = ref.deref();
    if (!cache) caches.delete(ref);
    else dropped += cache.dropUntouchedSince(cutoff);
  }
  return dropped;
}

let collector: (() => void) | null | undefined;

/** A full garbage collection that also gives back the heap's pages, without `--expose-gc` on the
 *  command line (the flag set at run time exposes `gc` only to contexts made afterwards, so one
 *  small context fetches it). Twice: the first frees, the second compacts the pages the first
 *  left sparse, and only then does V8 release them (measured: one leaves the old space its size). */
export function fullCollection(): (() => void) | null {
  if (collector !== undefined) return collector;
  try {
    let gc = (globalThis as { gc?: () => void }).gc;
    if (!gc) {
      v8.setFlagsFromString('--expose-gc');
      gc = vm.runInNewContext('gc') as () => void;
    }
    const run = gc;
    collector = () => { run(); run(); };
  } catch {
    collector = null;
  }
  return collector;
}

let shared: IdleSignal | null = null;

/** The process-wide idle signal API calls report to. */
export function serverIdle(): IdleSignal {
  // Turns at 5 s, 20 s, 35 s… of quiet: the collection comes soon, idle workers end at the second.
  shared ??= new IdleSignal({ idleAfterMs: 5_000, repeatMs: 15_000 });
  return shared;
}

/** Idle worker threads (their isolates hold what their last queries grew) end after this long. */
export const IDLE_WORKER_STOP_MS = 20_000;

export interface ReturnMemoryOptions {
  trimAgeMs?: number;
  /** Ends worker threads that have no work (each keeps its own heap); called once per idle period. */
  endIdleWorkers?: () => unknown;
  workerIdleMs?: number;
  now?: () => number;
  collect?: () => void;
}

/** On every idle turn: caches drop entries untouched for `trimAgeMs`; then, when the turn is the
 *  first of an idle period or something was dropped, one full collection returns the garbage.
 *  Once idle for `workerIdleMs`, idle workers end (the next query starts one again). */
export function returnMemoryWhenIdle(signal: IdleSignal = serverIdle(), options: ReturnMemoryOptions = {}): () => void {
  const now = options.now ?? Date.now;
  const trimAgeMs = options.trimAgeMs ?? IDLE_TRIM_AGE_MS;
  const workerIdleMs = options.workerIdleMs ?? IDLE_WORKER_STOP_MS;
  let workersEndedFor = -1;
  return signal.onIdle(({ idleSince, first }) => {
    const dropped = trimIdleCaches(now() - trimAgeMs);
    if (first || dropped > 0) (options.collect ?? fullCollection() ?? (() => undefined))();
    if (options.endIdleWorkers && workersEndedFor !== idleSince && now() - idleSince >= workerIdleMs) {
      workersEndedFor = idleSince;
      void Promise.resolve().then(options.endIdleWorkers).catch(() => undefined);
    }
  });
}
