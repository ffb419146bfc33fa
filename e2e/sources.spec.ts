import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignInPage } from './pages/SignInPage';
import { launchBrowser, newPage } from './support/browser';
import { type RunningServer, startServer } from './support/server';

const PG_URL = process.env.AISER_TEST_PG_URL ?? 'postgres://aiser:aiser@127.0.0.1:5432/aiser_src';

describe('issue 8: data sources: add, test, browse, edit and remove', () => {
  let server: RunningServer;
  let browser: Browser;
  let dir: string;
  let sqliteFile: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiser-e2e-src-'));
    sqliteFile = path.join(dir, 'shop.sqlite');
    const db = new Database(sqliteFile);
    db.exec("CREATE TABLE stores (store_id INTEGER PRIMARY KEY, city TEXT, revenue REAL); INSERT INTO stores VALUES (1, 'Lyon', 120.5), (2, 'Porto', 98.25), (3, 'Graz', 143.0);");
    db.close();
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('shows the precise reason a connection fails, then adds a working source and previews its table', async () => {
    const { page, context } = await newPage(browser, server.url);
    const signIn = new SignInPage(page);
    await signIn.open();
    await signIn.signIn(server.admin.email, server.admin.password);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Data sources' }).click();

    await page.getByRole('button', { name: 'Add a data source' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a data source' });
    await dialog.getByLabel('Name').fill('Warehouse');
    await dialog.getByLabel('Kind').selectOption('postgres');
    await dialog.getByLabel('Address').fill(PG_URL.replace('aiser:aiser@', 'aiser:not-the-password@'));
    await dialog.getByRole('button', { name: 'Test connection' }).click();
    const failure = dialog.getByTestId('source-test-result');
    await failure.waitFor();
    await expect(failure.getAttribute('role')).resolves.toBe('alert');
    expect((await failure.textContent())?.toLowerCase()).toMatch(/password|authentication|sign in|credentials/);

    await dialog.getByLabel('Name').fill('Shop');
    await dialog.getByLabel('Kind').selectOption('sqlite');
    await dialog.getByLabel('Path').fill(sqliteFile);
    await dialog.getByRole('button', { name: 'Test connection' }).click();
    await expect(dialog.getByTestId('source-test-result').textContent()).resolves.toContain('Connected');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });

    const list = page.getByRole('list', { name: 'Data sources' });
    await list.getByRole('button', { name: /Shop/ }).waitFor();
    await expect(list.getByRole('button', { name: /Shop/ }).getAttribute('aria-current')).resolves.toBe('true');
    await page.getByTestId('schema-table').filter({ hasText: 'stores' }).click();
    const preview = page.getByRole('table', { name: 'Preview of stores' });
    await preview.getByRole('cell', { name: 'Porto' }).waitFor();
    await expect(preview.locator('tbody tr').count()).resolves.toBe(3);

    await page.getByRole('button', { name: 'Edit' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit Shop' });
    await edit.getByLabel('Name').fill('Shop (SQLite)');
    await edit.getByRole('button', { name: 'Save' }).click();
    await list.getByRole('button', { name: /Shop \(SQLite\)/ }).waitFor();

    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Remove' }).click();
    await list.getByRole('button', { name: /Shop/ }).waitFor({ state: 'detached' });
    expect(fs.existsSync(sqliteFile)).toBe(true);
    await context.close();
  });
});
