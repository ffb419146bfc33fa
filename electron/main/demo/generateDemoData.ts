/**
 * Writes the demo workspace's dataset: CSV files (one table per file, queried in place by the
 * DuckDB files connector) plus the glossary the demo source ships with. Deterministic: the same
 * seed and dates give byte-identical files.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CATEGORY_MARGINS, PRODUCTS, REGIONS } from './catalogs';
import { formatDay, resolveDemoPeriod } from './calendar';
import { formatCents, toCsv, type CsvValue } from './csvWriter';
import { generateCustomers } from './customers';
import { buildDemoGlossary } from './glossary';
import { generateOrders } from './orders';
import { SeededRandom } from './prng';

export interface DemoDataOptions {
  /** Unsigned 32-bit integer; the same seed gives the same data. */
  seed?: number;
  /** First day of data (YYYY-MM-DD); default January 1st three years before the last day. */
  startDate?: string;
  /** Reference date (YYYY-MM-DD): data ends on the last day of the previous month. Default: today. */
  endDate?: string;
}

export interface DemoDataResult {
  /** Absolute paths of the files written, tables first, glossary last. */
  files: string[];
  /** Row count per table; the table name is the CSV file name without extension. */
  tables: Record<string, number>;
}

export const DEFAULT_DEMO_SEED = 20_240_601;
export const DEMO_GLOSSARY_FILE = 'glossary.json';

interface TableFile {
  name: string;
  header: string[];
  rows: CsvValue[][];
}

export async function generateDemoData(dir: string, options: DemoDataOptions = {}): Promise<DemoDataResult> {
  if (typeof dir !== 'string' || dir.trim() === '') {
    throw new Error('generateDemoData needs the folder to write the demo files into (got an empty path)');
  }
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new Error(`seed must be an integer between 0 and 4294967295 (got ${seed})`);
  }
  const period = resolveDemoPeriod(options);
  const random = new SeededRandom(seed);
  const customers = generateCustomers(random, period);
  const { orders, items } = generateOrders(random, period, customers);

  const tables: TableFile[] = [
    {
      name: 'regions',
      header: ['region_id', 'region_name'],
      rows: REGIONS.map((region) => [region.id, region.name]),
    },
    {
      name: 'customers',
      header: ['customer_id', 'customer_name', 'segment', 'region_id', 'signup_date', 'email'],
      rows: customers.map((c) => [c.id, c.name, c.segment.name, c.region.id, formatDay(c.signupDay), c.email]),
    },
    {
      name: 'products',
      header: ['product_id', 'product_name', 'category', 'unit_price', 'unit_cost'],
      rows: PRODUCTS.map((p, index) => [
        index + 1, p.name, p.category, formatCents(p.unitPriceCents),
        formatCents(Math.round(p.unitPriceCents * (1 - CATEGORY_MARGINS[p.category]))),
      ]),
    },
    {
      name: 'orders',
      header: ['order_id', 'order_date', 'customer_id', 'channel', 'status'],
      rows: orders.map((o) => [o.id, formatDay(o.day), o.customer.id, o.channel, o.status]),
    },
    {
      name: 'order_items',
      header: ['order_item_id', 'order_id', 'product_id', 'quantity', 'unit_price', 'discount', 'amount'],
      rows: items.map((i) => [
        i.id, i.orderId, i.productId, i.quantity, formatCents(i.unitPriceCents), i.discount.toFixed(2), formatCents(i.amountCents),
      ]),
    },
  ];

  const folder = path.resolve(dir);
  await mkdir(folder, { recursive: true });
  const files: string[] = [];
  const rowCounts: Record<string, number> = {};
  for (const table of tables) {
    const file = path.join(folder, `${table.name}.csv`);
    await writeFile(file, toCsv(table.header, table.rows), 'utf8');
    files.push(file);
    rowCounts[table.name] = table.rows.length;
  }
  const glossaryFile = path.join(folder, DEMO_GLOSSARY_FILE);
  await writeFile(glossaryFile, JSON.stringify(buildDemoGlossary(formatDay(period.referenceDay)), null, 2) + '\n', 'utf8');
  files.push(glossaryFile);
  return { files, tables: rowCounts };
}
