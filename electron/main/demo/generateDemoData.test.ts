import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCsv } from './csvWriter';
import { generateDemoData, type DemoDataResult } from './generateDemoData';
import type { Glossary } from './glossary';

/** Independent RFC 4180 reader, so the test does not trust the writer it is checking. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') inQuotes = false;
      else field += ch;
    } else if (ch === '"') inQuotes = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; }
    else field += ch;
  }
  if (field !== '' || row.length > 0) throw new Error('CSV does not end with CRLF');
  return rows;
}

type Row = Record<string, string>;

function readTable(dir: string, table: string): Row[] {
  const [header, ...rows] = parseCsv(readFileSync(path.join(dir, `${table}.csv`), 'utf8'));
  for (const row of rows) expect(row).toHaveLength(header.length);
  return rows.map((row) => Object.fromEntries(header.map((column, i) => [column, row[i]])));
}

const TABLES = ['regions', 'customers', 'products', 'orders', 'order_items'] as const;
const tempDirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'aiser-demo-'));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describe('generateDemoData (reference date 2026-07-15)', () => {
  let dir: string;
  let result: DemoDataResult;
  let data: Record<(typeof TABLES)[number], Row[]>;

  beforeAll(async () => {
    dir = tempDir();
    result = await generateDemoData(dir, { endDate: '2026-07-15' });
    data = Object.fromEntries(TABLES.map((t) => [t, readTable(dir, t)])) as typeof data;
  });

  it('writes byte-identical files on every run with the same seed, and different data for another seed', async () => {
    const again = tempDir();
    const second = await generateDemoData(again, { endDate: '2026-07-15' });
    expect(second.tables).toEqual(result.tables);
    for (const file of result.files) {
      const name = path.basename(file);
      expect(readFileSync(path.join(again, name)).equals(readFileSync(file)), name).toBe(true);
    }
    const other = tempDir();
    await generateDemoData(other, { endDate: '2026-07-15', seed: 7 });
    expect(readFileSync(path.join(other, 'orders.csv')).equals(readFileSync(path.join(dir, 'orders.csv')))).toBe(false);
  });

  it('writes one CSV per table plus the glossary, no other files, and reports true row counts', () => {
    expect(result.files.map((f) => path.basename(f))).toEqual([...TABLES.map((t) => `${t}.csv`), 'glossary.json']);
    for (const table of TABLES) expect(result.tables[table], table).toBe(data[table].length);
    expect(result.tables.regions).toBeGreaterThanOrEqual(4);
    expect(result.tables.orders).toBeGreaterThanOrEqual(20_000);
    expect(result.tables.orders).toBeLessThanOrEqual(40_000);
    const totalBytes = result.files.reduce((sum, file) => sum + statSync(file).size, 0);
    expect(totalBytes).toBeLessThan(10 * 1024 * 1024);
  });

  it('covers three full years up to the end of the month before the reference date, every month present', () => {
    const months = new Set(data.orders.map((o) => o.order_date.slice(0, 7)));
    const dates = data.orders.map((o) => o.order_date).sort();
    expect(dates[0] >= '2023-01-01').toBe(true);
    expect(dates[dates.length - 1] <= '2026-06-30').toBe(true);
    for (let year = 2023; year <= 2026; year++) {
      for (let month = 1; month <= (year === 2026 ? 6 : 12); month++) {
        expect(months.has(`${year}-${String(month).padStart(2, '0')}`), `${year}-${month}`).toBe(true);
      }
    }
  });

  it('keeps every reference valid: ids unique, foreign keys resolve, orders after signup, every order has lines', () => {
    const byId = <T extends Row>(rows: T[], key: string) => new Map(rows.map((r) => [r[key], r]));
    const regions = byId(data.regions, 'region_id');
    const customers = byId(data.customers, 'customer_id');
    const products = byId(data.products, 'product_id');
    const orders = byId(data.orders, 'order_id');
    expect(regions.size).toBe(data.regions.length);
    expect(customers.size).toBe(data.customers.length);
    expect(products.size).toBe(data.products.length);
    expect(orders.size).toBe(data.orders.length);
    expect(new Set(data.order_items.map((i) => i.order_item_id)).size).toBe(data.order_items.length);
    expect(new Set(data.customers.map((c) => c.email)).size).toBe(data.customers.length);

    // Collect every broken row and assert once: one expect per row would be slow and unreadable.
    const problems: string[] = [];
    const check = (ok: boolean, problem: string) => { if (!ok) problems.push(problem); };
    for (const c of data.customers) {
      check(regions.has(c.region_id), `customer ${c.customer_id}: unknown region ${c.region_id}`);
      check(['Enterprise', 'Mid-Market', 'SMB'].includes(c.segment), `customer ${c.customer_id}: segment ${c.segment}`);
      check(/^[a-z]+\.[a-z]+@[a-z0-9]+\.[a-z.]+$/.test(c.email), `customer ${c.customer_id}: email ${c.email}`);
    }
    for (const o of data.orders) {
      const customer = customers.get(o.customer_id);
      check(customer !== undefined, `order ${o.order_id}: unknown customer ${o.customer_id}`);
      check(customer !== undefined && customer.signup_date <= o.order_date, `order ${o.order_id}: placed before signup`);
      check(['Online', 'Retail', 'Partner'].includes(o.channel), `order ${o.order_id}: channel ${o.channel}`);
      check(['completed', 'cancelled', 'returned'].includes(o.status), `order ${o.order_id}: status ${o.status}`);
    }
    const ordersWithLines = new Set<string>();
    for (const item of data.order_items) {
      const product = products.get(item.product_id);
      check(orders.has(item.order_id), `item ${item.order_item_id}: unknown order ${item.order_id}`);
      check(product?.unit_price === item.unit_price, `item ${item.order_item_id}: price differs from product ${item.product_id}`);
      const expected = Number(item.quantity) * Number(item.unit_price) * (1 - Number(item.discount));
      check(Math.abs(Number(item.amount) - expected) <= 0.005 + 1e-9, `item ${item.order_item_id}: amount ${item.amount} ≠ ${expected}`);
      ordersWithLines.add(item.order_id);
    }
    expect(problems.slice(0, 10)).toEqual([]);
    expect(ordersWithLines.size).toBe(data.orders.length);
    for (const p of data.products) expect(Number(p.unit_cost)).toBeLessThan(Number(p.unit_price));
  });

  it('cancels about 5% of orders', () => {
    const share = data.orders.filter((o) => o.status === 'cancelled').length / data.orders.length;
    expect(share).toBeGreaterThan(0.04);
    expect(share).toBeLessThan(0.06);
  });

  function revenueBy(keyOf: (order: Row) => string | null): Map<string, number> {
    const orders = new Map(data.orders.map((o) => [o.order_id, o]));
    const totals = new Map<string, number>();
    for (const item of data.order_items) {
      const order = orders.get(item.order_id)!;
      const key = order.status === 'cancelled' ? null : keyOf(order);
      if (key !== null) totals.set(key, (totals.get(key) ?? 0) + Number(item.amount));
    }
    return totals;
  }

  it('has a Q4 peak and a summer dip every full year, and grows year over year', () => {
    const quarterOf = (o: Row) => `${o.order_date.slice(0, 4)}-Q${Math.ceil(Number(o.order_date.slice(5, 7)) / 3)}`;
    const byQuarter = revenueBy(quarterOf);
    const byYear = revenueBy((o) => o.order_date.slice(0, 4));
    for (const year of [2023, 2024, 2025]) {
      expect(byQuarter.get(`${year}-Q4`)!, `${year} Q4 vs Q3`).toBeGreaterThan(byQuarter.get(`${year}-Q3`)!);
      expect(byQuarter.get(`${year}-Q3`)!, `${year} Q3 vs Q2`).toBeLessThan(byQuarter.get(`${year}-Q2`)!);
    }
    expect(byYear.get('2024')!).toBeGreaterThan(byYear.get('2023')!);
    expect(byYear.get('2025')!).toBeGreaterThan(byYear.get('2024')!);
  });

  it('lets regions differ: Asia Pacific grows faster than North America', () => {
    const customers = new Map(data.customers.map((c) => [c.customer_id, c]));
    const regionNames = new Map(data.regions.map((r) => [r.region_id, r.region_name]));
    const byRegionYear = revenueBy((o) => `${regionNames.get(customers.get(o.customer_id)!.region_id)}/${o.order_date.slice(0, 4)}`);
    const growth = (region: string) => byRegionYear.get(`${region}/2025`)! / byRegionYear.get(`${region}/2023`)!;
    expect(growth('Asia Pacific')).toBeGreaterThan(growth('North America') + 0.2);
  });

  it('round-trips names with commas and quotes through CSV quoting', () => {
    const productNames = data.products.map((p) => p.product_name);
    expect(productNames).toContain('UltraView 27" Monitor');
    expect(productNames).toContain('Laptop Backpack, 15"');
    expect(data.customers.some((c) => /, (Inc|Ltd)\.$/.test(c.customer_name))).toBe(true);
    const raw = readFileSync(path.join(dir, 'products.csv'), 'utf8');
    expect(raw).toContain('"Laptop Backpack, 15"""');
    const tricky = [['a,b', 'say "hi"', 'two\r\nlines', '', 3]];
    expect(parseCsv(toCsv(['x', 'y', 'z', 'empty', 'n'], tricky))[1]).toEqual(['a,b', 'say "hi"', 'two\r\nlines', '', '3']);
  });

  it('ships a glossary whose metrics and synonyms only name columns that exist, with email as PII', () => {
    const glossary = JSON.parse(readFileSync(path.join(dir, 'glossary.json'), 'utf8')) as Glossary;
    expect(glossary.now).toBe('2026-07-01');
    expect(glossary.metrics.map((m) => m.name)).toEqual(
      expect.arrayContaining(['revenue', 'orders', 'average order value', 'units sold', 'gross profit']),
    );
    expect(glossary.pii).toEqual(['customers.email']);
    const columns = new Set(TABLES.flatMap((t) => Object.keys(data[t][0]).map((c) => `${t}.${c}`)));
    const referenced = [
      ...glossary.metrics.flatMap((m) => [m.expression, m.filter ?? '', m.time ?? '']),
      ...Object.keys(glossary.synonyms), ...glossary.pii,
    ].flatMap((text) => text.match(/\b[a-z_]+\.[a-z_]+\b/g) ?? []);
    expect(referenced.length).toBeGreaterThan(10);
    for (const ref of referenced) expect(columns.has(ref), ref).toBe(true);
    for (const key of Object.keys(glossary.synonyms).filter((k) => !k.includes('.'))) {
      expect(TABLES as readonly string[]).toContain(key);
    }
  });

  it('is queryable in place by DuckDB, with the same revenue as computed from the files', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      const csv = (table: string) => `read_csv('${path.join(dir, `${table}.csv`).replaceAll("'", "''")}')`;
      const reader = await connection.runAndReadAll(
        `SELECT COUNT(*) AS n, ROUND(SUM(i.amount), 2) AS revenue
           FROM ${csv('orders')} o JOIN ${csv('order_items')} i ON i.order_id = o.order_id
          WHERE o.status <> 'cancelled' AND o.order_date >= DATE '2025-01-01' AND o.order_date < DATE '2026-01-01'`,
      );
      const [row] = reader.getRowObjectsJson();
      const expected = revenueBy((o) => o.order_date.slice(0, 4)).get('2025')!;
      expect(Number(row.revenue)).toBeCloseTo(expected, 2);
      const customers = (await connection.runAndReadAll(`SELECT COUNT(*) AS n FROM ${csv('customers')}`)).getRowObjectsJson();
      expect(Number(customers[0].n)).toBe(result.tables.customers);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });
});

describe('generateDemoData periods and input validation', () => {
  it('defaults to data ending at the end of the previous month relative to today', async () => {
    const dir = tempDir();
    await generateDemoData(dir);
    const lastDate = readTable(dir, 'orders').map((o) => o.order_date).sort().at(-1)!;
    const today = new Date();
    const firstOfMonth = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1));
    const firstOfPreviousMonth = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 1));
    expect(lastDate < firstOfMonth.toISOString().slice(0, 10)).toBe(true);
    expect(lastDate >= firstOfPreviousMonth.toISOString().slice(0, 10)).toBe(true);
  });

  it('honours an explicit startDate', async () => {
    const dir = tempDir();
    await generateDemoData(dir, { startDate: '2024-03-01', endDate: '2025-01-10' });
    const dates = readTable(dir, 'orders').map((o) => o.order_date).sort();
    expect(dates[0] >= '2024-03-01').toBe(true);
    expect(dates.at(-1)! <= '2024-12-31').toBe(true);
  });

  it('rejects bad options with errors that say what to change', async () => {
    const dir = tempDir();
    await expect(generateDemoData(dir, { endDate: '2026-02-30' })).rejects.toThrow(/endDate must be a real calendar date/);
    await expect(generateDemoData(dir, { startDate: '01/02/2024' })).rejects.toThrow(/startDate must be .*YYYY-MM-DD/);
    await expect(generateDemoData(dir, { startDate: '2026-06-01', endDate: '2026-07-15' })).rejects.toThrow(/earlier startDate/);
    await expect(generateDemoData(dir, { seed: -1 })).rejects.toThrow(/seed must be an integer/);
    await expect(generateDemoData(dir, { seed: 1.5 })).rejects.toThrow(/seed must be an integer/);
    await expect(generateDemoData('  ')).rejects.toThrow(/folder to write the demo files/);
  });
});
