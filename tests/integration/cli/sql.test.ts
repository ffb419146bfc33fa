import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDataDir } from '../../support/tempServer';

const repo = path.resolve(import.meta.dirname, '..', '..', '..');
const aiser = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [path.join(repo, 'bin', 'aiser'), ...args], { cwd: repo, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });

describe('aiser sql', () => {
  let dir: string;
  let dbFile: string;
  let csvFile: string;

  beforeAll(() => {
    dir = tempDataDir('aiser-cli-');
    dbFile = path.join(dir, 'crm.sqlite');
    const db = new Database(dbFile);
    db.exec(`CREATE TABLE accounts (id INTEGER PRIMARY KEY, name TEXT, email TEXT, arr REAL);
      INSERT INTO accounts VALUES (1, 'Globex', 'ceo@globex.com', 120000.5), (2, 'Initech', 'bill@initech.com', 80000), (3, 'Umbrella', 'alice@umbrella.com', 250000);`);
    db.close();
    csvFile = path.join(dir, 'deals.csv');
    fs.writeFileSync(csvFile, 'deal_id,stage,amount\n1,won,100\n2,lost,50\n3,won,25\n');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints a table for a SELECT on a SQLite file', () => {
    const run = aiser(['sql', '--source', dbFile, 'SELECT name, arr FROM accounts ORDER BY arr DESC']);
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/name\s+│\s+arr/);
    expect(lines[2]).toContain('Umbrella');
    expect(run.stdout).toContain('3 rows');
  });

  it('prints JSON with --json, numbers as numbers, personal data masked for the default analyst role', () => {
    const run = aiser(['sql', '--json', '--source', dbFile, 'SELECT name, email, arr FROM accounts WHERE id = 1']);
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { rows: unknown[][]; columns: Array<{ name: string; masked?: boolean }> };
    expect(result.rows[0][0]).toBe('Globex');
    expect(result.rows[0][2]).toBe(120000.5);
    expect(result.rows[0][1]).not.toContain('ceo@');
    expect(result.columns[1].masked).toBe(true);
  });

  it('queries a CSV file in place', () => {
    const run = aiser(['sql', '--json', '--source', csvFile, "SELECT stage, SUM(amount) AS total FROM deals GROUP BY stage ORDER BY stage"]);
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).rows).toEqual([['lost', 50], ['won', 125]]);
  });

  it.each([
    'DELETE FROM accounts',
    'SELECT 1; DROP TABLE accounts',
    "ATTACH DATABASE '/tmp/x.db' AS x",
    'SELECT * FROM sqlite_master',
    "SELECT load_extension('/tmp/evil')",
  ])('refuses %s with exit code 3 and leaves the data alone', (sql) => {
    const run = aiser(['sql', '--source', dbFile, sql]);
    expect(run.status).toBe(3);
    expect(run.stderr).toMatch(/^Refused: /);
    const db = new Database(dbFile, { readonly: true });
    expect((db.prepare('SELECT COUNT(*) AS n FROM accounts').get() as { n: number }).n).toBe(3);
    db.close();
  });

  it('explains usage errors with exit code 2', () => {
    const run = aiser(['sql', 'SELECT 1']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Usage: aiser sql');
  });
});
