import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FilesConnector } from '../../../electron/main/connectors/duckdb/connector';
import { MATERIALISED_ROW_LIMIT } from '../../../electron/main/connectors/duckdb/stream';
import { collect, errorCodeOf, tempDir } from './fixtures';

const ROWS = 2_500;
const ORDERED = 'SELECT id, label, amount, sold_on FROM items ORDER BY id';
const expectedRow = (id: number) => [id, `item ${id}`, (id % 100) / 4, `2024-01-${String((id % 28) + 1).padStart(2, '0')}`];

/**
 * Results whose statement ends with a small LIMIT (as the guard writes it) are materialised,
 * others streamed; callers must see the same rows, pages, types and errors either way, whether
 * the files are read in place (views) or loaded into memory (tables).
 */
describe.each([
  ['read in place', 0],
  ['loaded into memory', undefined],
])('files connector results (%s)', (_label, loadLimitBytes) => {
  const dir = tempDir('aiser-files-results');
  let connector: FilesConnector;

  beforeAll(() => {
    const lines = Array.from({ length: ROWS }, (_, i) => expectedRow(i + 1).join(','));
    fs.writeFileSync(path.join(dir, 'items.csv'), ['id,label,amount,sold_on', ...lines].join('\n') + '\n');
    connector = new FilesConnector({ path: dir }, { loadLimitBytes });
  });

  afterAll(async () => {
    await connector.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['materialised (guard limit)', `${ORDERED} LIMIT 10001`],
    ['streamed (limit above the threshold)', `${ORDERED} LIMIT ${MATERIALISED_ROW_LIMIT + 1}`],
    ['streamed (no limit)', ORDERED],
  ])('%s: every row in order, in pages of pageSize with running offsets', async (_kind, sql) => {
    const result = await collect(connector.query(sql, { pageSize: 1000 }));
    expect(result.pages.map((page) => [page.offset, page.rows.length, page.done])).toEqual([[0, 1000, false], [1000, 1000, false], [2000, 500, true]]);
    expect(result.rows).toHaveLength(ROWS);
    expect(result.rows[0]).toEqual(expectedRow(1));
    expect(result.rows[ROWS - 1]).toEqual(expectedRow(ROWS));
    expect(result.columns).toEqual([
      { name: 'id', kind: 'number' }, { name: 'label', kind: 'text' }, { name: 'amount', kind: 'number' }, { name: 'sold_on', kind: 'date' },
    ]);
  });

  it('stops at maxRows and at the statement limit on both paths', async () => {
    for (const limit of [10_001, MATERIALISED_ROW_LIMIT + 1]) {
      const capped = await collect(connector.query(`${ORDERED} LIMIT ${limit}`, { maxRows: 1500, pageSize: 1000 }));
      expect(capped.pages.map((page) => [page.offset, page.rows.length, page.done])).toEqual([[0, 1000, false], [1000, 500, true]]);
    }
    const limited = await collect(connector.query(`${ORDERED} LIMIT 3`));
    expect(limited.rows).toEqual([expectedRow(1), expectedRow(2), expectedRow(3)]);
    const none = await collect(connector.query('SELECT id FROM items WHERE id < 0 LIMIT 10'));
    expect(none.pages).toEqual([{ columns: [{ name: 'id', kind: 'number' }], rows: [], offset: 0, done: true }]);
  });

  it('converts bigints, decimals, timestamps and lists the same when materialised', async () => {
    const select = "SELECT 9007199254740993::BIGINT AS big, 7::BIGINT AS small, 12.34::DECIMAL(10,2) AS price, TIMESTAMP '2024-02-29 13:45:00' AS at, DATE '2024-02-29' AS day, [1, 2] AS list, NULL AS nothing";
    const expected = [['9007199254740993', 7, 12.34, '2024-02-29T13:45:00', '2024-02-29', '[1,2]', null]];
    expect((await collect(connector.query(`${select} LIMIT 1`))).rows).toEqual(expected);
    expect((await collect(connector.query(select))).rows).toEqual(expected);
  });

  it.each([
    ['two statements', 'SELECT 1; SELECT 2 LIMIT 5', 'READ_ONLY_VIOLATION'],
    // A view refuses the insert when it is prepared, a table at the read-only type check.
    ['a write', 'INSERT INTO items SELECT * FROM items LIMIT 5', /^(READ_ONLY_VIOLATION|QUERY_FAILED)$/],
    ['a table created', 'CREATE TABLE copied AS SELECT * FROM items LIMIT 5', 'READ_ONLY_VIOLATION'],
    ['a syntax error', 'SELEC id FROM items LIMIT 5', 'QUERY_FAILED'],
    ['an unknown table', 'SELECT * FROM nowhere LIMIT 5', 'QUERY_FAILED'],
  ])('refuses %s that ends with a small LIMIT', async (_label, sql, code) => {
    expect(await errorCodeOf(() => collect(connector.query(sql)))).toMatch(code);
    expect((await collect(connector.query('SELECT count(*) FROM items LIMIT 1'))).rows).toEqual([[ROWS]]);
  });

  it('a materialised query can still be timed out', async () => {
    const slow = 'SELECT count(*) FROM range(1000000000000) a WHERE a.range % 7 = 3 LIMIT 1';
    expect(await errorCodeOf(() => collect(connector.query(slow, { timeoutMs: 200 })))).toBe('TIMEOUT');
  });
});
