/** A plain logistics database (no glossary, dates stored as text, keys only by naming),
 *  checked by executing the engine's SQL against hand-written SQL. */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnector } from '../connectors/registry';
import { Nl2SqlEngine } from './engine';
import { resultsMatch, type ResultTable } from './scorer';

let dir: string;
let db: Database.Database;
let engine: Nl2SqlEngine;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiser-nl2sql-logistics-'));
  const file = path.join(dir, 'logistics.sqlite');
  const w = new Database(file);
  w.exec(`
    CREATE TABLE carriers (carrier_id INTEGER PRIMARY KEY, carrier_name TEXT, mode TEXT);
    CREATE TABLE warehouses (warehouse_id INTEGER PRIMARY KEY, warehouse_name TEXT, city TEXT);
    CREATE TABLE shipments (shipment_id INTEGER PRIMARY KEY, warehouse_id INTEGER, carrier_id INTEGER,
      shipped_at TEXT, delivered_at TEXT, weight_kg REAL, freight_cost REAL, status TEXT);`);
  ['road', 'air', 'sea'].forEach((m, i) => w.prepare('INSERT INTO carriers VALUES (?, ?, ?)').run(i + 1, `Carrier ${i + 1}`, m));
  ['Rotterdam', 'Hamburg', 'Lyon'].forEach((c, i) => w.prepare('INSERT INTO warehouses VALUES (?, ?, ?)').run(i + 1, `WH ${c}`, c));
  for (let i = 1; i <= 240; i++) {
    const month = 1 + (i % 18);
    const year = month > 12 ? 2026 : 2025;
    const shipped = `${year}-${String(((month - 1) % 12) + 1).padStart(2, '0')}-${String(1 + (i % 27)).padStart(2, '0')} 09:30:00`;
    const status = i % 9 === 0 ? 'lost' : i % 5 === 0 ? 'in transit' : 'delivered';
    const delivered = status === 'delivered' ? shipped.replace(/-(\d{2}) /, (_m, d: string) => `-${String(Math.min(28, +d + (i % 4))).padStart(2, '0')} `) : null;
    w.prepare('INSERT INTO shipments VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(i, 1 + ((i * i) % 3), 1 + ((i * 7) % 3), shipped, delivered, 5 + (i % 40), 20 + ((i * 13) % 300), status);
  }
  w.close();
  const connector = createConnector({ type: 'sqlite', path: file });
  engine = new Nl2SqlEngine(await connector.introspect());
  await connector.close();
  db = new Database(file, { readonly: true });
});
afterAll(() => { db.close(); fs.rmSync(dir, { recursive: true, force: true }); });

const run = (sql: string): ResultTable => {
  const stmt = db.prepare(sql);
  return { columns: stmt.columns().map((c) => c.name), rows: stmt.raw().all() as ResultTable['rows'] };
};
function expectSameResult(question: string, expectedSql: string, ordered = false): void {
  const answer = engine.ask(question, { now: '2026-07-01' });
  expect(answer.sql, `${question} → ${answer.refusal ?? ''}`).toBeTruthy();
  expect(resultsMatch(run(expectedSql), run(answer.sql!), ordered), `${question}\n  got: ${answer.sql}`).toBe(true);
}
const JOIN_C = 'FROM shipments s JOIN carriers c ON c.carrier_id = s.carrier_id';

describe('plain logistics schema', () => {
  it('uses text columns named like dates as the time axis', () => expectSameResult('Total freight cost by carrier mode in 2025', `SELECT c.mode, SUM(s.freight_cost) ${JOIN_C} WHERE s.shipped_at >= '2025-01-01' AND s.shipped_at < '2026-01-01' GROUP BY c.mode`));
  it('matches column names without their unit ("weight_kg" → weight)', () => expectSameResult('Average weight by warehouse city', 'SELECT w.city, AVG(s.weight_kg) FROM shipments s JOIN warehouses w ON w.warehouse_id = s.warehouse_id GROUP BY w.city'));
  it('counts the rows of the table a verb points to when nothing else is measured', () => expectSameResult('Which warehouse shipped the most in 2025?', "SELECT w.warehouse_name FROM shipments s JOIN warehouses w ON w.warehouse_id = s.warehouse_id WHERE s.shipped_at >= '2025-01-01' AND s.shipped_at < '2026-01-01' GROUP BY w.warehouse_id ORDER BY COUNT(*) DESC LIMIT 1", true));
  it('reads a month range', () => expectSameResult('How many shipments between February and April 2026?', "SELECT COUNT(*) FROM shipments WHERE shipped_at >= '2026-02-01' AND shipped_at < '2026-05-01'"));
  it('buckets text timestamps by month in time order', () => expectSameResult('Monthly shipments from Hamburg this year', "SELECT strftime('%Y-%m', shipped_at) m, COUNT(*) FROM shipments s JOIN warehouses w ON w.warehouse_id = s.warehouse_id WHERE w.city = 'Hamburg' AND shipped_at >= '2026-01-01' AND shipped_at < '2026-07-01' GROUP BY m ORDER BY m", true));
  it('averages days between two text timestamps', () => expectSameResult('How many days does delivery take on average?', 'SELECT AVG(julianday(delivered_at) - julianday(shipped_at)) FROM shipments'));
  it('filters on a status value and a comparison together', () => expectSameResult('How many lost shipments had a freight cost over 150?', "SELECT COUNT(*) FROM shipments WHERE status = 'lost' AND freight_cost > 150"));
});
