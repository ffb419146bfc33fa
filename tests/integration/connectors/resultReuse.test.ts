import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../../shared/types/auth';
import { executeQuery, type LineageRecord } from '../../../electron/main/connectors/execute';
import { createConnector } from '../../../electron/main/connectors/registry';
import { ResultCache } from '../../../electron/main/connectors/resultCache';
import type { Connector, QueryOptions } from '../../../electron/main/connectors/types';
import { tempDir } from './fixtures';

/** A real connector whose executions are counted. */
function counted(connector: Connector): Connector & { executions: number } {
  const wrapper = Object.create(connector) as Connector & { executions: number };
  wrapper.executions = 0;
  wrapper.query = (sql: string, options?: QueryOptions) => {
    wrapper.executions++;
    return connector.query(sql, options);
  };
  return wrapper;
}

describe('results of file-backed sources are reused while the files are unchanged', () => {
  const dir = tempDir('aiser-reuse');
  const ctx = systemContext('org-1');
  const reads = { tables: ['t'], columns: ['t.v'] };
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function run(connector: Connector, cache: ResultCache, sql: string, sourceId = 'src-1') {
    const lineage: LineageRecord[] = [];
    const rows: unknown[][] = [];
    for await (const page of executeQuery({ connector, sql, sourceId, ctx, reads, resultCache: cache, options: { pageSize: 2 }, lineage: { record: (entry) => void lineage.push(entry) } })) rows.push(...page.rows);
    return { rows, lineage };
  }

  it('SQLite: a second identical query is served without running, a write to the file runs it again', async () => {
    const file = path.join(dir, 'reuse.db');
    const writer = new Database(file);
    writer.exec('CREATE TABLE t (v INTEGER); INSERT INTO t VALUES (1), (2), (3)');
    const connector = counted(createConnector({ type: 'sqlite', path: file }));
    const cache = new ResultCache();
    const sql = 'SELECT v FROM t ORDER BY v';

    const first = await run(connector, cache, sql);
    const second = await run(connector, cache, sql);
    expect(first.rows).toEqual([[1], [2], [3]]);
    expect(second.rows).toEqual(first.rows);
    expect(connector.executions).toBe(1);
    // Every run is still recorded in lineage.
    expect(second.lineage).toMatchObject([{ rowCount: 3, outcome: 'completed' }]);

    // Another statement, or the same one for another source, is its own entry.
    await run(connector, cache, 'SELECT v FROM t ORDER BY v DESC');
    await run(connector, cache, sql, 'src-2');
    expect(connector.executions).toBe(3);

    writer.exec('INSERT INTO t VALUES (4)');
    expect((await run(connector, cache, sql)).rows).toEqual([[1], [2], [3], [4]]);
    expect(connector.executions).toBe(4);
    expect((await run(connector, cache, sql)).rows).toEqual([[1], [2], [3], [4]]);
    expect(connector.executions).toBe(4);

    // A statement that reads the clock is never reused.
    await run(connector, cache, "SELECT v, date('now') AS today FROM t");
    await run(connector, cache, "SELECT v, date('now') AS today FROM t");
    expect(connector.executions).toBe(6);
    writer.close();
    await connector.close();
  });

  it('SQLite in WAL mode: a commit to the write-ahead log invalidates', async () => {
    const file = path.join(dir, 'reuse-wal.db');
    const writer = new Database(file);
    writer.pragma('journal_mode = wal');
    writer.exec('CREATE TABLE t (v INTEGER); INSERT INTO t VALUES (1)');
    const connector = counted(createConnector({ type: 'sqlite', path: file }));
    const cache = new ResultCache();
    const sql = 'SELECT count(*) AS n FROM t';
    expect((await run(connector, cache, sql)).rows).toEqual([[1]]);
    expect((await run(connector, cache, sql)).rows).toEqual([[1]]);
    expect(connector.executions).toBe(1);
    writer.exec('INSERT INTO t VALUES (2)');
    expect((await run(connector, cache, sql)).rows).toEqual([[2]]);
    expect(connector.executions).toBe(2);
    writer.close();
    await connector.close();
  });

  it('CSV files: reused until a file changes', async () => {
    const folder = path.join(dir, 'csv');
    fs.mkdirSync(folder);
    const csv = path.join(folder, 't.csv');
    fs.writeFileSync(csv, 'v\n1\n2\n');
    const connector = counted(createConnector({ type: 'files', path: folder }));
    const cache = new ResultCache();
    const sql = 'SELECT sum(v) AS total FROM t';
    expect((await run(connector, cache, sql)).rows).toEqual([[3]]);
    expect((await run(connector, cache, sql)).rows).toEqual([[3]]);
    expect(connector.executions).toBe(1);
    fs.writeFileSync(csv, 'v\n1\n2\n30\n');
    expect((await run(connector, cache, sql)).rows).toEqual([[33]]);
    expect(connector.executions).toBe(2);
    await connector.close();
  });
});
