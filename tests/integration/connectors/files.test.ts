import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSandboxedDuckdb } from '../../../electron/main/connectors/duckdb/sandbox';
import { createConnector } from '../../../electron/main/connectors/registry';
import type { Connector } from '../../../electron/main/connectors/types';
import { collect, errorCodeOf, tempDir } from './fixtures';

const SALES = [
  { region: 'EU', units: 3, price: 9.99, sold_on: '2024-01-05' },
  { region: 'US', units: 5, price: 19.5, sold_on: '2024-02-29' },
  { region: 'EU', units: 2, price: 4.25, sold_on: '2024-03-10' },
];
const TOTALS_SQL = (table: string) => `SELECT region, SUM(units) AS units, MIN(sold_on) AS first_sale FROM ${table} GROUP BY region ORDER BY region`;
const EXPECTED_TOTALS = [['EU', 5, '2024-01-05'], ['US', 5, '2024-02-29']];

async function writeFixtureFiles(folder: string): Promise<void> {
  const header = 'region,units,price,sold_on';
  const lines = SALES.map((sale) => [sale.region, sale.units, sale.price, sale.sold_on].join(','));
  fs.writeFileSync(path.join(folder, 'Sales 2024 (Q1).csv'), [header, ...lines].join('\n') + '\n');
  fs.writeFileSync(path.join(folder, 'sales_tabs.tsv'), [header, ...lines].map((line) => line.replaceAll(',', '\t')).join('\n') + '\n');
  fs.writeFileSync(path.join(folder, 'sales_array.json'), JSON.stringify(SALES));
  fs.writeFileSync(path.join(folder, 'sales_lines.ndjson'), SALES.map((sale) => JSON.stringify(sale)).join('\n') + '\n');
  fs.writeFileSync(path.join(folder, 'notes.txt'), 'not a data file');
  const duck = await DuckDBInstance.create(':memory:');
  const connection = await duck.connect();
  await connection.run(`COPY (SELECT * FROM read_csv('${path.join(folder, 'Sales 2024 (Q1).csv')}')) TO '${path.join(folder, 'sales_columnar.parquet')}' (FORMAT parquet)`);
  connection.closeSync();
  duck.closeSync();
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sales');
  sheet.addRow(['region', 'units', 'price', 'sold_on']);
  for (const sale of SALES) sheet.addRow([sale.region, sale.units, sale.price, new Date(`${sale.sold_on}T00:00:00Z`)]);
  const targets = workbook.addWorksheet('Targets');
  targets.addRow(['region', 'target']);
  targets.addRow(['EU', 10]);
  targets.addRow(['US', { formula: '4*3', result: 12 }]);
  await workbook.xlsx.writeFile(path.join(folder, 'plan.xlsx'));
}

describe('files connector (DuckDB over files in place)', () => {
  const dir = tempDir('aiser-files');
  const folder = path.join(dir, 'data');
  let connector: Connector;

  beforeAll(async () => {
    fs.mkdirSync(folder);
    await writeFixtureFiles(folder);
    connector = createConnector({ type: 'files', path: folder });
  });

  afterAll(async () => {
    await connector.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('turns a folder into one table per supported file, with sanitised names', async () => {
    const schema = await connector.introspect();
    expect(schema.dialect).toBe('duckdb');
    expect(schema.tables.map((table) => table.name).sort()).toEqual(
      ['plan_sales', 'plan_targets', 'sales_2024_q1', 'sales_array', 'sales_columnar', 'sales_lines', 'sales_tabs'],
    );
    const csv = schema.tables.find((table) => table.name === 'sales_2024_q1');
    expect(csv?.rowCountEstimate).toBe(3);
    expect(csv?.columns.map((column) => column.kind)).toEqual(['text', 'number', 'number', 'date']);
    expect(csv?.columns[0].distinctValues).toEqual(['EU', 'US']);
  });

  it.each(['sales_2024_q1', 'sales_tabs', 'sales_columnar', 'sales_array', 'sales_lines', 'plan_sales'])('queries %s in place with typed results', async (table) => {
    const result = await collect(connector.query(TOTALS_SQL(table)));
    expect(result.rows).toEqual(EXPECTED_TOTALS);
  });

  it('reads every sheet of a workbook, including formula results, without writing files', async () => {
    const before = fs.readdirSync(folder).sort();
    const result = await collect(connector.query('SELECT region, target FROM plan_targets ORDER BY region'));
    expect(result.rows).toEqual([['EU', 10], ['US', 12]]);
    expect(fs.readdirSync(folder).sort()).toEqual(before);
  });

  it('keeps bigints exact, decimals numeric and timestamps ISO', async () => {
    const result = await collect(connector.query(
      "SELECT 9007199254740993::BIGINT AS big, 7::BIGINT AS small, 12.34::DECIMAL(10,2) AS price, TIMESTAMP '2024-02-29 13:45:00' AS at, [1, 2] AS list",
    ));
    expect(result.rows).toEqual([['9007199254740993', 7, 12.34, '2024-02-29T13:45:00', '[1,2]']]);
    expect(result.columns.map((column) => column.kind)).toEqual(['number', 'number', 'number', 'datetime', 'other']);
  });

  it('streams pages and can be cancelled or timed out', async () => {
    const paged = await collect(connector.query('SELECT range AS n FROM range(5000)', { pageSize: 1000 }));
    expect(paged.rows).toHaveLength(5000);
    expect(paged.pages.every((page) => page.rows.length <= 1000)).toBe(true);
    const slow = 'SELECT count(*) FROM range(1000000000000) a WHERE a.range % 7 = 3';
    const controller = new AbortController();
    const cancelled = errorCodeOf(() => collect(connector.query(slow, { signal: controller.signal })));
    setTimeout(() => controller.abort(), 100);
    expect(await cancelled).toBe('CANCELLED');
    expect(await errorCodeOf(() => collect(connector.query(slow, { timeoutMs: 200 })))).toBe('TIMEOUT');
  });

  it('the DuckDB sandbox itself is locked: no re-enabling file access, no files beyond the source', async () => {
    const allowed = path.join(folder, 'sales_columnar.parquet');
    const instance = await openSandboxedDuckdb([allowed], async () => undefined);
    const connection = await instance.connect();
    const failure = (sql: string) => connection.run(sql).then(() => 'accepted', (error: Error) => error.message);
    try {
      expect(await failure('SET enable_external_access = true')).toMatch(/locked/);
      expect(await failure('SET autoload_known_extensions = true')).toMatch(/locked/);
      expect(await failure("SELECT * FROM read_csv('/etc/passwd')")).toMatch(/Permission|disabled/);
      expect(await failure(`SELECT * FROM read_csv('${path.join(folder, 'sales_tabs.tsv')}')`)).toMatch(/Permission|disabled/);
      expect(await failure('LOAD httpfs')).not.toBe('accepted');
      expect((await connection.runAndReadAll(`SELECT count(*) FROM read_parquet('${allowed}')`)).getRows()).toEqual([[3n]]);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });

  it('a single file is a source too', async () => {
    const single = createConnector({ type: 'files', path: path.join(folder, 'sales_columnar.parquet') });
    try {
      expect((await single.introspect()).tables.map((table) => table.name)).toEqual(['sales_columnar']);
    } finally {
      await single.close();
    }
  });

  it.each([
    ['a missing path', () => path.join(dir, 'nowhere')],
    ['a folder without data files', () => fs.mkdtempSync(path.join(dir, 'empty-'))],
  ])('reports %s as FILE_NOT_FOUND', async (_label, makePath) => {
    const broken = createConnector({ type: 'files', path: makePath() });
    expect(await errorCodeOf(() => broken.test())).toBe('FILE_NOT_FOUND');
  });
});
