/**
 * The code one SQLite worker thread runs (evaluated as a script, so it needs no bundling).
 *
 * A worker keeps its read-only connections open between queries (at most `maxOpen` files, least
 * recently used closed first) with their prepared statements, so SQLite's page cache and schema
 * parse survive from one query to the next. A read-only connection still sees every committed
 * change to the file (SQLite checks the file's change counter, or the WAL index, at the start of
 * each read); a file replaced by another (new inode) gets a fresh connection.
 */
export const WORKER_SOURCE = `
const fs = require('node:fs');
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driverPath);
/** path → { db, dev, ino, statements } in least-recently-used order. */
const connections = new Map();
let db = null;
let current = null;
let rows = null;
function size(row) {
  let bytes = 16;
  for (const v of row) bytes += typeof v === 'string' ? v.length * 2 : v && v.byteLength ? v.byteLength : 8;
  return bytes;
}
function endRows() {
  if (rows) { try { rows.return(); } catch {} rows = null; }
}
function closeConnection(path) {
  const entry = connections.get(path);
  if (!entry) return;
  connections.delete(path);
  if (current === entry) { endRows(); current = null; db = null; }
  entry.statements.clear();
  try { entry.db.close(); } catch {}
}
function openConnection(path) {
  endRows();
  const stat = fs.statSync(path);
  let entry = connections.get(path);
  if (entry && (entry.dev !== stat.dev || entry.ino !== stat.ino)) { closeConnection(path); entry = undefined; }
  if (entry) {
    connections.delete(path);
    connections.set(path, entry);
    // The schema changed: SQLite would expand \`*\` and report columns from its stale parse until a
    // statement fails its schema check, so a fresh connection parses the new schema.
    if (entry.db.pragma('schema_version', { simple: true }) !== entry.schema) { closeConnection(path); entry = undefined; }
  }
  if (!entry) {
    const opened = new Database(path, { readonly: true, fileMustExist: true });
    let schema;
    try {
      opened.pragma('query_only = ON');
      opened.pragma('hard_heap_limit = ' + workerData.heapLimit);
      schema = opened.pragma('schema_version', { simple: true });
    } catch (error) { try { opened.close(); } catch {} throw error; }
    entry = { db: opened, dev: stat.dev, ino: stat.ino, schema, statements: new Map() };
    connections.set(path, entry);
    while (connections.size > workerData.maxOpen) closeConnection(connections.keys().next().value);
  }
  current = entry;
  db = entry.db;
}
/** Prepared once per connection (a small LRU); a statement is only ever used by one query at a time. */
function readOnly(sql) {
  let statement = current.statements.get(sql);
  if (statement) {
    current.statements.delete(sql);
  } else {
    statement = db.prepare(sql);
    if (!statement.reader || !statement.readonly) {
      const error = new Error('only SELECT queries can run');
      error.code = 'AISER_NOT_READ_ONLY';
      throw error;
    }
    statement.raw(true).safeIntegers(true);
  }
  current.statements.set(sql, statement);
  while (current.statements.size > workerData.maxStatements) current.statements.delete(current.statements.keys().next().value);
  return statement;
}
/** Errors of the statement itself (syntax, unknown column, refused write) leave the connection usable. */
function statementError(error) {
  return error && (error.code === 'SQLITE_ERROR' || error.code === 'AISER_NOT_READ_ONLY');
}
parentPort.on('message', (m) => {
  try {
    if (m.type === 'open') {
      openConnection(m.path);
      parentPort.postMessage({ type: 'opened' });
    } else if (m.type === 'query') {
      endRows();
      const statement = readOnly(m.sql);
      const columns = statement.columns().map((c) => ({ name: c.name, type: c.type }));
      rows = statement.iterate();
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
      endRows();
      current = null;
      db = null;
    } else if (m.type === 'close') {
      closeConnection(m.path);
    } else if (m.type === 'trim') {
      for (const entry of connections.values()) { entry.statements.clear(); try { entry.db.pragma('shrink_memory'); } catch {} }
    }
  } catch (error) {
    endRows();
    if (m.type === 'open') closeConnection(m.path);
    else if (m.type === 'query' && current && !statementError(error)) closeConnection([...connections].find(([, e]) => e === current)[0]);
    parentPort.postMessage({ type: 'error', code: error && error.code, message: String((error && error.message) || error) });
  }
});
parentPort.postMessage({ type: 'ready' });
`;
