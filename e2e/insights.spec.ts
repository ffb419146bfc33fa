import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ChatPage } from './pages/ChatPage';
import { screenshot } from './support/browser';
import { signedInPage, useDemoWorkspace } from './support/session';

const PASSWORD = 'insight-password-123';
const PEOPLE = [
  { email: 'erin.exec@example.com', name: 'Erin Exec', role: 'executive', expertise: 'executive', department: 'Sales' },
  { email: 'andy.analyst@example.com', name: 'Andy Analyst', role: 'analyst', expertise: 'analyst', department: 'Finance' },
] as const;

describe('issue 13: insights in the chat and the Insights view, with no language model', () => {
  const session = useDemoWorkspace(async (workspace) => {
    for (const person of PEOPLE) await workspace.admin.call('users/create', { ...person, password: PASSWORD, projectIds: [workspace.demo.projectId] });
  });

  async function askAs(who: { email: string; password: string } | null, question: string) {
    const opened = await signedInPage(session, who ?? session.server.admin, { width: 1280, height: 1100 });
    const chat = new ChatPage(opened.page);
    await chat.open();
    await chat.ask(question);
    const turn = await chat.waitForTurnSettled(0);
    await expect(turn.getAttribute('data-status')).resolves.toBe('done');
    return { ...opened, chat, turn };
  }

  async function seriesNames(page: Page): Promise<string[]> {
    return page.locator('[data-testid="insight-chart"] .apexcharts-series').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('seriesName') ?? ''));
  }

  it('answers a forecast question with a band chart and says how it was computed', async () => {
    const { page, turn, context } = await askAs(null, 'forecast revenue for next quarter');
    await expect(turn.getByTestId('answer-headline').textContent()).resolves.toMatch(/Revenue is forecast at \$[\d.]+[kMB]? in total for/);
    const chart = turn.locator('[data-testid="insight-chart"][data-kind="band"]');
    await chart.locator('.apexcharts-svg').waitFor();
    const names = await seriesNames(page);
    for (const name of [/^95.*range$/, /^80.*range$/, /^Actual$/, /^Forecast$/]) expect(names.some((n) => name.test(n))).toBe(true);
    // The band is drawn as filled range areas, not just two lines.
    expect(await chart.locator('.apexcharts-rangearea-series path, .apexcharts-rangeArea-series path, path.apexcharts-rangearea-area').count()).toBeGreaterThan(0);
    const method = turn.getByTestId('insight-method');
    await expect(method.evaluate((el) => (el as HTMLDetailsElement).open)).resolves.toBe(true);
    await expect(method.textContent()).resolves.toMatch(/Backtest error\s*MASE \d/);
    await screenshot(page, 'issue13-forecast-band');
    await context.close();
  });

  it('answers a "why" question with drivers ranked by their contribution', async () => {
    const { page, turn, context } = await askAs(null, 'why did revenue drop in August 2025 in Europe?');
    const headline = (await turn.getByTestId('answer-headline').textContent()) ?? '';
    expect(headline).toMatch(/^Revenue in Europe (fell|rose) \$[\d.]+[kM]? .* in August 2025 against July 2025; .+ “.+”/);
    const chart = turn.locator('[data-testid="insight-chart"][data-kind="contributions"]');
    await chart.locator('.apexcharts-svg').waitFor();
    const bars = await chart.locator('path.apexcharts-bar-area').evaluateAll((paths) => paths.map((p) => Math.abs(Number(p.getAttribute('val')))));
    expect(bars.length).toBeGreaterThan(1);
    expect(bars).toEqual([...bars].sort((a, b) => b - a));
    const labels = await chart.locator('.apexcharts-datalabel, .apexcharts-data-labels text').allTextContents();
    expect(labels.some((l) => /[▲▼] \$[\d.]+/.test(l))).toBe(true);
    await expect(turn.getByText('What to do next').count()).resolves.toBe(1);
    await screenshot(page, 'issue13-why-drivers');
    await context.close();
  });

  it('answers an anomaly question with the unusual points marked on the chart', async () => {
    const { page, turn, context } = await askAs(null, 'any anomalies in daily revenue?');
    const chart = turn.locator('[data-testid="insight-chart"][data-kind="markers"]');
    await chart.locator('.apexcharts-svg').waitFor();
    const flagged = Number(await chart.getAttribute('data-flagged'));
    expect(flagged).toBeGreaterThan(0);
    await expect(turn.getByTestId('answer-headline').textContent()).resolves.toContain(`${flagged} unusual day`);
    const markers = await chart.locator('.apexcharts-series[seriesName="Unusual"] .apexcharts-marker, .apexcharts-series-markers-wrap .apexcharts-marker').count();
    expect(markers).toBeGreaterThan(0);
    await screenshot(page, 'issue13-anomaly-markers');
    await context.close();
  });

  it('gives an executive plain words and an analyst the statistics for the same question', async () => {
    const question = 'is the difference in revenue between Online and Retail significant?';
    const seen: Record<string, { narrative: string; methodOpen: boolean; sql: number }> = {};
    for (const person of PEOPLE) {
      const { page, turn, context } = await askAs({ email: person.email, password: PASSWORD }, question);
      const narrative = (await turn.getByTestId('answer-narrative').textContent()) ?? '';
      seen[person.role] = {
        narrative,
        methodOpen: await turn.getByTestId('insight-method').evaluate((el) => (el as HTMLDetailsElement).open),
        sql: await turn.locator('[data-testid="insight-method"] pre').count(),
      };
      await expect(turn.getByTestId('answer-headline').textContent()).resolves.toMatch(/higher for (Online|Retail) than for (Online|Retail)/);
      await screenshot(page, `issue13-depth-${person.role}`);
      await context.close();
    }
    expect(seen.analyst.narrative).toMatch(/Welch t = -?[\d.]+, df = [\d.]+, p [<=] [\d.]+/);
    expect(seen.analyst.narrative).toMatch(/95% CI of the difference/);
    expect(seen.executive.narrative).not.toMatch(/p [<=] |Welch|CI/);
    expect(seen.executive.narrative).toMatch(/real difference|by chance/);
    expect(seen.analyst.methodOpen).toBe(true);
    expect(seen.executive.methodOpen).toBe(false);
    expect(seen.analyst.sql).toBeGreaterThan(0);
    expect(seen.executive.sql).toBe(0);
  });

  it('lists the stored insights of the project in the Insights view, with an executive summary', async () => {
    const { page, context } = await signedInPage(session, session.server.admin, { width: 1280, height: 1100 });
    await page.getByRole('link', { name: 'Insights' }).click();
    const items = page.getByTestId('stored-insight');
    await items.first().waitFor();
    const kinds = await items.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-kind')));
    expect(kinds).toEqual(expect.arrayContaining(['forecast', 'root-cause', 'anomalies']));
    await expect(page.getByTestId('executive-summary').textContent()).resolves.toMatch(/Most important|urgent finding/);
    await page.locator('[data-testid="stored-insight"][data-kind="forecast"] button').first().click();
    await page.locator('[data-testid="stored-insight"][data-kind="forecast"] [data-testid="insight-chart"] .apexcharts-svg').waitFor();
    await screenshot(page, 'issue13-insights-view');
    await context.close();
  });

  it('creates a report of the period’s insights from the Insights view and previews it', async () => {
    const { page, context } = await signedInPage(session, session.server.admin, { width: 1280, height: 1100 });
    await page.getByRole('link', { name: 'Insights' }).click();
    await page.getByTestId('stored-insight').first().waitFor();
    const headlines = (await page.getByTestId('stored-insight').locator('button').allTextContents()).map((h) => h.trim().slice(0, 40));
    expect(headlines.length).toBeGreaterThan(0);
    await page.getByLabel('Report period').selectOption('month-to-date');
    await page.getByRole('button', { name: 'Create report' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create report' });
    await expect(dialog.getByLabel('Title').inputValue()).resolves.toBe('Insights · Month to date');
    await dialog.getByRole('button', { name: 'Preview' }).click();
    const preview = page.frameLocator('iframe[title="Report preview"]');
    await preview.locator('body').getByText('Executive summary').first().waitFor();
    const text = (await preview.locator('body').textContent()) ?? '';
    expect(text).toContain('Insights · Month to date');
    expect(headlines.filter((h) => text.includes(h)).length, 'insights of the period in the report').toBeGreaterThan(0);
    await screenshot(page, 'issue15-insights-report-preview');
    await context.close();
  });
});
