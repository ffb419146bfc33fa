import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import pg from 'pg';
import type { CellValue, ResultColumn, ResultPage, SourceConfig } from '../../../electron/main/connectors/types';

export const PG_URL = process.env.AISER_TEST_PG_URL ?? 'postgres://aiser:aiser@127.0.0.1:5432/aiser_src';
export const MYSQL_URL = process.env.AISER_TEST_MYSQL_URL ?? 'mysql://aiser:aiser@127.0.0.1:3306/aiser_src';

export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(4).toString('hex')}`;
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
}

/** A small shop: the same rows on every engine. */
export const CUSTOMERS = [
  [1, 'Acme', 'EU'],
  [2, 'Globex', 'US'],
  [3, 'Initech', 'US'],
  [4, 'Umbrella', 'APAC'],
] as const;
export const ORDERS = [
  [1, 1, 10.5, 2, '2024-01-05'],
  [2, 1, 20.25, 1, '2024-02-10'],
  [3, 2, 5.75, 3, '2024-01-20'],
  [4, 3, 100, 10, '2024-03-01'],
  [5, 3, 0.5, 1, '2023-12-31'],
  [6, 4, 42, 4, '2024-02-29'],
] as const;

function fixtureStatements(declareForeignKey: boolean): string[] {
  const reference = declareForeignKey ? ' REFERENCES customers(id)' : '';
  const literal = (value: string | number) => (typeof value === 'number' ? String(value) : `'${value}'`);
  return [
    'CREATE TABLE customers (id INTEGER PRIMARY KEY, name VARCHAR(50) NOT NULL, region VARCHAR(10) NOT NULL)',
    `CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL${reference}, amount DECIMAL(10,2) NOT NULL, quantity INTEGER NOT NULL, ordered_on DATE NOT NULL)`,
    `INSERT INTO customers VALUES ${CUSTOMERS.map((row) => `(${row.map(literal).join(', ')})`).join(', ')}`,
    `INSERT INTO orders VALUES ${ORDERS.map((row) => `(${row.map(literal).join(', ')})`).join(', ')}`,
  ];
}

export interface Fixture {
  config: SourceConfig;
  /** Runs SQL with full rights (to check data is unchanged), outside the connector. */
  adminRows(sql: string): Promise<unknown[][]>;
  drop(): Promise<void>;
}

export async function postgresFixture(declareForeignKey = true): Promise<Fixture> {
  const schema = uniqueName('conn_test');
  const admin = new pg.Client(PG_URL);
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.query(`SET search_path TO ${schema}`);
  for (const statement of fixtureStatements(declareForeignKey)) await admin.query(statement);
  return {
    config: { type: 'postgres', url: PG_URL, schema },
    adminRows: async (sql) => (await admin.query({ text: sql, rowMode: 'array' })).rows,
    drop: async () => {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}

export async function mysqlFixture(declareForeignKey = true): Promise<Fixture> {
  const database = uniqueName('conn_test');
  const admin = await mysql.createConnection({ uri: MYSQL_URL, multipleStatements: false });
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.query(`USE ${database}`);
  for (const statement of fixtureStatements(declareForeignKey)) await admin.query(statement);
  return {
    config: { type: 'mysql', url: MYSQL_URL, database },
    adminRows: async (sql) => (await admin.query({ sql, rowsAsArray: true }))[0] as unknown[][],
    drop: async () => {
      await admin.query(`DROP DATABASE ${database}`);
      await admin.end();
    },
  };
}

export async function sqliteFixture(dir: string, declareForeignKey = true): Promise<Fixture> {
  const file = path.join(dir, 'shop.sqlite');
  const db = new Database(file);
  for (const statement of fixtureStatements(declareForeignKey)) db.exec(statement);
  db.close();
  return {
    config: { type: 'sqlite', path: file },
    adminRows: async (sql) => {
      const reader = new Database(file, { readonly: true });
      try {
        return reader.prepare(sql).raw(true).all() as unknown[][];
      } finally {
        reader.close();
      }
    },
    drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** The shop as CSV files in a folder (one table per file), for the DuckDB files connector. */
export function writeShopCsvFolder(dir: string): string {
  const folder = path.join(dir, 'shop');
  fs.mkdirSync(folder);
  fs.writeFileSync(path.join(folder, 'customers.csv'), ['id,name,region', ...CUSTOMERS.map((row) => row.join(','))].join('\n') + '\n');
  fs.writeFileSync(path.join(folder, 'orders.csv'), ['id,customer_id,amount,quantity,ordered_on', ...ORDERS.map((row) => row.join(','))].join('\n') + '\n');
  return folder;
}

export interface Collected {
  columns: ResultColumn[];
  rows: CellValue[][];
  pages: ResultPage[];
}

export async function collect(pages: AsyncIterable<ResultPage>): Promise<Collected> {
  const all: ResultPage[] = [];
  for await (const page of pages) all.push(page);
  return { columns: all.at(-1)?.columns ?? [], rows: all.flatMap((page) => page.rows), pages: all };
}

/** The ConnectorError code a failing query/test ends with. */
export async function errorCodeOf(work: () => Promise<unknown>): Promise<string> {
  try {
    await work();
  } catch (error) {
    return (error as { code?: string }).code ?? `uncoded: ${(error as Error).message}`;
  }
  return 'no error';
}
