import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { SqliteConnector } from '../../../electron/main/connectors/sqlite/connector';
import { SqliteWorkerPool } from '../../../electron/main/connectors/sqlite/workerPool';
import { collect, errorCodeOf, tempDir } from './fixtures';

/** Workers keep their read-only connections between queries: they must still see every change. */
describe('SQLite connections kept open between queries', () => {
  const dir = tempDir('aiser-sqlite-kept');
  const pool = new SqliteWorkerPool({ maxWorkers: 3, idleStopMs: 200 });
  afterAll(async () => {
    await pool.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function makeDatabase(name: string, journal: 'delete' | 'wal', values: number[]): string {
    const file = path.join(dir, name);
    const db = new Database(file);
    db.pragma(`journal_mode = ${journal}`);
    db.exec('CREATE TABLE t (v INTEGER)');
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    db.transaction(() => { for (const value of values) insert.run(value); })();
    db.close();
    return file;
  }

  const values = async (connector: SqliteConnector, sql = 'SELECT v FROM t ORDER BY v') => (await collect(connector.query(sql))).rows.map((row) => row[0]);

  it.each(['delete', 'wal'] as const)('sees rows written to the file (%s journal) between two identical queries', async (journal) => {
    const file = makeDatabase(`rows-${journal}.db`, journal, [1, 2]);
    const connector = new SqliteConnector({ path: file }, pool);
    expect(await values(connector)).toEqual([1, 2]);
    const writer = new Database(file);
    writer.prepare('INSERT INTO t (v) VALUES (?)').run(3);
    expect(await values(connector)).toEqual([1, 2, 3]);
    writer.exec('DELETE FROM t WHERE v = 1');
    writer.close();
    expect(await values(connector)).toEqual([2, 3]);
    await connector.close();
  });

  it('sees a file replaced by another one and a changed schema', async () => {
    const file = makeDatabase('replaced.db', 'delete', [1]);
    const connector = new SqliteConnector({ path: file }, pool);
    expect(await values(connector)).toEqual([1]);
    const replacement = makeDatabase('replacement.db', 'delete', [7, 8, 9]);
    fs.renameSync(replacement, file);
    expect(await values(connector)).toEqual([7, 8, 9]);

    const writer = new Database(file);
    writer.exec("ALTER TABLE t ADD COLUMN label TEXT DEFAULT 'x'");
    writer.close();
    const all = await collect(connector.query('SELECT * FROM t ORDER BY v'));
    expect(all.columns.map((column) => column.name)).toEqual(['v', 'label']);
    expect(all.rows).toEqual([[7, 'x'], [8, 'x'], [9, 'x']]);
    await connector.close();
  });

  it('a statement error leaves the connection usable, and a refused write stays refused', async () => {
    const file = makeDatabase('errors.db', 'delete', [5]);
    const connector = new SqliteConnector({ path: file }, pool);
    expect(await errorCodeOf(() => collect(connector.query('SELECT missing_column FROM t')))).toBe('QUERY_FAILED');
    expect(await errorCodeOf(() => collect(connector.query('DELETE FROM t')))).toBe('READ_ONLY_VIOLATION');
    expect(await values(connector)).toEqual([5]);
    await connector.close();
  });

  it('a timed-out query still stops the worker that holds the connection', async () => {
    const own = new SqliteWorkerPool({ maxWorkers: 2 });
    const file = makeDatabase('slow.db', 'delete', Array.from({ length: 3000 }, (_, i) => i));
    const connector = new SqliteConnector({ path: file }, own);
    try {
      expect(await values(connector, 'SELECT count(*) FROM t')).toEqual([3000]);
      expect(own.workerCount).toBe(1);
      const code = await errorCodeOf(() => collect(connector.query('SELECT count(*) FROM t a, t b, t c', { timeoutMs: 300 })));
      expect(code).toBe('TIMEOUT');
      expect(own.workerCount).toBe(0);
      expect(await values(connector, 'SELECT count(*) FROM t')).toEqual([3000]);
    } finally {
      await own.close();
    }
  });

  it('idle workers beyond one stop after the idle period, so their memory returns', async () => {
    const file = makeDatabase('load.db', 'delete', Array.from({ length: 3000 }, (_, i) => i));
    const connector = new SqliteConnector({ path: file }, pool);
    // A burst of parallel queries starts every worker the pool allows …
    const counts = await Promise.all(Array.from({ length: 6 }, (_, i) => values(connector, `SELECT count(*) FROM t WHERE v % 6 = ${i}`)));
    expect(counts.flat().map(Number)).toEqual([500, 500, 500, 500, 500, 500]);
    expect(pool.workerCount).toBeGreaterThan(1);
    // … and once the load is over, all but one are stopped.
    await vi.waitFor(() => expect(pool.workerCount).toBe(1), { timeout: 10_000, interval: 50 });
    expect(await values(connector, 'SELECT count(*) FROM t')).toEqual([3000]);
    await connector.close();
  });
});
