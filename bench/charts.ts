// Chart benchmark: preparing a 1,000,000-point series (choice + downsampling) against a single
// pass over the same rows, and drawing it in Chromium (click → line drawn, long tasks).
import { buildChartData, chooseChart } from '../shared/charts';
import { launchBrowser } from '../e2e/support/browser';
import { startServer } from '../e2e/support/server';
import { longTasks as readLongTasks, recordLongTasks, signedInPage } from '../e2e/support/session';

const POINTS = 1_000_000;

function millionRows(): Array<[string, number]> {
  const start = Date.UTC(2020, 0, 1);
  return Array.from({ length: POINTS }, (_, i) => [new Date(start + i * 60_000).toISOString(), Math.sin(i / 5000) * 100 + (i % 97)]);
}

async function prepareTimes() {
  const rows = millionRows();
  const result = { columns: [{ name: 'at', kind: 'datetime' }, { name: 'value', kind: 'number' }], rows };
  let t = performance.now();
  let checksum = 0;
  for (const row of rows) checksum += Date.parse(row[0]) > 0 ? row[1] : 0; // baseline: one pass over the rows
  const baselineMs = performance.now() - t;
  t = performance.now();
  const spec = chooseChart(result, 'value over time');
  const data = buildChartData(spec, result);
  const prepareMs = performance.now() - t;
  return { chart_type: spec.type, series: Object.keys(data).join(','), baseline_single_pass_ms: Math.round(baselineMs), prepare_ms: Math.round(prepareMs), prepare_vs_single_pass_ratio: Number((prepareMs / baselineMs).toFixed(2)), baseline_checksum: Math.round(checksum) };
}

async function browserRender() {
  const [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  try {
    const { page, context } = await signedInPage({ server, browser });
    // The stress test is an administrator's diagnostic, not part of Settings.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('tab', { name: 'Diagnostics' }).click();
    await recordLongTasks(page);
    const started = Date.now();
    await page.getByRole('button', { name: 'Draw a 1,000,000-point chart' }).click();
    await page.getByTestId('chart').locator('.apexcharts-line-series path.apexcharts-line').first().waitFor({ timeout: 120_000 });
    const renderMs = Date.now() - started;
    const longTasks = await readLongTasks(page);
    await context.close();
    return { render_1m_points_ms: renderMs, long_tasks: longTasks.length, longest_task_ms: Math.round(Math.max(0, ...longTasks)) };
  } finally {
    await browser.close();
    await server.stop();
  }
}

export async function benchCharts(): Promise<Record<string, unknown>> {
  return { ...(await prepareTimes()), ...(await browserRender()) };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await benchCharts(), null, 2));
