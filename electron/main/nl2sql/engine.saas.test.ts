/** Engine answers on a real SaaS database, checked by executing them against hand-written SQL. */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnector } from '../connectors/registry';
import { createSaasDatabase, SAAS_GLOSSARY } from '../../../tests/support/nl2sql/saas';
import { Nl2SqlEngine } from './engine';
import { resultsMatch, type ResultTable } from './scorer';

let db: Database.Database;
let engine: Nl2SqlEngine;
let plainEngine: Nl2SqlEngine;
let cleanup: () => void;

beforeAll(async () => {
  const fixture = createSaasDatabase();
  cleanup = fixture.cleanup;
  const connector = createConnector({ type: 'sqlite', path: fixture.file });
  const schema = await connector.introspect();
  engine = new Nl2SqlEngine(schema, SAAS_GLOSSARY);
  plainEngine = new Nl2SqlEngine(schema);
  await connector.close();
  db = new Database(fixture.file, { readonly: true });
});
afterAll(() => { db.close(); cleanup(); });

const run = (sql: string): ResultTable => {
  const stmt = db.prepare(sql);
  return { columns: stmt.columns().map((c) => c.name), rows: stmt.raw().all() as ResultTable['rows'] };
};
const BILLINGS = "SUM(invoices.amount) FROM invoices JOIN subscriptions s ON s.subscription_id = invoices.subscription_id JOIN accounts a ON a.account_id = s.account_id";
const NOT_VOID = "invoices.status <> 'void'";
const Y2025 = "invoices.invoice_date >= '2025-01-01' AND invoices.invoice_date < '2026-01-01'";

function expectSameResult(question: string | string[], expectedSql: string, ordered = false, using?: Nl2SqlEngine): void {
  const turns = Array.isArray(question) ? question : [question];
  const answer = (using ?? engine).askConversation(turns, { now: '2026-07-01' });
  expect(answer.sql, `${turns.join(' / ')} → ${answer.refusal ?? ''}`).toBeTruthy();
  const expected = run(expectedSql);
  expect(expected.rows.length).toBeGreaterThan(0);
  expect(resultsMatch(expected, run(answer.sql!), ordered), `${turns.join(' / ')}\n  got: ${answer.sql}`).toBe(true);
}

describe('metrics, filters and grouping', () => {
  it('applies a metric with its filter and a calendar year', () => expectSameResult('What were billings in 2025?', `SELECT SUM(amount) FROM invoices WHERE ${NOT_VOID} AND ${Y2025}`));
  it('groups by a glossary synonym of a column', () => expectSameResult('Revenue by vertical last year', `SELECT a.industry, ${BILLINGS} WHERE ${NOT_VOID} AND ${Y2025} GROUP BY a.industry`));
  it('groups by two dimensions across joins', () => expectSameResult('Billings by plan tier and country in 2025', `SELECT p.tier, a.country, ${BILLINGS} JOIN plans p ON p.plan_id = s.plan_id WHERE ${NOT_VOID} AND ${Y2025} GROUP BY p.tier, a.country`));
  it('links a value to its column through joins', () => expectSameResult('Billings from Healthcare clients in 2025', `SELECT ${BILLINGS} WHERE ${NOT_VOID} AND a.industry = 'Healthcare' AND ${Y2025}`));
  it('negates a value', () => expectSameResult('Billings excluding Finance in 2025', `SELECT ${BILLINGS} WHERE ${NOT_VOID} AND a.industry <> 'Finance' AND ${Y2025}`));
  it('filters rows by a numeric comparison', () => expectSameResult('How many plans have a monthly price above $50?', 'SELECT COUNT(*) FROM plans WHERE monthly_price > 50'));
  it('filters groups by a threshold on the metric', () => expectSameResult('Which countries had more than $30,000 in billings in 2025?', `SELECT a.country, ${BILLINGS} WHERE ${NOT_VOID} AND ${Y2025} GROUP BY a.country HAVING SUM(invoices.amount) > 30000`));
  it('re-aggregates a summed metric when an average is asked', () => expectSameResult('Average seats by plan tier', 'SELECT p.tier, AVG(s.seats) FROM subscriptions s JOIN plans p ON p.plan_id = s.plan_id GROUP BY p.tier'));
  it('counts entities, tolerating a typo, on their own date column', () => expectSameResult('How many acounts signed up in 2025?', "SELECT COUNT(*) FROM accounts WHERE signup_date >= '2025-01-01' AND signup_date < '2026-01-01'"));
  it('applies a flag column as a filter', () => expectSameResult('How many active accounts per country?', 'SELECT country, COUNT(*) FROM accounts WHERE is_active = 1 GROUP BY country'));
  it('counts distinct entities where they are referenced', () => expectSameResult('How many different clients opened tickets last year?', "SELECT COUNT(DISTINCT account_id) FROM support_tickets WHERE opened_on >= '2025-01-01' AND opened_on < '2026-01-01'"));
  it('counts entities through the table the question says they act in', () => expectSameResult('How many clients opened tickets in 2025?', "SELECT COUNT(DISTINCT account_id) FROM support_tickets WHERE opened_on >= '2025-01-01' AND opened_on < '2026-01-01'"));
  it('reads "no <thing>" as a missing optional link', () => expectSameResult('How many tickets had no agent assigned?', 'SELECT COUNT(*) FROM support_tickets WHERE agent_id IS NULL'));
  it('lists matching rows when no aggregate is asked', () => expectSameResult('Which plans are in the Pro tier?', "SELECT plan_id, plan_name FROM plans WHERE tier = 'Pro'"));
  it('averages the days between two dates', () => expectSameResult('On average, how many days does it take to close a ticket?', 'SELECT AVG(julianday(closed_on) - julianday(opened_on)) FROM support_tickets'));
});

describe('time series, ranking and comparisons', () => {
  it('builds a monthly series in time order', () => expectSameResult('Monthly billings for 2025', `SELECT strftime('%Y-%m', invoice_date) m, SUM(amount) FROM invoices WHERE ${NOT_VOID} AND ${Y2025} GROUP BY m ORDER BY m`, true));
  it('reads "trend" as a monthly series', () => expectSameResult('Billings trend in 2025', `SELECT strftime('%Y-%m', invoice_date) m, SUM(amount) FROM invoices WHERE ${NOT_VOID} AND ${Y2025} GROUP BY m ORDER BY m`, true));
  it('divides one metric by another for "per"', () => expectSameResult('Billings per seat sold in 2025', `SELECT (SELECT SUM(amount) FROM invoices WHERE ${NOT_VOID} AND ${Y2025}) * 1.0 / (SELECT SUM(seats) FROM subscriptions WHERE start_date >= '2025-01-01' AND start_date < '2026-01-01')`));
  it('links values that contain numbers', () => expectSameResult('How many urgent tickets were handled by Tier 2 agents?', "SELECT COUNT(*) FROM support_tickets t JOIN agents a ON a.agent_id = t.agent_id WHERE t.priority = 'urgent' AND a.team = 'Tier 2'"));
  it('splits quarters into year and quarter number', () => expectSameResult('Billings by quarter in 2025', `SELECT strftime('%Y', invoice_date) y, (CAST(strftime('%m', invoice_date) AS INTEGER) + 2) / 3 q, SUM(amount) FROM invoices WHERE ${NOT_VOID} AND ${Y2025} GROUP BY y, q ORDER BY y, q`, true));
  it('ranks the top N', () => expectSameResult('Top 2 plans by billings in 2025', `SELECT p.plan_name, ${BILLINGS} JOIN plans p ON p.plan_id = s.plan_id WHERE ${NOT_VOID} AND ${Y2025} GROUP BY p.plan_id ORDER BY 2 DESC LIMIT 2`, true));
  it('answers a superlative with the single winner', () => expectSameResult('Which industry had the lowest billings last year?', `SELECT a.industry FROM invoices JOIN subscriptions s ON s.subscription_id = invoices.subscription_id JOIN accounts a ON a.account_id = s.account_id WHERE ${NOT_VOID} AND ${Y2025} GROUP BY a.industry ORDER BY SUM(amount) ASC LIMIT 1`, true));
  it('computes growth between two years as a fraction', () => expectSameResult('Billings growth in 2025 vs 2024', `SELECT (c.v - p.v) * 1.0 / p.v FROM (SELECT SUM(amount) v FROM invoices WHERE ${NOT_VOID} AND ${Y2025}) c, (SELECT SUM(amount) v FROM invoices WHERE ${NOT_VOID} AND invoice_date >= '2024-01-01' AND invoice_date < '2025-01-01') p`));
  it('compares year over year for one named period', () => expectSameResult('Year over year billings growth for Q1 2026', `SELECT (c.v - p.v) * 1.0 / p.v FROM (SELECT SUM(amount) v FROM invoices WHERE ${NOT_VOID} AND invoice_date >= '2026-01-01' AND invoice_date < '2026-04-01') c, (SELECT SUM(amount) v FROM invoices WHERE ${NOT_VOID} AND invoice_date >= '2025-01-01' AND invoice_date < '2025-04-01') p`));
  it('puts a period next to the same period a year earlier', () => expectSameResult('Billings last month vs the same month last year', `SELECT (SELECT SUM(amount) FROM invoices WHERE ${NOT_VOID} AND invoice_date >= '2026-06-01' AND invoice_date < '2026-07-01'), (SELECT SUM(amount) FROM invoices WHERE ${NOT_VOID} AND invoice_date >= '2025-06-01' AND invoice_date < '2025-07-01')`));
  it('gives each group its share of the total in percent', () => expectSameResult("Each country's share of 2025 billings, in percent", `SELECT a.country, 100.0 * SUM(invoices.amount) / SUM(SUM(invoices.amount)) OVER () FROM invoices JOIN subscriptions s ON s.subscription_id = invoices.subscription_id JOIN accounts a ON a.account_id = s.account_id WHERE ${NOT_VOID} AND ${Y2025} GROUP BY a.country`));
  it('gives the percentage coming from one value', () => expectSameResult('What percentage of 2025 billings came from Enterprise plans?', `SELECT 100.0 * SUM(CASE WHEN p.tier = 'Enterprise' THEN amount ELSE 0 END) / SUM(amount) FROM invoices JOIN subscriptions s ON s.subscription_id = invoices.subscription_id JOIN plans p ON p.plan_id = s.plan_id WHERE ${NOT_VOID} AND ${Y2025}`));
  it('takes a snapshot metric on the reference date or a named day', () => {
    expectSameResult('How many active subscriptions do we have?', "SELECT COUNT(*) FROM subscriptions WHERE start_date <= '2026-07-01' AND (end_date IS NULL OR end_date > '2026-07-01')");
    expectSameResult('Active subscriptions at the end of 2024', "SELECT COUNT(*) FROM subscriptions WHERE start_date <= '2024-12-31' AND (end_date IS NULL OR end_date > '2024-12-31')");
  });
});

describe('follow-up questions edit the previous plan', () => {
  it('adds a filter', () => expectSameResult(['Billings by industry in 2025', 'Only Germany'], `SELECT a.industry, ${BILLINGS} WHERE ${NOT_VOID} AND a.country = 'Germany' AND ${Y2025} GROUP BY a.industry`));
  it('adds a time breakdown', () => expectSameResult(['Billings by country in 2025', 'And by month?'], `SELECT a.country, strftime('%Y-%m', invoice_date) m, ${BILLINGS} WHERE ${NOT_VOID} AND ${Y2025} GROUP BY a.country, m`));
  it('moves the period', () => expectSameResult(['Billings in Q1 2026', 'What about the same quarter last year?'], `SELECT SUM(amount) FROM invoices WHERE ${NOT_VOID} AND invoice_date >= '2025-01-01' AND invoice_date < '2025-04-01'`));
  it('replaces a filter on the same column', () => expectSameResult(['Monthly billings for Germany in 2025', 'Now show Japan'], `SELECT strftime('%Y-%m', invoice_date) m, ${BILLINGS} WHERE ${NOT_VOID} AND a.country = 'Japan' AND ${Y2025} GROUP BY m ORDER BY m`, true));
  it('picks the winner of the previous breakdown', () => expectSameResult(['Billings by industry last year', 'Which one was the highest?'], `SELECT a.industry FROM invoices JOIN subscriptions s ON s.subscription_id = invoices.subscription_id JOIN accounts a ON a.account_id = s.account_id WHERE ${NOT_VOID} AND ${Y2025} GROUP BY a.industry ORDER BY SUM(amount) DESC LIMIT 1`, true));
});

describe('the same database without a glossary', () => {
  it('does not mistake a verb for a similar-looking value ("started" is not the "Starter" plan)', () => expectSameResult('Number of subscriptions started in Q1 2025', "SELECT COUNT(*) FROM subscriptions WHERE start_date >= '2025-01-01' AND start_date < '2025-04-01'", false, plainEngine));
  it('averages a column over rows instead of grouping by the rows themselves', () => expectSameResult('What is the average number of seats per subscription?', 'SELECT AVG(seats) FROM subscriptions', false, plainEngine));
  it('gives the percentage of rows having a value', () => expectSameResult('What percentage of tickets are urgent?', "SELECT 100.0 * SUM(CASE WHEN priority = 'urgent' THEN 1 ELSE 0 END) / COUNT(*) FROM support_tickets", false, plainEngine));
  it('sums a money column for a general business word', () => expectSameResult('Total invoice amount by industry in 2025', `SELECT a.industry, ${BILLINGS} WHERE ${Y2025} GROUP BY a.industry`, false, plainEngine));
});
