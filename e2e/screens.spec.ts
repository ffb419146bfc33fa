import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ChatPage } from './pages/ChatPage';
import { DashboardPage } from './pages/DashboardPage';
import { SignInPage } from './pages/SignInPage';
import { SqlPage } from './pages/SqlPage';
import { seriousAccessibilityFindings } from './support/axe';
import { newPage, screenshot } from './support/browser';
import { signedInPage, useDemoWorkspace } from './support/session';

const VIEWPORTS = [{ name: 'desktop', width: 1440, height: 900 }, { name: 'tablet', width: 820, height: 1180 }] as const;
const ORDERS_BY_CHANNEL = 'SELECT channel, COUNT(*) AS orders FROM orders GROUP BY channel ORDER BY orders DESC';

/** Each main screen, brought into a meaningful state (data on screen, not an empty shell). */
const SCREENS: Array<{ name: string; open: (page: Page, ids: { dashboardId: string }) => Promise<void> }> = [
  {
    name: 'ask',
    async open(page) {
      const chat = new ChatPage(page);
      await chat.open();
      await chat.ask('orders by channel');
      await chat.waitForTurnSettled(0);
    },
  },
  {
    name: 'sql',
    async open(page) {
      const sql = new SqlPage(page);
      await sql.open();
      await sql.run(ORDERS_BY_CHANNEL);
      await sql.barValues();
    },
  },
  {
    name: 'dashboards',
    async open(page) {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboards' }).click();
      await page.getByTestId('dashboard-card').first().waitFor();
    },
  },
  {
    name: 'dashboard',
    async open(page, { dashboardId }) {
      await page.goto(`/#/dashboards/${dashboardId}`);
      await new DashboardPage(page).waitForWidgetChart('Orders by channel');
    },
  },
  {
    name: 'sources',
    async open(page) {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Data sources' }).click();
      await page.getByTestId('schema-table').filter({ hasText: 'orders' }).first().click();
      await page.getByRole('table', { name: /Preview of/ }).waitFor();
    },
  },
  {
    name: 'settings',
    async open(page) {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
      await page.getByRole('heading', { name: 'Profile' }).waitFor();
    },
  },
];

describe('issue 8: every main screen is accessible and looks right on a laptop and a tablet', () => {
  let dashboardId: string;
  const session = useDemoWorkspace(async ({ admin, demo }) => {
    const dashboard = await admin.call<{ id: string }>('dashboards/create', { projectId: demo.projectId, name: 'Sales overview' });
    dashboardId = dashboard.id;
    await admin.call('dashboards/addWidget', {
      dashboardId, title: 'Orders by channel', sourceId: demo.sourceId, sql: ORDERS_BY_CHANNEL,
      chart: { type: 'bar', title: 'Orders by channel', x: 'channel', y: ['orders'], yFormat: 'integer', xLabel: 'Channel', yLabel: 'Orders', alternatives: [] },
      layout: { x: 0, y: 0, w: 6, h: 4 },
    });
  });

  for (const viewport of VIEWPORTS) {
    it(`sign-in page at ${viewport.width}×${viewport.height}`, async () => {
      const { page, context } = await newPage(session.browser, session.server.url, viewport);
      await new SignInPage(page).open();
      await screenshot(page, `screen-signin-${viewport.name}`);
      expect(await seriousAccessibilityFindings(page)).toEqual([]);
      await context.close();
    });

    it(`main screens at ${viewport.width}×${viewport.height}: no serious accessibility issue`, async () => {
      const { page, context } = await signedInPage(session, undefined, viewport);
      const findings: Record<string, unknown> = {};
      for (const screen of SCREENS) {
        await screen.open(page, { dashboardId });
        await screenshot(page, `screen-${screen.name}-${viewport.name}`);
        const serious = await seriousAccessibilityFindings(page);
        if (serious.length) findings[screen.name] = serious;
      }
      expect(findings).toEqual({});
      await context.close();
    });
  }

  it('dark theme keeps the same screens readable', async () => {
    const { page, context } = await signedInPage(session);
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    await expect(page.evaluate(() => document.documentElement.dataset.theme)).resolves.toBe('dark');
    const findings: Record<string, unknown> = {};
    for (const screen of SCREENS.filter((s) => s.name === 'ask' || s.name === 'dashboard')) {
      await screen.open(page, { dashboardId });
      await screenshot(page, `screen-${screen.name}-dark`);
      const serious = await seriousAccessibilityFindings(page);
      if (serious.length) findings[screen.name] = serious;
    }
    expect(findings).toEqual({});
    await context.close();
  });
});
