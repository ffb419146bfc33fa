/** Slots of the control buffer shared with the parser worker. */
export const CONTROL = {
  /** STATE_IDLE / STATE_DONE of the blocking request. */
  state: 0,
  /** Byte length of the blocking request's reply in the data buffer. */
  length: 1,
  /** 1 once the parser is loaded and warmed up. */
  ready: 2,
  /** Replies to non-blocking requests the worker has finished (and is posting or has posted). */
  answered: 3,
} as const;
export const CONTROL_SLOTS = 4;
export const STATE_IDLE = 0;
export const STATE_DONE = 1;

/**
 * The parser worker (evaluated as CommonJS). A message with an `id` is answered by a message
 * (non-blocking callers); one without by the shared data buffer and an Atomics notification
 * (blocking callers, waiting on the control buffer). `reparse` parses and renders in one trip:
 * the guard's render check re-parses the SQL it rendered and renders that parse again.
 */
export const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const control = new Int32Array(workerData.control);
const data = new Uint8Array(workerData.data);
const { Parser } = require(workerData.parserPath);
const parser = new Parser();
const TOO_COMPLEX = JSON.stringify({ status: 'too-complex' });
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
function reparse(sql, database) {
  const parsed = astify(sql, database);
  if (parsed.status !== 'parsed') return JSON.stringify(parsed);
  const astJson = JSON.stringify(parsed.ast);
  // Rendered from the tree as the caller reads it (through JSON), as a render request would send it.
  const rendered = sqlify(JSON.parse(astJson), database);
  return '{"status":"parsed","rendered":' + JSON.stringify(rendered) + ',"ast":' + astJson + '}';
}
function answer(message) {
  if (message.op === 'sqlify') return JSON.stringify(sqlify(JSON.parse(message.astJson), message.database));
  if (message.op === 'reparse') return reparse(message.sql, message.database);
  return JSON.stringify(astify(message.sql, message.database));
}
parentPort.on('message', (message) => {
  const payload = answer(message);
  if (message.id !== undefined) {
    Atomics.add(control, ${CONTROL.answered}, 1);
    parentPort.postMessage({ id: message.id, payload: Buffer.byteLength(payload, "utf8") > data.length ? TOO_COMPLEX : payload });
    return;
  }
  let bytes = Buffer.from(payload, 'utf8');
  if (bytes.length > data.length) bytes = Buffer.from(TOO_COMPLEX, 'utf8');
  data.set(bytes);
  Atomics.store(control, ${CONTROL.length}, bytes.length);
  Atomics.store(control, ${CONTROL.state}, ${STATE_DONE});
  Atomics.notify(control, ${CONTROL.state});
});
// Compiles the parser's hot paths before the first query needs them (counted as start-up, not
// against a statement's parse budget).
for (const db of workerData.warmUp ? workerData.warmUp.databases : []) {
  const parsed = astify(workerData.warmUp.sql, db);
  if (parsed.status === 'parsed') sqlify(parsed.ast, db);
}
Atomics.store(control, ${CONTROL.ready}, 1);
Atomics.notify(control, ${CONTROL.ready});
parentPort.postMessage({ ready: true });
`;
