/** The same question on a slice of the retail data, loaded into SQLite, PostgreSQL and MariaDB,
 *  gives the same result: the engine's dialect rendering is checked by execution. */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseGlossary, type Glossary } from '../../../shared/types/semantic';
import { createConnector } from '../../../electron/main/connectors/registry';
import type { Connector } from '../../../electron/main/connectors/types';
import { Nl2SqlEngine } from '../../../electron/main/nl2sql/engine';
import { resultsMatch, type ResultTable } from '../../../electron/main/nl2sql/scorer';
import { collect } from '../connectors/fixtures';

const PG_URL = process.env.AISER_TEST_PG_URL ?? 'postgres://aiser:aiser@127.0.0.1:5432/aiser_src';
const MYSQL_URL = process.env.AISER_TEST_MYSQL_URL ?? 'mysql://aiser:aiser@127.0.0.1:3306/aiser_src';
const benchDir = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'bench', 'retail');
const schemaName = `nl2sql_parity_${process.pid}_${Date.now().toString(36)}`;

/** Tables of the slice, in load order, with PostgreSQL column types and the rows to keep. */
const TABLES: { name: string; ddl: string; where?: string }[] = [
  { name: 'regions', ddl: 'region_id INTEGER PRIMARY KEY, region_name TEXT NOT NULL' },
  { name: 'countries', ddl: 'country_code TEXT PRIMARY KEY, country_name TEXT NOT NULL, region_id INTEGER NOT NULL REFERENCES regions(region_id)' },
  { name: 'stores', ddl: 'store_id INTEGER PRIMARY KEY, store_name TEXT NOT NULL, city TEXT, country_code TEXT NOT NULL REFERENCES countries(country_code), store_type TEXT NOT NULL, opened_on DATE NOT NULL' },
  { name: 'product_categories', ddl: 'category_id INTEGER PRIMARY KEY, category_name TEXT NOT NULL, department TEXT NOT NULL' },
  { name: 'products', ddl: 'product_id INTEGER PRIMARY KEY, product_name TEXT NOT NULL, category_id INTEGER NOT NULL REFERENCES product_categories(category_id), brand TEXT NOT NULL, unit_cost NUMERIC NOT NULL, list_price NUMERIC NOT NULL, launched_on DATE NOT NULL, is_active INTEGER NOT NULL' },
  { name: 'orders', ddl: 'order_id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL, store_id INTEGER NOT NULL REFERENCES stores(store_id), rep_id INTEGER, order_date DATE NOT NULL, ship_date DATE, status TEXT NOT NULL, channel TEXT NOT NULL, payment_method TEXT NOT NULL, shipping_cost NUMERIC NOT NULL', where: 'order_id % 25 = 0' },
  { name: 'order_items', ddl: 'order_item_id INTEGER PRIMARY KEY, order_id INTEGER NOT NULL REFERENCES orders(order_id), product_id INTEGER NOT NULL REFERENCES products(product_id), quantity INTEGER NOT NULL, unit_price NUMERIC NOT NULL, discount NUMERIC NOT NULL, net_amount NUMERIC NOT NULL', where: 'order_id % 25 = 0' },
];

const QUESTIONS: { q: string | string[]; ordered: boolean }[] = [
  { q: 'Revenue by region for 2025', ordered: false },
  { q: 'Monthly revenue for 2025', ordered: true },
  { q: 'Revenue by department and quarter for 2025', ordered: false },
  { q: 'Top 5 products by revenue in 2025', ordered: true },
  { q: 'Revenue growth by region, 2025 vs 2024', ordered: false },
  { q: "Each region's share of 2025 revenue, in percent", ordered: false },
  { q: 'What percentage of 2025 revenue came from online orders?', ordered: false },
  { q: 'Gross margin percentage by product category for 2025', ordered: false },
  { q: 'On average, how many days does it take us to ship an order?', ordered: false },
  { q: 'Weekly orders in Q1 2026', ordered: true },
  { q: ['Revenue by product category last quarter', 'Only for Europe'], ordered: false },
];

let tmpDir: string;
let sqliteConnector: Connector;
let pgConnector: Connector;
let mysqlConnector: Connector;
let admin: pg.Client;
let mysqlAdmin: mysql.Connection;
let glossary: Glossary;

async function rows(connector: Connector, sql: string): Promise<ResultTable> {
  const { columns, rows: cells } = await collect(connector.query(sql));
  return { columns: columns.map((c) => c.name), rows: cells };
}

beforeAll(async () => {
  glossary = parseGlossary(JSON.parse(fs.readFileSync(path.join(benchDir, 'semantic.json'), 'utf8')));
  // Only metrics over the sliced tables.
  glossary.metrics = glossary.metrics.filter((m) => !/returns|marketing|traffic|targets/.test(m.expression));
  const source = new Database(path.join(benchDir, 'retail.sqlite'), { readonly: true, fileMustExist: true });
  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiser-nl2sql-parity-'));
  const slice = new Database(path.join(tmpDir, 'slice.sqlite'));
  admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schemaName}`);
  for (const t of TABLES) {
    const data = source.prepare(`SELECT * FROM ${t.name}${t.where ? ` WHERE ${t.where}` : ''}`).raw().all() as unknown[][];
    slice.exec(`CREATE TABLE ${t.name} (${t.ddl.replace(/NUMERIC/g, 'NUMERIC')})`);
    await admin.query(`CREATE TABLE ${schemaName}.${t.name} (${t.ddl.replace(/REFERENCES (\w+)/g, `REFERENCES ${schemaName}.$1`)})`);
    const width = data[0]?.length ?? 0;
    const insert = slice.prepare(`INSERT INTO ${t.name} VALUES (${Array(width).fill('?').join(', ')})`);
    slice.transaction(() => data.forEach((r) => insert.run(...r)))();
    for (let i = 0; i < data.length; i += 500) {
      const batch = data.slice(i, i + 500);
      const params = batch.flat();
      const tuples = batch.map((_r, b) => `(${Array.from({ length: width }, (_x, c) => `$${b * width + c + 1}`).join(', ')})`);
      await admin.query(`INSERT INTO ${schemaName}.${t.name} VALUES ${tuples.join(', ')}`, params);
    }
  }
  await admin.query(`ANALYZE`);
  mysqlAdmin = await mysql.createConnection(MYSQL_URL);
  await mysqlAdmin.query(`CREATE DATABASE ${schemaName}`);
  for (const t of TABLES) {
    // MySQL ignores column-level REFERENCES and needs sized keys and decimals: table-level keys here.
    const columns = t.ddl.replace(/ REFERENCES \w+\(\w+\)/g, '').replace(/TEXT PRIMARY KEY/g, 'VARCHAR(8) PRIMARY KEY').replace(/TEXT NOT NULL REFERENCES/g, 'VARCHAR(8) NOT NULL REFERENCES').replace(/NUMERIC/g, 'DECIMAL(14,4)');
    const keys = [...t.ddl.matchAll(/(\w+) [A-Z]+(?: NOT NULL)? REFERENCES (\w+)\((\w+)\)/g)].map((m) => `, FOREIGN KEY (${m[1]}) REFERENCES ${m[2]}(${m[3]})`).join('');
    const fixedColumns = columns.replace(/country_code TEXT NOT NULL/g, 'country_code VARCHAR(8) NOT NULL');
    await mysqlAdmin.query(`CREATE TABLE ${schemaName}.${t.name} (${fixedColumns}${keys})`);
    const data = (await admin.query({ text: `SELECT * FROM ${schemaName}.${t.name}`, rowMode: 'array' })).rows as unknown[][];
    for (let i = 0; i < data.length; i += 500) {
      const batch = data.slice(i, i + 500).map((r) => r.map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v)));
      await mysqlAdmin.query(`INSERT INTO ${schemaName}.${t.name} VALUES ?`, [batch]);
    }
  }
  slice.close();
  source.close();
  sqliteConnector = createConnector({ type: 'sqlite', path: path.join(tmpDir, 'slice.sqlite') });
  pgConnector = createConnector({ type: 'postgres', url: PG_URL, schema: schemaName });
  mysqlConnector = createConnector({ type: 'mysql', url: MYSQL_URL, database: schemaName });
});

afterAll(async () => {
  await sqliteConnector?.close();
  await pgConnector?.close();
  await mysqlConnector?.close();
  await mysqlAdmin?.query(`DROP DATABASE IF EXISTS ${schemaName}`);
  await mysqlAdmin?.end();
  await admin?.query(`DROP SCHEMA IF EXISTS ${schemaName} CASCADE`);
  await admin?.end();
  if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
});

async function expectSameAsSqlite(other: Connector, dialect: string): Promise<void> {
  const liteEngine = new Nl2SqlEngine(await sqliteConnector.introspect(), glossary);
  const schema = await other.introspect();
  expect(schema.dialect).toBe(dialect);
  const otherEngine = new Nl2SqlEngine(schema, glossary);
  for (const { q, ordered } of QUESTIONS) {
    const turns = Array.isArray(q) ? q : [q];
    const lite = liteEngine.askConversation(turns, { now: '2026-07-01' });
    const answer = otherEngine.askConversation(turns, { now: '2026-07-01' });
    expect(lite.sql, `${turns.join(' / ')}: ${lite.refusal}`).toBeTruthy();
    expect(answer.sql, `${turns.join(' / ')}: ${answer.refusal}`).toBeTruthy();
    const liteRows = await rows(sqliteConnector, lite.sql!);
    const otherRows = await rows(other, answer.sql!);
    expect(liteRows.rows.length, turns.join(' / ')).toBeGreaterThan(0);
    expect(resultsMatch(liteRows, otherRows, ordered), `${turns.join(' / ')}\nsqlite: ${lite.sql}\n${dialect}: ${answer.sql}`).toBe(true);
  }
}

describe('NL→SQL gives the same results as on SQLite', () => {
  it('on PostgreSQL', () => expectSameAsSqlite(pgConnector, 'postgres'));
  it('on MariaDB (MySQL dialect)', () => expectSameAsSqlite(mysqlConnector, 'mysql'));
});
