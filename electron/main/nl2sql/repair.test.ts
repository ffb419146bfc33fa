/** Offline repair on a real SQLite database: the schema snapshot the engine read no longer matches
 *  the database, or a glossary expression uses names this database refuses; the engine repairs from
 *  the error or says honestly what it tried. */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Glossary } from '../../../shared/types/semantic';
import { createConnector } from '../connectors/registry';
import { writeFixtureDatabase, type FixtureDatabase } from '../../../tests/support/nl2sql/holdout/fixtureKit';
import { fillRepairShops, repairShopsGlossary } from '../../../tests/support/nl2sql/repairShops';
import { classifyDbError } from './dbErrors';
import { Nl2SqlEngine, NL2SQL_VALUE_CAP } from './engine';
import { askAndRun, MAX_OFFLINE_REPAIRS, repairAnswer } from './repair';
import { resultsMatch, type ResultTable } from './scorer';

const open: { fixture: FixtureDatabase; db: Database.Database }[] = [];
afterEach(() => open.splice(0).forEach(({ fixture, db }) => { db.close(); fixture.cleanup(); }));

/** A fresh database, the engine on its schema as read now, and a runner; `change` alters the database afterwards. */
async function setup(glossary?: Glossary, change?: string) {
  const fixture = writeFixtureDatabase('repair', fillRepairShops);
  const connector = createConnector({ type: 'sqlite', path: fixture.file });
  const schema = await connector.introspect({ distinctValueCap: NL2SQL_VALUE_CAP });
  await connector.close();
  const db = new Database(fixture.file);
  open.push({ fixture, db });
  if (change) db.exec(change);
  const run = async (sql: string): Promise<ResultTable> => {
    const stmt = db.prepare(sql);
    return { columns: stmt.columns().map((c) => c.name), rows: stmt.raw().all() as ResultTable['rows'] };
  };
  return { engine: new Nl2SqlEngine(schema, glossary), run };
}

describe('offline repair from SQLite errors', () => {
  it('re-plans without a column the database no longer has and reaches it through another table', async () => {
    const { engine, run } = await setup(undefined, 'ALTER TABLE sales DROP COLUMN city');
    const out = await askAndRun(engine, 'total amount by city', run);
    expect(out.failures.map((f) => classifyDbError(f.error).kind)).toEqual(['unknownColumn']);
    const gold = await run('SELECT shops.city, SUM(sales.amount) FROM sales JOIN shops ON shops.shop_id = sales.shop_id GROUP BY shops.city');
    expect(resultsMatch(gold, out.result!, false)).toBe(true);
    expect(out.answer.explanation).toContain('left out sales.city');
    expect(out.answer.confidence).toBeLessThan(engine.ask('total amount by city').confidence);
  });

  it('answers honestly when the column the question needs is gone, naming what it tried and what to do', async () => {
    const { engine, run } = await setup(undefined, 'ALTER TABLE sales DROP COLUMN rebate');
    const out = await askAndRun(engine, 'average rebate by shop', run);
    expect(out.result).toBeUndefined();
    expect(out.answer.sql).toBeUndefined();
    expect(out.answer.refusal).toMatch(/no such column: sales\.rebate/);
    expect(out.answer.refusal).toMatch(/left out sales\.rebate/);
    expect(out.answer.refusal).toMatch(/Refresh the source's schema/);
  });

  it('does not reach a same-named column through a join that would repeat rows', async () => {
    const { engine, run } = await setup(undefined, 'ALTER TABLE sales DROP COLUMN channel');
    const out = await askAndRun(engine, 'total amount by channel', run);
    expect(out.failures).toHaveLength(1);
    expect(out.result).toBeUndefined();
    expect(out.answer.refusal).toMatch(/through promotions, which would count rows more than once/);
  });

  it('qualifies a glossary filter name that two joined tables have', async () => {
    const { engine, run } = await setup(repairShopsGlossary());
    const out = await askAndRun(engine, 'open sales by shop status', run);
    expect(out.failures.map((f) => classifyDbError(f.error).kind)).toEqual(['ambiguousColumn']);
    const gold = await run("SELECT shops.status, COUNT(*) FROM sales JOIN shops ON shops.shop_id = sales.shop_id WHERE sales.status = 'open' GROUP BY shops.status");
    expect(resultsMatch(gold, out.result!, false)).toBe(true);
    expect(out.answer.explanation).toContain('qualified "status"');
  });

  it('uses the equivalent function this database has instead of one it lacks', async () => {
    const { engine, run } = await setup(repairShopsGlossary());
    const out = await askAndRun(engine, 'rebates by shop', run);
    expect(out.failures.map((f) => classifyDbError(f.error))).toEqual([{ kind: 'missingFunction', name: 'nvl' }]);
    expect(out.answer.sql).toContain('COALESCE(sales.rebate, 0)');
    const gold = await run('SELECT shops.shop_name, SUM(COALESCE(sales.rebate, 0)) FROM sales JOIN shops ON shops.shop_id = sales.shop_id GROUP BY shops.shop_id, shops.shop_name');
    expect(resultsMatch(gold, out.result!, false)).toBe(true);
  });

  it('says it could not repair a function that has no known equivalent', async () => {
    const { engine, run } = await setup(repairShopsGlossary());
    const out = await askAndRun(engine, 'scaled rebates by shop', run);
    expect(out.result).toBeUndefined();
    expect(out.answer.refusal).toMatch(/no function SCALE_BY_RATE/);
    expect(out.answer.refusal).toMatch(/Rewrite the glossary expression/);
  });

  it('stops after the bounded number of repairs', async () => {
    const { engine } = await setup();
    const failures = Array.from({ length: MAX_OFFLINE_REPAIRS + 1 }, (_x, i) => ({ sql: `SELECT ${i}`, error: `no such column: sales.c${i}` }));
    const answer = repairAnswer(engine, 'total amount by city', failures);
    expect(answer.sql).toBeUndefined();
    expect(answer.refusal).toMatch(new RegExp(`after ${MAX_OFFLINE_REPAIRS} repairs`));
    expect(answer.repairs).toHaveLength(MAX_OFFLINE_REPAIRS + 1);
  });
});

describe('reading database errors', () => {
  it.each([
    ['no such column: sales.city', { kind: 'unknownColumn', table: 'sales', column: 'city' }],
    ['PostgreSQL query failed: column sales.city does not exist', { kind: 'unknownColumn', table: 'sales', column: 'city' }],
    ['PostgreSQL query failed: column "city" does not exist', { kind: 'unknownColumn', column: 'city' }],
    ["Unknown column 'sales.city' in 'field list'", { kind: 'unknownColumn', table: 'sales', column: 'city' }],
    ['Binder Error: Referenced column "city" not found in FROM clause!', { kind: 'unknownColumn', column: 'city' }],
    ['Binder Error: Values list "sales" does not have a column named "city"', { kind: 'unknownColumn', table: 'sales', column: 'city' }],
    ['Binder Error: Ambiguous reference to column name "status" (use: "a.status" or "b.status")', { kind: 'ambiguousColumn', column: 'status' }],
    ['Catalog Error: Scalar Function with name nvl does not exist!', { kind: 'missingFunction', name: 'nvl' }],
    ["Binder Error: No function matches the given name and argument types 'sum(VARCHAR)'.", { kind: 'typeMismatch', detail: "No function matches the given name and argument types 'sum(VARCHAR)'", operation: 'sum', given: 'varchar' }],
    ["Column 'status' in SELECT is ambiguous", { kind: 'ambiguousColumn', column: 'status' }],
    ['ambiguous column name: status', { kind: 'ambiguousColumn', column: 'status' }],
    ['column reference "status" is ambiguous', { kind: 'ambiguousColumn', column: 'status' }],
    ["Column 'status' in where clause is ambiguous", { kind: 'ambiguousColumn', column: 'status' }],
    ['division by zero', { kind: 'divisionByZero' }],
    ['function sum(text) does not exist', { kind: 'typeMismatch', detail: 'function sum(text) does not exist', operation: 'sum', given: 'text' }],
    ['operator does not exist: text > integer', { kind: 'typeMismatch', detail: 'operator does not exist: text > integer', operation: '>', given: 'text' }],
    ['function ifnull(numeric, integer) does not exist', { kind: 'missingFunction', name: 'ifnull' }],
    ['FUNCTION shop.nvl does not exist', { kind: 'missingFunction', name: 'nvl' }],
    ['no such function: NVL', { kind: 'missingFunction', name: 'nvl' }],
  ])('%s', (message, fault) => {
    expect(classifyDbError(message)).toEqual(fault);
  });
});
