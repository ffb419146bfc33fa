import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Runs node-sql-parser's `astify` in a worker thread with a time and memory budget.
 *
 * Why: the generated PEG parsers backtrack exponentially on *invalid* input with nested
 * parentheses (`SELECT CAST((CAST((… 1 + …) AS int)) AS int)` with a syntax error takes
 * seconds at depth 6 and aborts the whole process — an uncatchable V8 fatal error — a few
 * levels deeper). Valid statements parse in milliseconds. In a worker, a runaway parse is
 * stopped after PARSE_TIMEOUT_MS and the worker is replaced; the caller stays synchronous by
 * waiting on a shared buffer.
 */

export const PARSE_TIMEOUT_MS = 3000;
const STARTUP_TIMEOUT_MS = 20_000;
const RESULT_BUFFER_BYTES = 16 * 1024 * 1024;
const WORKER_HEAP_MB = 256;

export type IsolatedParse =
  | { status: 'parsed'; ast: unknown }
  | { status: 'syntax-error'; offset: number | null }
  | { status: 'too-complex' };

const STATE_IDLE = 0;
const STATE_DONE = 1;

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { Parser } = require(workerData.parserPath);
const parser = new Parser();
const control = new Int32Array(workerData.control);
const data = new Uint8Array(workerData.data);
Atomics.store(control, 2, 1);
Atomics.notify(control, 2);
parentPort.on('message', ({ sql, database }) => {
  let payload;
  try {
    payload = JSON.stringify({ status: 'parsed', ast: parser.astify(sql, { database }) });
  } catch (error) {
    const offset = error && error.location && error.location.start ? error.location.start.offset : null;
    payload = JSON.stringify({ status: 'syntax-error', offset: typeof offset === 'number' ? offset : null });
  }
  let bytes = Buffer.from(payload, 'utf8');
  if (bytes.length > data.length) bytes = Buffer.from(JSON.stringify({ status: 'too-complex' }), 'utf8');
  data.set(bytes);
  Atomics.store(control, 1, bytes.length);
  Atomics.store(control, 0, ${STATE_DONE});
  Atomics.notify(control, 0);
});
`;

interface Sandbox {
  worker: Worker;
  control: Int32Array;
  data: Uint8Array;
}

let sandbox: Sandbox | null = null;

function startSandbox(): Sandbox {
  const control = new SharedArrayBuffer(12); // [state, result length, ready]
  const data = new SharedArrayBuffer(RESULT_BUFFER_BYTES);
  const parserPath = createRequire(import.meta.url).resolve('node-sql-parser');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { parserPath, control, data },
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
  });
  worker.unref(); // never keeps the app or CLI alive
  worker.on('error', () => {
    if (sandbox?.worker === worker) sandbox = null;
  });
  const controlView = new Int32Array(control);
  // Wait for start-up separately so a slow start on a busy machine is not taken for a runaway parse.
  if (Atomics.wait(controlView, 2, 0, STARTUP_TIMEOUT_MS) === 'timed-out' && Atomics.load(controlView, 2) === 0) {
    void worker.terminate();
    throw new Error('The SQL parser worker did not start.');
  }
  return { worker, control: controlView, data: new Uint8Array(data) };
}

/** Starts the parser worker ahead of the first query (optional; avoids a one-time delay). */
export function prewarmSqlParser(): void {
  sandbox ??= startSandbox();
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
  sandbox ??= startSandbox();
  const { worker, control, data } = sandbox;
  Atomics.store(control, 0, STATE_IDLE);
  worker.postMessage({ sql, database });
  const outcome = Atomics.wait(control, 0, STATE_IDLE, PARSE_TIMEOUT_MS);
  if (outcome === 'timed-out' && Atomics.load(control, 0) !== STATE_DONE) {
    sandbox = null;
    void worker.terminate();
    return { status: 'too-complex' };
  }
  const length = Atomics.load(control, 1);
  const payload = Buffer.from(data.subarray(0, length)).toString('utf8');
  const result = JSON.parse(payload) as IsolatedParse;
  if (result.status !== 'too-complex') rememberParse(key, payload);
  return result;
}
