import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { DuckDBInstance } from '@duckdb/node-api';
import pg from 'pg';
import mysql from 'mysql2/promise';
import type { Dialect } from '../../../shared/types/schema';

/** One real database holding the shared fixture; `run` returns rows as plain objects. */
export interface TestDatabase {
  dialect: Dialect;
  run(sql: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

const DDL = [
  'CREATE TABLE customers (id INTEGER PRIMARY KEY, name VARCHAR(100), region VARCHAR(10), segment VARCHAR(20), created_at DATE)',
  'CREATE TABLE products (id INTEGER PRIMARY KEY, name VARCHAR(100), category VARCHAR(50), price DECIMAL(10,2))',
  'CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER, product_id INTEGER, region VARCHAR(10), status VARCHAR(20), quantity INTEGER, amount DECIMAL(10,2), ordered_at DATE)',
  'CREATE TABLE secrets (id INTEGER PRIMARY KEY, token VARCHAR(100))',
];

export const CUSTOMERS: [number, string, string, string | null, string][] = [
  [1, 'Acme Inc', 'EU', 'enterprise', '2023-05-01'],
  [2, 'Beta Ltd', 'US', 'consumer', '2024-02-11'],
  [3, 'Gamma GmbH', 'EU', null, '2024-03-15'],
  [4, 'Delta LLC', 'US', 'enterprise', '2024-06-30'],
  [5, 'Epsilon KK', 'APAC', 'consumer', '2024-07-04'],
  [6, 'Zeta Inc', 'EU', 'consumer', '2024-09-09'],
];

export const PRODUCTS: [number, string, string, number][] = [
  [1, 'Widget Basic', 'widgets', 19.5],
  [2, 'Widget Pro', 'widgets', 99],
  [3, 'Gadget', 'gadgets', 250],
  [4, 'Service Plan', 'services', 1200],
];

export const ORDERS: [number, number, number, string, string, number, number, string][] = [
  [1, 1, 1, 'EU', 'shipped', 2, 39, '2024-01-10'],
  [2, 1, 3, 'EU', 'delivered', 1, 250, '2024-02-14'],
  [3, 2, 2, 'US', 'shipped', 5, 495, '2024-02-20'],
  [4, 3, 4, 'EU', 'pending', 1, 1200, '2024-03-01'],
  [5, 4, 1, 'US', 'returned', 3, 58.5, '2024-04-12'],
  [6, 4, 3, 'US', 'delivered', 2, 500, '2024-05-05'],
  [7, 5, 2, 'APAC', 'shipped', 1, 99, '2024-06-18'],
  [8, 6, 1, 'EU', 'shipped', 10, 195, '2024-07-22'],
  [9, 2, 4, 'US', 'pending', 1, 1200, '2024-08-30'],
  [10, 5, 3, 'APAC', 'delivered', 1, 250, '2024-10-02'],
];

const literal = (v: string | number | null) => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v}'`);
const insert = (table: string, rows: (string | number | null)[][]) =>
  `INSERT INTO ${table} VALUES ${rows.map((r) => `(${r.map(literal).join(', ')})`).join(', ')}`;

const FIXTURE_SQL = [
  ...DDL,
  insert('customers', CUSTOMERS),
  insert('products', PRODUCTS),
  insert('orders', ORDERS),
  insert('secrets', [[1, 'top-secret-token']]),
];

export async function openSqlite(): Promise<TestDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiser-guard-sqlite-'));
  const file = path.join(dir, 'fixture.db');
  const setup = new Database(file);
  for (const sql of FIXTURE_SQL) setup.exec(sql);
  setup.close();
  const db = new Database(file, { readonly: true });
  return {
    dialect: 'sqlite',
    run: async (sql) => db.prepare(sql).all() as Record<string, unknown>[],
    close: async () => {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function openDuckdb(): Promise<TestDatabase> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  for (const sql of FIXTURE_SQL) await connection.run(sql);
  return {
    dialect: 'duckdb',
    run: async (sql) => (await connection.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[],
    close: async () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

export async function openPostgres(): Promise<TestDatabase> {
  const url = process.env.AISER_TEST_PG_URL ?? 'postgres://aiser:aiser@127.0.0.1:5432/aiser_src';
  const schema = `guard_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.query(`SET search_path TO ${schema}`);
  for (const sql of FIXTURE_SQL) await client.query(sql);
  return {
    dialect: 'postgres',
    run: async (sql) => (await client.query(sql)).rows as Record<string, unknown>[],
    close: async () => {
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      await client.end();
    },
  };
}

export async function openMariadb(): Promise<TestDatabase> {
  const url = process.env.AISER_TEST_MYSQL_URL ?? 'mysql://aiser:aiser@127.0.0.1:3306/aiser_src';
  const database = `guard_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const connection = await mysql.createConnection(url);
  await connection.query(`CREATE DATABASE ${database}`);
  await connection.query(`USE ${database}`);
  for (const sql of FIXTURE_SQL) await connection.query(sql);
  return {
    dialect: 'mysql',
    run: async (sql) => (await connection.query(sql))[0] as Record<string, unknown>[],
    close: async () => {
      await connection.query(`DROP DATABASE ${database}`);
      await connection.end();
    },
  };
}

export const OPENERS: Readonly<Record<Dialect, () => Promise<TestDatabase>>> = {
  sqlite: openSqlite,
  duckdb: openDuckdb,
  postgres: openPostgres,
  mysql: openMariadb,
};
