import { describe, expect, it } from 'vitest';
import { DashboardPage } from './pages/DashboardPage';
import { screenshot } from './support/browser';
import { signedInPage, useDemoWorkspace } from './support/session';

interface Dashboard { id: string; theme: string; widgets: Array<{ id: string; title: string; layout: { x: number; y: number; w: number; h: number } }> }

describe('issue 8: dashboards: layout, themes and per-widget errors', () => {
  let dashboard: Dashboard;
  const session = useDemoWorkspace(async ({ admin, demo }) => {
    const created = await admin.call<Dashboard>('dashboards/create', { projectId: demo.projectId, name: 'Operations' });
    const widget = (title: string, sql: string, x: number) => admin.call<Dashboard>('dashboards/addWidget', {
      dashboardId: created.id, title, sourceId: demo.sourceId, sql,
      chart: { type: 'bar', title, x: 'channel', y: ['orders'], yFormat: 'integer', alternatives: [] }, layout: { x, y: 0, w: 6, h: 4 },
    });
    await widget('Orders by channel', 'SELECT channel, COUNT(*) AS orders FROM orders GROUP BY channel', 0);
    dashboard = await widget('Broken widget', 'SELECT channel, orders FROM a_table_that_is_not_there', 6);
  });

  it('keeps a failing widget to itself, moves a widget by dragging and remembers it after a reload', async () => {
    const { page, context } = await signedInPage(session);
    await page.goto(`/#/dashboards/${dashboard.id}`);
    const view = new DashboardPage(page);
    await view.waitForWidgetChart('Orders by channel');
    const broken = view.widget('Broken widget');
    await broken.getByRole('alert').waitFor();
    await broken.getByRole('button', { name: 'Try again' }).waitFor();

    // Drag "Orders by channel" by its handle one widget-height down, below the broken one.
    const grip = view.widget('Orders by channel').getByRole('button', { name: /^Move Orders by channel/ });
    const box = (await grip.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    const gridWidth = await page.locator('.dash-grid').evaluate((el) => el.clientWidth);
    await page.mouse.move(box.x + box.width / 2 + gridWidth / 2, box.y + 5 * 88, { steps: 8 });
    await page.mouse.up();
    await page.waitForFunction(async (id) => {
      const response = await fetch('/api/v1/dashboards/get', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id }) });
      const body = await response.json();
      const moved = body.data.widgets.find((w: { title: string }) => w.title === 'Orders by channel');
      return moved.layout.x === 6 && moved.layout.y >= 4;
    }, dashboard.id);

    await page.reload();
    await view.waitForWidgetChart('Orders by channel');
    const x = await view.widget('Orders by channel').evaluate((el) => getComputedStyle(el).getPropertyValue('--x').trim());
    expect(x).toBe('7');

    // Keyboard: Shift+→ on the handle makes the widget wider.
    const before = await session.admin.call<Dashboard>('dashboards/get', { id: dashboard.id });
    const width = before.widgets.find((w) => w.title === 'Broken widget')!.layout.w;
    await view.widget('Broken widget').getByRole('button', { name: /^Move Broken widget/ }).press('Shift+ArrowRight');
    await page.waitForFunction(async ([id, w]) => {
      const response = await fetch('/api/v1/dashboards/get', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id }) });
      const body = await response.json();
      return body.data.widgets.find((v: { title: string }) => v.title === 'Broken widget').layout.w === Number(w) + 1;
    }, [dashboard.id, String(width)] as const);
    await screenshot(page, 'issue8-dashboard-layout');
    await context.close();
  });

  it('switches the dashboard theme and keeps it', async () => {
    const { page, context } = await signedInPage(session);
    await page.goto(`/#/dashboards/${dashboard.id}`);
    await page.getByLabel('Dashboard theme').selectOption('dark');
    await page.locator('.dash-surface[data-theme="dark"]').waitFor();
    const saved = await session.admin.call<Dashboard>('dashboards/get', { id: dashboard.id });
    expect(saved.theme).toBe('dark');
    await context.close();
  });
});
