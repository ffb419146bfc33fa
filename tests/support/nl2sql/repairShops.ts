/** A small shop-sales database for the offline-repair tests: shops and sales both have a `city`
 *  and a `status`, one shop sells zero units, rebates are nullable. The glossary's snippets use
 *  unqualified names, guarded-less divisions and functions some databases lack. */
import type Database from 'better-sqlite3';
import { parseGlossary, type Glossary } from '../../../shared/types/semantic';

export const REPAIR_SHOPS_DDL = [
  'CREATE TABLE shops (shop_id INTEGER PRIMARY KEY, shop_name TEXT NOT NULL, city TEXT NOT NULL, status TEXT NOT NULL)',
  `CREATE TABLE sales (sale_id INTEGER PRIMARY KEY, shop_id INTEGER NOT NULL REFERENCES shops(shop_id), city TEXT, amount NUMERIC NOT NULL,
    units INTEGER NOT NULL, rebate NUMERIC, status TEXT NOT NULL, sold_on DATE NOT NULL, channel TEXT NOT NULL)`,
  'CREATE TABLE promotions (promotion_id INTEGER PRIMARY KEY, shop_id INTEGER NOT NULL REFERENCES shops(shop_id), channel TEXT NOT NULL, budget NUMERIC NOT NULL)',
];

export type Row = (string | number | null)[];

export function repairShopsRows(): { shops: Row[]; sales: Row[]; promotions: Row[] } {
  const shops: Row[] = [1, 2, 3, 4].map((s) => [s, `Shop ${s}`, s % 2 ? 'Oslo' : 'Bergen', s === 4 ? 'closed' : 'active']);
  const sales: Row[] = [];
  for (let i = 1; i <= 80; i++) {
    const shop = 1 + (i % 4);
    sales.push([i, shop, shop % 2 ? 'Oslo' : 'Bergen', 10 + (i % 7) * 5, shop === 4 ? 0 : 1 + (i % 3), i % 5 ? 1.5 : null, i % 3 ? 'paid' : 'open', `2026-0${1 + (i % 6)}-1${i % 10}`, i % 2 ? 'web' : 'counter']);
  }
  const promotions: Row[] = [1, 2, 3, 4, 5, 6].map((p) => [p, 1 + (p % 4), p % 3 ? 'radio' : 'print', 100 * p]);
  return { shops, sales, promotions };
}

export function fillRepairShops(db: Database.Database): void {
  REPAIR_SHOPS_DDL.forEach((ddl) => db.exec(ddl));
  const { shops, sales, promotions } = repairShopsRows();
  shops.forEach((r) => db.prepare('INSERT INTO shops VALUES (?, ?, ?, ?)').run(...r));
  sales.forEach((r) => db.prepare('INSERT INTO sales VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(...r));
  promotions.forEach((r) => db.prepare('INSERT INTO promotions VALUES (?, ?, ?, ?)').run(...r));
}

export const repairShopsGlossary = (): Glossary => parseGlossary({
  name: 'shops', now: '2026-07-01',
  metrics: [
    { name: 'open sales', expression: 'COUNT(sales.sale_id)', filter: "status = 'open'", time: 'sales.sold_on' },
    { name: 'price per unit', expression: 'SUM(sales.amount) / SUM(sales.units)', time: 'sales.sold_on' },
    { name: 'rebates', expression: 'SUM(NVL(sales.rebate, 0))', time: 'sales.sold_on' },
    { name: 'kept rebates', expression: 'SUM(IFNULL(sales.rebate, 0))', time: 'sales.sold_on' },
    { name: 'scaled rebates', expression: 'SUM(SCALE_BY_RATE(sales.rebate))', time: 'sales.sold_on' },
  ],
});
