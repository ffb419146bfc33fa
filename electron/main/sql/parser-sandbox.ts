import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * node-sql-parser runs in a worker thread with a time and memory budget; the main thread never
 * loads it.
 *
 * Why a worker: the generated PEG parsers backtrack exponentially on *invalid* input with nested
 * parentheses (`SELECT CAST((CAST((… 1 + …) AS int)) AS int)` with a syntax error takes
 * seconds at depth 6 and aborts the whole process — an uncatchable V8 fatal error — a few
 * levels deeper). Valid statements parse in milliseconds. In a worker, a runaway parse is
 * stopped after PARSE_TIMEOUT_MS and the worker is replaced; the caller stays synchronous by
 * waiting on a shared buffer.
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

const STATE_IDLE = 0;
const STATE_DONE = 1;

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const control = new Int32Array(workerData.control);
const data = new Uint8Array(workerData.data);
const { Parser } = require(workerData.parserPath);
const parser = new Parser();
function astify(sql, database) {
  try {
    return { status: 'parsed', ast: parser.astify(sql, { database }) };
  } catch (error) {
    const offset = error && error.location && error.location.start ? error.location.start.offset : null;
    return { status: 'syntax-error', offset: typeof offset === 'number' ? offset : null };
  }
}
function sqlify(ast, database) {
  try {
    return { status: 'rendered', sql: parser.sqlify(ast, { database }) };
  } catch (error) {
    return { status: 'render-error', message: String((error && error.message) || error) };
  }
}
parentPort.on('message', ({ op, sql, ast, database }) => {
  const payload = JSON.stringify(op === 'sqlify' ? sqlify(ast, database) : astify(sql, database));
  let bytes = Buffer.from(payload, 'utf8');
  if (bytes.length > data.length) bytes = Buffer.from(JSON.stringify({ status: 'too-complex' }), 'utf8');
  data.set(bytes);
  Atomics.store(control, 1, bytes.length);
  Atomics.store(control, 0, ${STATE_DONE});
  Atomics.notify(control, 0);
});
// Compiles the parser's hot paths before the first query needs them (counted as start-up, not
// against a statement's parse budget).
for (const db of workerData.warmUp ? workerData.warmUp.databases : []) {
  const parsed = astify(workerData.warmUp.sql, db);
  if (parsed.status === 'parsed') sqlify(parsed.ast, db);
}
Atomics.store(control, 2, 1);
Atomics.notify(control, 2);
`;

interface Sandbox {
  worker: Worker;
  control: Int32Array;
  data: Uint8Array;
}

let sandbox: Sandbox | null = null;
let parserPath: string | null = null;

/** Spawns the worker without waiting: it loads the parser on its own thread meanwhile. */
function startSandbox(warm = false): Sandbox {
  const control = new SharedArrayBuffer(12); // [state, result length, ready]
  const data = new SharedArrayBuffer(RESULT_BUFFER_BYTES);
  parserPath ??= createRequire(import.meta.url).resolve('node-sql-parser');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { parserPath, control, data, warmUp: warm ? { sql: WARM_UP_SQL, databases: WARM_UP_DATABASES } : null },
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
  });
  worker.unref(); // never keeps the app or CLI alive
  worker.on('error', () => {
    if (sandbox?.worker === worker) sandbox = null;
  });
  return { worker, control: new Int32Array(control), data: new Uint8Array(data) };
}

/** The started worker; waits (only if a query comes before it finished loading) for start-up,
 *  separately from the parse so a slow start on a busy machine is not taken for a runaway parse. */
function readySandbox(): Sandbox {
  sandbox ??= startSandbox();
  const current = sandbox;
  if (Atomics.load(current.control, 2) === 0 && Atomics.wait(current.control, 2, 0, STARTUP_TIMEOUT_MS) === 'timed-out' && Atomics.load(current.control, 2) === 0) {
    sandbox = null;
    void current.worker.terminate();
    throw new Error('The SQL parser worker did not start.');
  }
  return current;
}

/** Starts the parser worker ahead of the first query, without blocking (server and app start). */
export function prewarmSqlParser(): void {
  sandbox ??= startSandbox(true);
}

/** The worker's JSON reply to `message`, or null when it ran past the budget. */
function runInSandbox(message: Record<string, unknown>): string | null {
  const { worker, control, data } = readySandbox();
  Atomics.store(control, 0, STATE_IDLE);
  worker.postMessage(message);
  const outcome = Atomics.wait(control, 0, STATE_IDLE, PARSE_TIMEOUT_MS);
  if (outcome === 'timed-out' && Atomics.load(control, 0) !== STATE_DONE) {
    void worker.terminate();
    sandbox = startSandbox(true); // the replacement loads while the caller reports the refusal
    return null;
  }
  const length = Atomics.load(control, 1);
  return Buffer.from(data.subarray(0, length)).toString('utf8');
}

/** Outcomes of recent parses (their JSON), least recently used first, bounded in bytes: the guard
 *  parses SQL it rendered again, and repeated questions, widgets and checks bring the same SQL
 *  back. Each caller gets its own copy of the tree. A budget overrun is not kept (timing decides it). */
const PARSE_CACHE_BYTES = 16 * 1024 * 1024;
const recentParses = new Map<string, string>();
let recentParseBytes = 0;

function rememberParse(key: string, payload: string): void {
  const bytes = (key.length + payload.length) * 2;
  if (bytes > PARSE_CACHE_BYTES / 8) return;
  recentParses.set(key, payload);
  recentParseBytes += bytes;
  for (const [oldest, value] of recentParses) {
    if (recentParseBytes <= PARSE_CACHE_BYTES) break;
    recentParses.delete(oldest);
    recentParseBytes -= (oldest.length + value.length) * 2;
  }
}

/** Parses `sql` for `database` (a node-sql-parser database name) within the budget. */
export function astifyIsolated(sql: string, database: string): IsolatedParse {
  const key = `${database}\u0000${sql}`;
  const known = recentParses.get(key);
  if (known !== undefined) {
    recentParses.delete(key);
    recentParses.set(key, known);
    return JSON.parse(known) as IsolatedParse;
  }
  const payload = runInSandbox({ op: 'astify', sql, database });
  if (payload === null) return { status: 'too-complex' };
  const result = JSON.parse(payload) as IsolatedParse;
  if (result.status !== 'too-complex') rememberParse(key, payload);
  return result;
}

/** Renders an AST back to SQL for `database` within the budget. */
export function sqlifyIsolated(ast: unknown, database: string): IsolatedRender {
  const payload = runInSandbox({ op: 'sqlify', ast, database });
  return payload === null ? { status: 'too-complex' } : (JSON.parse(payload) as IsolatedRender);
}
