import { describe, expect, it } from 'vitest';
import { screenshot } from './support/browser';
import { longTasks as readLongTasks, recordLongTasks, signedInPage, useServerAndBrowser } from './support/session';

/** The page must stay responsive: no single main-thread task may block it for this long. */
const FREEZE_MS = 2000;

describe('issue 8: a 1,000,000-point chart renders downsampled without freezing the page', () => {
  const session = useServerAndBrowser();

  it('draws at most a few thousand points and records the main-thread long tasks', async () => {
    const { page, context } = await signedInPage(session);
    // The stress test is an administrator's diagnostic, not part of Settings.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('tab', { name: 'Diagnostics' }).click();
    await recordLongTasks(page);
    await page.getByRole('button', { name: 'Draw a 1,000,000-point chart' }).click();
    const chart = page.getByTestId('chart');
    await chart.locator('.apexcharts-line-series path.apexcharts-line').first().waitFor({ timeout: 60_000 });
    await expect(chart.textContent()).resolves.toContain('of 1,000,000 points');

    // The line drawn has no more vertices than the downsampling threshold.
    const vertices = await chart.locator('path.apexcharts-line').first().evaluate((p) => (p.getAttribute('d') ?? '').split(/[LM]/).length - 1);
    expect(vertices).toBeGreaterThan(100);
    expect(vertices).toBeLessThanOrEqual(2000);

    // The page still answers: a click on the theme button takes effect.
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    await expect(page.evaluate(() => document.documentElement.dataset.theme)).resolves.toBe('dark');

    const longTasks = await readLongTasks(page);
    const longest = Math.max(0, ...longTasks);
    console.info(`1M-point chart: ${longTasks.length} long tasks, longest ${Math.round(longest)} ms, total ${Math.round(longTasks.reduce((a, b) => a + b, 0))} ms`);
    expect(longest).toBeLessThan(FREEZE_MS);
    await screenshot(page, 'issue8-million-point-chart');
    await context.close();
  });
});
