import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { TextLru } from './parser-cache';
import { CONTROL, CONTROL_SLOTS, STATE_DONE, STATE_IDLE, WORKER_SOURCE } from './parser-worker-source';

/**
 * node-sql-parser runs in a worker thread with a time and memory budget; the main thread never
 * loads it.
 *
 * Why a worker: the generated PEG parsers backtrack exponentially on *invalid* input with nested
 * parentheses (`SELECT CAST((CAST((… 1 + …) AS int)) AS int)` with a syntax error takes
 * seconds at depth 6 and aborts the whole process — an uncatchable V8 fatal error — a few
 * levels deeper). Valid statements parse in milliseconds. In a worker, a runaway parse is
 * stopped after PARSE_TIMEOUT_MS and the worker is replaced.
 * Two ways to ask: the request path (`…Async`) awaits the worker's reply message, so the event
 * loop keeps serving others meanwhile; callers off the request path may stay synchronous
 * (blocking: they wait on a shared buffer). Both share the one worker.
 * Why never on the main thread: loading the package takes most of a second (seconds on a busy
 * machine), and a synchronous load there froze every request — /healthz included — at the first
 * query. The worker loads it in parallel, started at server start (`prewarmSqlParser`).
 */

export const PARSE_TIMEOUT_MS = 3000;
const STARTUP_TIMEOUT_MS = 20_000;
const RESULT_BUFFER_BYTES = 16 * 1024 * 1024;
const WORKER_HEAP_MB = 256;
/** Parsed and rendered once per grammar while the worker starts. */
const WARM_UP_SQL = "WITH r AS (SELECT a.id, b.name, count(*) AS n, sum(a.v * 2) AS s FROM t a JOIN u b ON b.id = a.id WHERE a.v > 1 AND b.name LIKE 'x%' GROUP BY a.id, b.name) SELECT * FROM (SELECT id, name, n, s FROM r) AS q ORDER BY n DESC LIMIT 10";
const WARM_UP_DATABASES = ['Sqlite', 'PostgresQL', 'MySQL'];

export type IsolatedParse =
  | { status: 'parsed'; ast: unknown }
  | { status: 'syntax-error'; offset: number | null }
  | { status: 'too-complex' };

export type IsolatedRender =
  | { status: 'rendered'; sql: string }
  | { status: 'render-error'; message: string }
  | { status: 'too-complex' };

/** A parse and the render of that parse (as read through JSON), in one trip. */
export type IsolatedReparse =
  | { status: 'parsed'; ast: unknown; rendered: IsolatedRender }
  | { status: 'syntax-error'; offset: number | null }
  | { status: 'too-complex' };

type Request = { op: 'astify' | 'reparse'; sql: string; database: string } | { op: 'sqlify'; astJson: string; database: string };

interface Sandbox {
  worker: Worker;
  control: Int32Array;
  data: Uint8Array;
  /** Non-blocking requests posted to this worker (their answers are counted in CONTROL.answered). */
  posted: number;
}

interface Waiting {
  id: number;
  request: Request;
  /** `posted` of its sandbox when sent: answered once CONTROL.answered reaches it. */
  seq: number;
  resolve: (payload: string | null) => void;
  reject: (error: Error) => void;
}

let sandbox: Sandbox | null = null;
let parserPath: string | null = null;
/** Non-blocking requests in the order the worker answers them. */
const waiting: Waiting[] = [];
let nextId = 1;
let budgetTimer: NodeJS.Timeout | null = null;
let startupTimer: NodeJS.Timeout | null = null;

/** Spawns the worker without waiting: it loads the parser on its own thread meanwhile. */
function startSandbox(warm = false): Sandbox {
  const control = new SharedArrayBuffer(CONTROL_SLOTS * 4);
  const data = new SharedArrayBuffer(RESULT_BUFFER_BYTES);
  parserPath ??= createRequire(import.meta.url).resolve('node-sql-parser');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { parserPath, control, data, warmUp: warm ? { sql: WARM_UP_SQL, databases: WARM_UP_DATABASES } : null },
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
  });
  worker.unref(); // never keeps the app or CLI alive, except while a non-blocking request waits
  const started: Sandbox = { worker, control: new Int32Array(control), data: new Uint8Array(data), posted: 0 };
  worker.on('message', (message: { ready?: boolean; id?: number; payload?: string }) => onMessage(started, message));
  worker.on('error', () => onFailure(started));
  worker.on('exit', () => onFailure(started));
  return started;
}

function isReady(current: Sandbox): boolean {
  return Atomics.load(current.control, CONTROL.ready) === 1;
}

/** Starts the parser worker ahead of the first query, without blocking (server and app start). */
export function prewarmSqlParser(): void {
  sandbox ??= startSandbox(true);
}

/** Stops the current worker and starts a warm one; waiting non-blocking requests go to it. */
function replaceSandbox(): Sandbox {
  const old = sandbox;
  clearTimers();
  sandbox = startSandbox(true); // the replacement loads while the caller reports the refusal
  if (old) void old.worker.terminate();
  for (const entry of waiting) post(sandbox, entry);
  if (waiting.length) arm(sandbox);
  return sandbox;
}

// ---- blocking requests (off the request path) ----

/** The started worker; waits (only if a query comes before it finished loading) for start-up,
 *  separately from the parse so a slow start on a busy machine is not taken for a runaway parse. */
function readySandbox(): Sandbox {
  sandbox ??= startSandbox();
  const current = sandbox;
  if (!isReady(current) && Atomics.wait(current.control, CONTROL.ready, 0, STARTUP_TIMEOUT_MS) === 'timed-out' && !isReady(current)) {
    abandon(current);
    throw notStarted();
  }
  return current;
}

/** The worker's JSON reply to `request`, or null when it ran past the budget. */
function requestBlocking(request: Request): string | null {
  const current = readySandbox();
  Atomics.store(current.control, CONTROL.state, STATE_IDLE);
  current.worker.postMessage(request);
  const outcome = Atomics.wait(current.control, CONTROL.state, STATE_IDLE, PARSE_TIMEOUT_MS);
  if (outcome === 'timed-out' && Atomics.load(current.control, CONTROL.state) !== STATE_DONE) {
    replaceSandbox();
    return null;
  }
  const length = Atomics.load(current.control, CONTROL.length);
  return Buffer.from(current.data.subarray(0, length)).toString('utf8');
}

// ---- non-blocking requests (the request path) ----

/** The worker's JSON reply to `request`, or null when it ran past the budget; the event loop
 *  runs meanwhile. The budget of a request starts when the one before it was answered. */
function requestAsync(request: Request): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const current = (sandbox ??= startSandbox());
    const entry: Waiting = { id: nextId++, request, seq: 0, resolve, reject };
    waiting.push(entry);
    post(current, entry);
    arm(current);
  });
}

function post(current: Sandbox, entry: Waiting): void {
  current.posted += 1;
  entry.seq = current.posted;
  current.worker.ref();
  current.worker.postMessage({ ...entry.request, id: entry.id });
}

/** Times the oldest waiting request (or the start-up, while the worker loads). */
function arm(current: Sandbox): void {
  if (!waiting.length) return;
  if (!isReady(current)) {
    startupTimer ??= setTimeout(() => startupOverran(current), STARTUP_TIMEOUT_MS);
    return;
  }
  budgetTimer ??= setTimeout(() => budgetOverran(current), PARSE_TIMEOUT_MS);
}

function onMessage(owner: Sandbox, message: { ready?: boolean; id?: number; payload?: string }): void {
  if (owner !== sandbox) return;
  if (message.ready) {
    if (startupTimer) clearTimeout(startupTimer);
    startupTimer = null;
    arm(owner);
    return;
  }
  const index = waiting.findIndex((entry) => entry.id === message.id);
  if (index < 0) return;
  const [entry] = waiting.splice(index, 1);
  if (index === 0 && budgetTimer) {
    clearTimeout(budgetTimer);
    budgetTimer = null;
  }
  if (waiting.length) arm(owner);
  else owner.worker.unref();
  entry.resolve(message.payload ?? null);
}

function budgetOverran(owner: Sandbox): void {
  budgetTimer = null;
  if (owner !== sandbox || !waiting.length) return;
  if (Atomics.load(owner.control, CONTROL.answered) >= waiting[0].seq) {
    arm(owner); // answered; the reply is on its way (the event loop was busy)
    return;
  }
  const overran = waiting.shift()!;
  replaceSandbox();
  overran.resolve(null);
}

function startupOverran(owner: Sandbox): void {
  startupTimer = null;
  if (owner === sandbox && !isReady(owner)) abandon(owner);
}

/** The worker died (memory budget, crash): the request it was answering is refused as too
 *  complex, the others go to a new worker. */
function onFailure(owner: Sandbox): void {
  if (owner !== sandbox) return;
  if (!isReady(owner)) {
    abandon(owner);
    return;
  }
  sandbox = null;
  clearTimers();
  const failed = waiting.shift();
  if (waiting.length) replaceSandbox();
  failed?.resolve(null);
}

/** A worker that never started: every waiting request fails. */
function abandon(owner: Sandbox): void {
  if (sandbox === owner) sandbox = null;
  clearTimers();
  void owner.worker.terminate();
  for (const entry of waiting.splice(0)) entry.reject(notStarted());
}

function clearTimers(): void {
  if (budgetTimer) clearTimeout(budgetTimer);
  if (startupTimer) clearTimeout(startupTimer);
  budgetTimer = null;
  startupTimer = null;
}

function notStarted(): Error {
  return new Error('The SQL parser worker did not start.');
}

// ---- the operations ----

/** Outcomes of recent parses (their JSON): the guard parses the same templates for every
 *  statement, and repeated questions, widgets and checks bring the same SQL back. Each caller
 *  gets its own copy of the tree. A budget overrun is not kept (timing decides it). */
const recentParses = new TextLru(16 * 1024 * 1024);

const parseKey = (sql: string, database: string) => `${database}\u0000${sql}`;

/** A remembered parse of `sql`, without asking the worker. */
export function cachedParse(sql: string, database: string): IsolatedParse | undefined {
  const known = recentParses.get(parseKey(sql, database));
  return known === undefined ? undefined : (JSON.parse(known) as IsolatedParse);
}

function parseOutcome(sql: string, database: string, payload: string | null): IsolatedParse {
  if (payload === null) return { status: 'too-complex' };
  const result = JSON.parse(payload) as IsolatedParse;
  if (result.status !== 'too-complex') recentParses.set(parseKey(sql, database), payload);
  return result;
}

/** Parses `sql` for `database` (a node-sql-parser database name) within the budget, blocking. */
export function astifyIsolated(sql: string, database: string): IsolatedParse {
  return cachedParse(sql, database) ?? parseOutcome(sql, database, requestBlocking({ op: 'astify', sql, database }));
}

/** Parses `sql` within the budget without blocking the event loop. */
export async function astifyAsync(sql: string, database: string): Promise<IsolatedParse> {
  return cachedParse(sql, database) ?? parseOutcome(sql, database, await requestAsync({ op: 'astify', sql, database }));
}

/** Renders an AST back to SQL for `database` within the budget, blocking. */
export function sqlifyIsolated(ast: unknown, database: string): IsolatedRender {
  return renderOutcome(requestBlocking({ op: 'sqlify', astJson: JSON.stringify(ast), database }));
}

/** Renders an AST within the budget without blocking the event loop. */
export async function sqlifyAsync(ast: unknown, database: string): Promise<IsolatedRender> {
  return renderOutcome(await requestAsync({ op: 'sqlify', astJson: JSON.stringify(ast), database }));
}

function renderOutcome(payload: string | null): IsolatedRender {
  return payload === null ? { status: 'too-complex' } : (JSON.parse(payload) as IsolatedRender);
}

/** Parses `sql` and renders that parse, in one trip, blocking. */
export function reparseIsolated(sql: string, database: string): IsolatedReparse {
  return reparseOutcome(requestBlocking({ op: 'reparse', sql, database }));
}

/** Parses `sql` and renders that parse, in one trip, without blocking the event loop. */
export async function reparseAsync(sql: string, database: string): Promise<IsolatedReparse> {
  return reparseOutcome(await requestAsync({ op: 'reparse', sql, database }));
}

function reparseOutcome(payload: string | null): IsolatedReparse {
  return payload === null ? { status: 'too-complex' } : (JSON.parse(payload) as IsolatedReparse);
}
