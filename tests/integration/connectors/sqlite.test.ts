import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnector } from '../../../electron/main/connectors/registry';
import type { Connector } from '../../../electron/main/connectors/types';
import { collect, errorCodeOf, tempDir } from './fixtures';

const COUNT_TO_100000 = 'WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < 100000) SELECT n FROM seq';

describe('SQLite connector', () => {
  const dir = tempDir('aiser-sqlite');
  const file = path.join(dir, 'metrics.db');
  let connector: Connector;
  const fileHash = () => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

  beforeAll(() => {
    const db = new Database(file);
    db.exec(`CREATE TABLE events (id INTEGER PRIMARY KEY, big INTEGER, happened_at DATETIME, day DATE, label TEXT);
      INSERT INTO events VALUES (1, 9007199254740993, '2024-02-29 13:45:00', '2024-02-29', 'launch'), (2, 12, '2024-03-01 08:00:00', '2024-03-01', NULL);`);
    db.close();
    connector = createConnector({ type: 'sqlite', path: file });
  });

  afterAll(async () => {
    await connector.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps integers exact and dates ISO, and leaves the file byte-for-byte unchanged', async () => {
    const before = fileHash();
    const result = await collect(connector.query('SELECT big, happened_at, day, label, count(*) OVER () AS total FROM events ORDER BY id'));
    expect(result.rows).toEqual([
      ['9007199254740993', '2024-02-29T13:45:00', '2024-02-29', 'launch', 2],
      [12, '2024-03-01T08:00:00', '2024-03-01', null, 2],
    ]);
    expect(result.columns.map((column) => column.kind)).toEqual(['number', 'datetime', 'date', 'text', 'number']);
    expect(fileHash()).toBe(before);
  });

  it('steps lazily through large results in pages and honours maxRows', async () => {
    const capped = await collect(connector.query(COUNT_TO_100000, { pageSize: 2000, maxRows: 5000 }));
    expect(capped.rows).toHaveLength(5000);
    expect(capped.pages.map((page) => page.rows.length)).toEqual([2000, 2000, 1000]);
    expect(capped.pages.at(-1)?.done).toBe(true);
  });

  it('stops between pages when the signal aborts', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const code = await errorCodeOf(async () => {
      for await (const page of connector.query(COUNT_TO_100000, { pageSize: 1000, signal: controller.signal })) {
        seen.push(page.rows.length);
        controller.abort();
      }
    });
    expect(code).toBe('CANCELLED');
    expect(seen).toEqual([1000]);
  });

  it('reports a missing file and a file that is not a database', async () => {
    expect(await errorCodeOf(() => createConnector({ type: 'sqlite', path: path.join(dir, 'missing.db') }).test())).toBe('FILE_NOT_FOUND');
    const notDb = path.join(dir, 'notes.db');
    fs.writeFileSync(notDb, 'just some text, definitely not SQLite');
    const broken = createConnector({ type: 'sqlite', path: notDb });
    expect(await errorCodeOf(() => broken.test())).toBe('QUERY_FAILED');
    await broken.close();
  });
});
