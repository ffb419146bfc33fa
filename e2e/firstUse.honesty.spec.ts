import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatPage } from './pages/ChatPage';
import { DashboardPage } from './pages/DashboardPage';
import { SqlPage } from './pages/SqlPage';
import { screenshot } from './support/browser';
import { signedInPage, useDemoWorkspace } from './support/session';

/** Every error the person sees on the page: notices, alerts, toasts. */
async function errorMessages(page: Page): Promise<string[]> {
  return page.locator('[role="alert"], .alert-error, .toast').evaluateAll((els) => [...new Set(els)].map((e) => (e.textContent ?? '').trim()));
}

async function settledAlert(page: Page, scope: Locator): Promise<string> {
  await scope.locator('[role="alert"]').first().waitFor();
  return (await errorMessages(page)).join(' | ');
}

describe('issue 14: honest limits — words not understood, one error message per failure', () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'aiser-e2e-gone-'));
  const file = path.join(folder, 'shop.sqlite');
  let goneSourceId: string;
  const webFile = path.join(folder, 'web.sqlite');
  let dashboardId: string;
  const session = useDemoWorkspace(async ({ admin, demo }) => {
    const db = new Database(file);
    db.exec("CREATE TABLE sales (sale_id INTEGER PRIMARY KEY, region TEXT NOT NULL, amount NUMERIC NOT NULL); INSERT INTO sales (region, amount) VALUES ('North', 10), ('South', 20);");
    db.close();
    const web = new Database(webFile);
    web.exec(`CREATE TABLE customers (customer_id INTEGER PRIMARY KEY, customer_name TEXT NOT NULL);
      CREATE TABLE web_visits (visit_day DATE PRIMARY KEY, visits INTEGER NOT NULL);
      INSERT INTO customers (customer_name) VALUES ('Ada'), ('Ben'), ('Cy');
      INSERT INTO web_visits VALUES ('2026-01-01', 120), ('2026-01-02', 80), ('2026-01-03', 95);`);
    web.close();
    await admin.call('sources/create', { projectId: demo.projectId, name: 'Web shop', config: { type: 'sqlite', path: webFile } });
    goneSourceId = (await admin.call<{ id: string }>('sources/create', { projectId: demo.projectId, name: 'Shop file', config: { type: 'sqlite', path: file } })).id;
    dashboardId = (await admin.call<{ id: string }>('dashboards/create', { projectId: demo.projectId, name: 'Shop board' })).id;
    await admin.call('dashboards/addWidget', {
      dashboardId, title: 'Sales by region', sourceId: goneSourceId, sql: 'SELECT region, SUM(amount) AS amount FROM sales GROUP BY region',
      chart: { type: 'bar', title: 'Sales by region', x: 'region', y: ['amount'], yFormat: 'number', xLabel: 'Region', yLabel: 'Amount', alternatives: [] },
      layout: { x: 0, y: 0, w: 6, h: 4 },
    });
  });
  beforeAll(() => {
    // The source's file disappears after it was added: the source is unreachable from now on.
    fs.rmSync(file);
  });
  afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

  it('says which word it did not understand, once, before an answer that leaves it out, and is not confident', async () => {
    const { page, context } = await signedInPage(session, undefined, { width: 1440, height: 900 });
    const chat = new ChatPage(page);
    await chat.open();
    await chat.ask('xyzzy revenue by region');
    const odd = await chat.waitForTurnSettled(0);
    const notes = odd.getByTestId('answer-not-understood');
    expect(await notes.count()).toBe(1);
    await expect(notes.textContent()).resolves.toMatch(/^I did not understand ‘xyzzy’, so this answer leaves it out\./);
    await expect(odd.getByTestId('answer-headline').textContent()).resolves.toMatch(/North America/);
    await expect(odd.getByTestId('answer-details').locator('.badge').textContent()).resolves.toMatch(/^Medium · 65%$/);
    await screenshot(page, 'issue14-not-understood');
    await chat.ask('revenue by region');
    const plain = await chat.waitForTurnSettled(1);
    expect(await plain.getByTestId('answer-not-understood').count()).toBe(0);
    await context.close();
  });

  it('shows exactly one error for SQL the database rejects', async () => {
    const { page, context } = await signedInPage(session, undefined, { width: 1440, height: 900 });
    const sql = new SqlPage(page);
    await sql.open();
    await sql.run('SELECT no_such_column FROM orders');
    const shown = await settledAlert(page, page.locator('main'));
    const errors = await errorMessages(page);
    expect(errors, shown).toHaveLength(1);
    expect(errors[0]).toMatch(/no_such_column/);
    expect(await sql.chart.count()).toBe(0);
    await screenshot(page, 'issue14-one-error-bad-sql');
    await context.close();
  });

  it('shows exactly one error when the source cannot be reached, in the chat and on a dashboard', async () => {
    const { page, context } = await signedInPage(session, undefined, { width: 1440, height: 900 });
    await page.getByRole('combobox', { name: 'Data source' }).selectOption(goneSourceId);
    const chat = new ChatPage(page);
    await chat.open();
    await chat.ask('amount by region');
    const turn = await chat.waitForTurnSettled(0);
    const shown = await settledAlert(page, turn);
    const errors = await errorMessages(page);
    expect(errors, shown).toHaveLength(1);
    // It says what is wrong (the source, not the question) and what to do about it.
    expect(errors[0]).toMatch(/^The data source cannot be reached right now\..*Check the path, or choose the file again\./);
    expect(await turn.getByTestId('chart').count()).toBe(0);
    expect(await turn.getByTestId('answer-headline').count()).toBe(0);
    await screenshot(page, 'issue14-one-error-unreachable-chat');

    await page.goto(`/#/dashboards/${dashboardId}`);
    const widget = new DashboardPage(page).widget('Sales by region');
    const onBoard = await settledAlert(page, widget);
    await expect(widget.getByTestId('widget-updated').textContent()).resolves.toBe('Not updated');
    expect(await errorMessages(page), onBoard).toHaveLength(1);
    expect(await widget.getByTestId('chart').count()).toBe(0);
    await screenshot(page, 'issue14-one-error-unreachable-dashboard');
    await context.close();
  });

  it('says a word it read as part of the data but could not tie to the answer, in one sentence, and offers the closest question it can answer', async () => {
    for (const viewport of [{ name: 'desktop', width: 1440, height: 900 }, { name: 'phone', width: 390, height: 844 }]) {
      const { page, context } = await signedInPage(session, undefined, viewport);
      await page.getByLabel('Data source').selectOption({ label: 'Web shop' });
      const chat = new ChatPage(page);
      await chat.open();
      await chat.ask('total visits for customers');
      const turn = await chat.waitForTurnSettled(0);
      await expect(turn.getByTestId('answer-not-understood').textContent()).resolves.toBe('I read ‘customers’ but could not tie it to what this answer measures, so it leaves it out. I can answer “how many customers” on its own.');
      await expect(turn.getByTestId('answer-headline').textContent()).resolves.toMatch(/295/);
      await expect(turn.getByTestId('answer-details').locator('.badge').textContent()).resolves.toMatch(/^Medium · 65%$/);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), `sideways scroll at ${viewport.width} px`).toBeLessThanOrEqual(0);
      await turn.getByTestId('answer-not-understood').scrollIntoViewIfNeeded();
      await screenshot(page, `issue14-unused-word-${viewport.name}`);
      await turn.getByTestId('follow-up').filter({ hasText: /^how many customers$/ }).click();
      const offered = await chat.waitForTurnSettled(1);
      await expect(offered.getByTestId('answer-headline').textContent()).resolves.toMatch(/\b3\b/);
      expect(await offered.getByTestId('answer-not-understood').count()).toBe(0);
      await context.close();
    }
  });
});
