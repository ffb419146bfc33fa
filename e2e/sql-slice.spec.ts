import { describe, expect, it } from 'vitest';
import { SqlPage } from './pages/SqlPage';
import { apiCall, screenshot } from './support/browser';
import { signedInPage, useServerAndBrowser } from './support/session';

const REVENUE_BY_REGION = `SELECT r.region_name AS region, ROUND(SUM(i.amount), 2) AS revenue
FROM order_items i
JOIN orders o ON o.order_id = i.order_id
JOIN customers c ON c.customer_id = o.customer_id
JOIN regions r ON r.region_id = c.region_id
GROUP BY r.region_name
ORDER BY revenue DESC`;

describe('issue 2 vertical slice: sign in → SQL → table + chart', () => {
  const session = useServerAndBrowser();

  it('runs revenue by region on the demo source and charts the values the API returns', async () => {
    const { page, context } = await signedInPage(session);

    const sources = await apiCall<Array<{ id: string; name: string }>>(page, 'sources/list', {});
    expect(sources.length).toBeGreaterThan(0);
    const demo = sources[0];
    const expected = await apiCall<{ rows: Array<[string, number]> }>(page, 'query/run', { sourceId: demo.id, sql: REVENUE_BY_REGION });
    expect(expected.rows.length).toBe(5);

    const sql = new SqlPage(page);
    await sql.open();
    await expect(page.getByLabel('Data source').inputValue()).resolves.toBe(demo.id);
    await sql.run(REVENUE_BY_REGION);
    await sql.summary.waitFor();
    await expect(sql.summary.textContent()).resolves.toContain('5 rows');

    // The chart draws one bar per region, largest first, with exactly the API's values.
    const drawn = await sql.barValues();
    const apiValues = expected.rows.map((r) => r[1]).sort((a, b) => b - a);
    expect(drawn).toEqual(apiValues);
    const top = [...expected.rows].sort((a, b) => b[1] - a[1])[0][0];
    await expect(page.getByTestId('chart-title').textContent()).resolves.toContain(`${top} leads revenue`);
    const labels = await sql.categoryLabels();
    expect(labels).toEqual(expect.arrayContaining(expected.rows.map((r) => r[0])));

    // The table shows every row.
    await expect(sql.table.locator('tbody tr').count()).resolves.toBe(5);
    await expect(sql.table.textContent()).resolves.toContain(top);

    await screenshot(page, 'issue2-sql-revenue-by-region');
    await context.close();
  });

  it('shows a precise error for a refused statement and keeps the page usable', async () => {
    const { page, context } = await signedInPage(session);
    const sql = new SqlPage(page);
    await sql.open();
    await sql.run('DELETE FROM orders');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect((await alert.textContent())?.length).toBeGreaterThan(10);
    await sql.run('SELECT COUNT(*) AS order_count FROM orders');
    await page.getByTestId('kpi').waitFor();
    await context.close();
  });

  it('shows the stage and a Cancel button while a long query runs, and cancels it', async () => {
    const { page, context } = await signedInPage(session);
    const sql = new SqlPage(page);
    await sql.open();
    await sql.run('SELECT COUNT(*) AS pairs FROM order_items a CROSS JOIN order_items b WHERE a.amount + b.amount > 100000');
    await page.getByTestId('run-progress').waitFor();
    await page.getByRole('progressbar').waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByText('Query cancelled').waitFor();
    await expect(page.getByRole('button', { name: 'Run' }).isEnabled()).resolves.toBe(true);
    await context.close();
  });

  it('pages through a long result on the client', async () => {
    const { page, context } = await signedInPage(session);
    const sql = new SqlPage(page);
    await sql.open();
    await sql.run('SELECT order_id, order_date, channel FROM orders ORDER BY order_id LIMIT 120');
    await sql.summary.waitFor();
    await expect(page.getByTestId('pager-status').textContent()).resolves.toBe('Rows 1–25 of 120');
    await page.getByRole('button', { name: 'Next page' }).click();
    await expect(page.getByTestId('pager-status').textContent()).resolves.toBe('Rows 26–50 of 120');
    await context.close();
  });
});
