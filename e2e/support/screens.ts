/** The main screens, each brought into a meaningful state (data on screen, not an empty shell), for
 *  specs that check every screen (accessibility, layout at a size). */
import type { Page } from 'playwright-core';
import { ChatPage } from '../pages/ChatPage';
import { DashboardPage } from '../pages/DashboardPage';
import { SqlPage } from '../pages/SqlPage';
import type { ApiSession, DemoIds } from './api';

export const ORDERS_BY_CHANNEL = 'SELECT channel, COUNT(*) AS orders FROM orders GROUP BY channel ORDER BY orders DESC';

/** Each main screen, brought into a meaningful state. */
export const SCREENS: Array<{ name: string; open: (page: Page, ids: { dashboardId: string }) => Promise<void> }> = [
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

/** A dashboard with one widget ('Orders by channel') on the demo source, for the 'dashboard' screen. */
export async function createScreensDashboard(admin: ApiSession, demo: DemoIds): Promise<string> {
  const dashboard = await admin.call<{ id: string }>('dashboards/create', { projectId: demo.projectId, name: 'Sales overview' });
  await admin.call('dashboards/addWidget', {
    dashboardId: dashboard.id, title: 'Orders by channel', sourceId: demo.sourceId, sql: ORDERS_BY_CHANNEL,
    chart: { type: 'bar', title: 'Orders by channel', x: 'channel', y: ['orders'], yFormat: 'integer', xLabel: 'Channel', yLabel: 'Orders', alternatives: [] },
    layout: { x: 0, y: 0, w: 6, h: 4 },
  });
  return dashboard.id;
}
