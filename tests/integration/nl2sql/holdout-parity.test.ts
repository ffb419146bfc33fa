/** Held-out plain schemas (epoch numbers, text dates, text keys, undeclared keys, link tables) copied
 *  into PostgreSQL, MariaDB and DuckDB (CSV files: no declared keys, no NOT NULL, table names in lower
 *  case), each introspected there: every question of every held-out set gets the same result there as
 *  on the SQLite original. */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnector } from '../../../electron/main/connectors/registry';
import type { Connector } from '../../../electron/main/connectors/types';
import { Nl2SqlEngine, NL2SQL_VALUE_CAP } from '../../../electron/main/nl2sql/engine';
import { parseQuestionLines } from '../../../electron/main/nl2sql/questions';
import { resultsMatch, type ResultTable } from '../../../electron/main/nl2sql/scorer';
import { collect } from '../connectors/fixtures';
import { PLAIN_HOLDOUT_SETS } from '../../support/nl2sql/holdout/sets';
import type { FixtureDatabase } from '../../support/nl2sql/holdout/fixtureKit';

const PG_URL = process.env.AISER_TEST_PG_URL ?? 'postgres://aiser:aiser@127.0.0.1:5432/aiser_src';
const MYSQL_URL = process.env.AISER_TEST_MYSQL_URL ?? 'mysql://aiser:aiser@127.0.0.1:3306/aiser_src';
/** Every held-out set, each loaded once per database (batched inserts) and shared by its three comparisons. */
const SETS = PLAIN_HOLDOUT_SETS.map((s) => s.name);
const BATCH_ROWS = 1000;
const fixturesDir = path.resolve(__dirname, '..', '..', 'support', 'nl2sql', 'holdout');

interface Copy { set: string; fixture: FixtureDatabase; schema: string; csvDir: string; connectors: Record<'sqlite' | 'postgres' | 'mysql' | 'duckdb', Connector> }

const copies: Copy[] = [];
let admin: pg.Client;
let mysqlAdmin: mysql.Connection;
let tmpDir: string;

async function rows(connector: Connector, sql: string): Promise<ResultTable> {
  const { columns, rows: cells } = await collect(connector.query(sql));
  return { columns: columns.map((c) => c.name), rows: cells };
}

type SqliteColumn = { name: string; type: string; notnull: number; pk: number };

const pgType = (t: string) => (/INT/i.test(t) ? 'BIGINT' : /REAL|NUMERIC|DOUBLE/i.test(t) ? 'DOUBLE PRECISION' : /DATE/i.test(t) ? 'DATE' : 'TEXT');
const mysqlType = (t: string) => (pgType(t) === 'TEXT' ? 'VARCHAR(191)' : pgType(t) === 'DOUBLE PRECISION' ? 'DOUBLE' : pgType(t));
const csvCell = (v: unknown) => (v === null ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));

async function copySet(set: (typeof PLAIN_HOLDOUT_SETS)[number]): Promise<Copy> {
  const fixture = set.create();
  const schema = `nl2sql_holdout_${set.name}_${process.pid}_${Date.now().toString(36)}`;
  const csvDir = path.join(tmpDir, set.name);
  fs.mkdirSync(csvDir);
  const source = new Database(fixture.file, { readonly: true });
  await admin.query(`CREATE SCHEMA ${schema}`);
  await mysqlAdmin.query(`CREATE DATABASE ${schema}`);
  const tables = (source.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
  for (const table of tables) {
    const columns = source.prepare(`PRAGMA table_info("${table}")`).all() as SqliteColumn[];
    const pk = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => `"${c.name}"`);
    const ddl = (type: (t: string) => string, q: string) => [...columns.map((c) => `${q}${c.name}${q} ${type(c.type)}${c.notnull ? ' NOT NULL' : ''}`), ...(pk.length ? [`PRIMARY KEY (${pk.join(', ').replace(/"/g, q)})`] : [])].join(', ');
    await admin.query(`CREATE TABLE ${schema}."${table}" (${ddl(pgType, '"')})`);
    await mysqlAdmin.query(`CREATE TABLE ${schema}.\`${table}\` (${ddl(mysqlType, '`')})`);
    const data = source.prepare(`SELECT * FROM "${table}"`).raw().all() as unknown[][];
    const width = columns.length;
    for (let i = 0; i < data.length; i += BATCH_ROWS) {
      const batch = data.slice(i, i + BATCH_ROWS);
      const tuples = batch.map((_r, b) => `(${Array.from({ length: width }, (_x, c) => `$${b * width + c + 1}`).join(', ')})`);
      await Promise.all([
        admin.query(`INSERT INTO ${schema}."${table}" VALUES ${tuples.join(', ')}`, batch.flat()),
        mysqlAdmin.query(`INSERT INTO ${schema}.\`${table}\` VALUES ?`, [batch]),
      ]);
    }
    fs.writeFileSync(path.join(csvDir, `${table}.csv`), [columns.map((c) => c.name).join(','), ...data.map((r) => r.map(csvCell).join(','))].join('\n'));
  }
  await admin.query(`ANALYZE ${tables.map((t) => `${schema}."${t}"`).join(', ')}`);
  source.close();
  return {
    set: set.name, fixture, schema, csvDir,
    connectors: {
      sqlite: createConnector({ type: 'sqlite', path: fixture.file }),
      postgres: createConnector({ type: 'postgres', url: PG_URL, schema }),
      mysql: createConnector({ type: 'mysql', url: MYSQL_URL, database: schema }),
      duckdb: createConnector({ type: 'files', path: csvDir }),
    },
  };
}

beforeAll(async () => {
  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiser-nl2sql-holdout-parity-'));
  admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  mysqlAdmin = await mysql.createConnection(MYSQL_URL);
  for (const set of PLAIN_HOLDOUT_SETS.filter((s) => SETS.includes(s.name))) copies.push(await copySet(set));
}, 120_000);

afterAll(async () => {
  for (const c of copies) {
    await Promise.all(Object.values(c.connectors).map((x) => x.close()));
    await admin?.query(`DROP SCHEMA IF EXISTS ${c.schema} CASCADE`);
    await mysqlAdmin?.query(`DROP DATABASE IF EXISTS ${c.schema}`);
    c.fixture.cleanup();
  }
  await mysqlAdmin?.end();
  await admin?.end();
  if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
});

describe.each(SETS)('held-out %s copied to every dialect', (name) => {
  it.each(['postgres', 'mysql', 'duckdb'] as const)('gives the SQLite results on %s', async (dialect) => {
    const copy = copies.find((c) => c.set === name)!;
    const lite = new Nl2SqlEngine(await copy.connectors.sqlite.introspect({ distinctValueCap: NL2SQL_VALUE_CAP }));
    // DuckDB's schema is what a customer's key-less database looks like: keys and links are inferred.
    const other = new Nl2SqlEngine(await copy.connectors[dialect].introspect({ distinctValueCap: NL2SQL_VALUE_CAP }));
    const file = PLAIN_HOLDOUT_SETS.find((s) => s.name === name)!.questions;
    const questions = parseQuestionLines(fs.readFileSync(path.join(fixturesDir, file), 'utf8'), file);
    let compared = 0;
    for (const q of questions) {
      const a = lite.ask(q.question!, { now: '2026-07-01' });
      if (!a.sql || a.clarification) continue;
      const b = other.ask(q.question!, { now: '2026-07-01' });
      expect(b.sql, `${q.id} ${q.question}: ${b.refusal ?? b.clarification?.question}`).toBeTruthy();
      const expected = await rows(copy.connectors.sqlite, a.sql);
      const got = await rows(copy.connectors[dialect], b.sql!);
      // Extra columns do not matter (as in scoring): either result holds the other.
      const same = resultsMatch(expected, got, q.ordered ?? false) || resultsMatch(got, expected, q.ordered ?? false);
      expect(same, `${q.id} ${q.question}\nsqlite: ${a.sql}\n${dialect}: ${b.sql}`).toBe(true);
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(questions.length * 0.8);
  }, 120_000);
});
