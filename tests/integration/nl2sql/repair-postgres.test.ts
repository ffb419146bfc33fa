/** Offline repair on real PostgreSQL, which refuses what SQLite lets through: text summed or compared
 *  with numbers, date functions on text, division by zero, functions of other dialects. The engine's
 *  schema snapshot is read before the database changes (as a cached snapshot is). */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SchemaInfo } from '../../../shared/types/schema';
import { createConnector } from '../../../electron/main/connectors/registry';
import type { Connector } from '../../../electron/main/connectors/types';
import { REPAIR_SHOPS_DDL, repairShopsGlossary, repairShopsRows } from '../../support/nl2sql/repairShops';
import { classifyDbError } from '../../../electron/main/nl2sql/dbErrors';
import { Nl2SqlEngine, NL2SQL_VALUE_CAP } from '../../../electron/main/nl2sql/engine';
import { askAndRun } from '../../../electron/main/nl2sql/repair';
import { resultsMatch, type ResultTable } from '../../../electron/main/nl2sql/scorer';
import { collect } from '../connectors/fixtures';

const PG_URL = process.env.AISER_TEST_PG_URL ?? 'postgres://aiser:aiser@127.0.0.1:5432/aiser_src';
const schemaName = `nl2sql_repair_${process.pid}_${Date.now().toString(36)}`;

let admin: pg.Client;
let connector: Connector;
let snapshot: SchemaInfo;

async function rows(sql: string): Promise<ResultTable> {
  const { columns, rows: cells } = await collect(connector.query(sql));
  return { columns: columns.map((c) => c.name), rows: cells };
}

/** The failure kinds seen, then whether the repaired result equals the gold query's. */
async function repaired(engine: Nl2SqlEngine, question: string, gold: string) {
  const out = await askAndRun(engine, question, rows);
  const kinds = out.failures.map((f) => classifyDbError(f.error).kind);
  const same = out.result ? resultsMatch(await rows(gold.replace(/\b(sales|shops)\b/g, `${schemaName}.$1`)), out.result, false) : false;
  return { out, kinds, same };
}

beforeAll(async () => {
  admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schemaName}`);
  await admin.query(`SET search_path TO ${schemaName}`);
  for (const ddl of REPAIR_SHOPS_DDL) await admin.query(ddl);
  const { shops, sales, promotions } = repairShopsRows();
  for (const r of shops) await admin.query('INSERT INTO shops VALUES ($1, $2, $3, $4)', r);
  for (const r of sales) await admin.query('INSERT INTO sales VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)', r);
  for (const r of promotions) await admin.query('INSERT INTO promotions VALUES ($1, $2, $3, $4)', r);
  connector = createConnector({ type: 'postgres', url: PG_URL, schema: schemaName });
  snapshot = await connector.introspect({ distinctValueCap: NL2SQL_VALUE_CAP });
  // After the snapshot: amounts and sale dates now arrive as text (as from a loose CSV load).
  await admin.query('ALTER TABLE sales ALTER COLUMN amount TYPE text, ALTER COLUMN sold_on TYPE text, DROP COLUMN city');
});

afterAll(async () => {
  await connector?.close();
  await admin?.query(`DROP SCHEMA IF EXISTS ${schemaName} CASCADE`);
  await admin?.end();
});

describe('offline repair from PostgreSQL errors', () => {
  it('reads a column that became text as a number where it is summed', async () => {
    const { out, kinds, same } = await repaired(new Nl2SqlEngine(snapshot), 'total amount by shop', 'SELECT shops.shop_name, SUM(CAST(sales.amount AS NUMERIC)) FROM sales JOIN shops ON shops.shop_id = sales.shop_id GROUP BY shops.shop_id, shops.shop_name');
    expect(kinds).toEqual(['typeMismatch']);
    expect(same, out.answer.sql).toBe(true);
    expect(out.answer.explanation).toMatch(/read the argument of SUM as a number/);
  });

  it('reads a text column compared with a number as a number', async () => {
    const { out, kinds, same } = await repaired(new Nl2SqlEngine(snapshot), 'how many sales with amount above 30', 'SELECT COUNT(*) FROM sales WHERE CAST(amount AS NUMERIC) > 30');
    expect(kinds).toEqual(['typeMismatch']);
    expect(same, out.answer.sql).toBe(true);
  });

  it('reads dates kept as text as timestamps for a monthly series', async () => {
    const { out, kinds, same } = await repaired(new Nl2SqlEngine(snapshot), 'number of sales by month', "SELECT to_char(CAST(sold_on AS TIMESTAMP), 'YYYY-MM'), COUNT(*) FROM sales GROUP BY 1");
    expect(kinds).toEqual(['typeMismatch']);
    expect(same, out.answer.sql).toBe(true);
  });

  it('repairs one error after another: a dropped column, then text amounts', async () => {
    const { out, kinds, same } = await repaired(new Nl2SqlEngine(snapshot), 'total amount by city', 'SELECT shops.city, SUM(CAST(sales.amount AS NUMERIC)) FROM sales JOIN shops ON shops.shop_id = sales.shop_id GROUP BY shops.city');
    expect(kinds).toEqual(['unknownColumn', 'typeMismatch']);
    expect(same, out.answer.sql).toBe(true);
    expect(out.answer.explanation).toMatch(/left out sales\.city.*then read the argument of SUM/);
  });

  it('guards a glossary division whose divisor is zero for one group', async () => {
    const { out, kinds, same } = await repaired(new Nl2SqlEngine(snapshot, repairShopsGlossary()), 'price per unit by shop', 'SELECT shops.shop_name, SUM(CAST(sales.amount AS NUMERIC)) / NULLIF(SUM(sales.units), 0) FROM sales JOIN shops ON shops.shop_id = sales.shop_id GROUP BY shops.shop_id, shops.shop_name');
    expect(kinds).toEqual(['typeMismatch', 'divisionByZero']);
    expect(same, out.answer.sql).toBe(true);
    expect(out.answer.sql).toContain('NULLIF(');
  });

  it('replaces a function of another dialect with the one PostgreSQL has', async () => {
    const { out, kinds, same } = await repaired(new Nl2SqlEngine(snapshot, repairShopsGlossary()), 'kept rebates by shop', 'SELECT shops.shop_name, SUM(COALESCE(sales.rebate, 0)) FROM sales JOIN shops ON shops.shop_id = sales.shop_id GROUP BY shops.shop_id, shops.shop_name');
    expect(kinds).toEqual(['missingFunction']);
    expect(same, out.answer.sql).toBe(true);
  });
});
