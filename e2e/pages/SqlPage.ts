import type { Locator, Page } from 'playwright-core';

export class SqlPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'SQL' }).click();
    await this.page.getByRole('heading', { name: 'SQL', exact: true }).waitFor();
  }

  async run(sql: string): Promise<void> {
    await this.page.getByRole('textbox', { name: 'Query' }).fill(sql);
    await this.page.getByRole('button', { name: 'Run' }).click();
  }

  get chart(): Locator { return this.page.getByTestId('chart'); }
  get table(): Locator { return this.page.getByTestId('result-table'); }
  get summary(): Locator { return this.page.getByTestId('run-summary'); }

  /** The values ApexCharts drew for bars (each bar path carries its value in `val`). */
  async barValues(): Promise<number[]> {
    await this.chart.locator('path.apexcharts-bar-area').first().waitFor();
    return this.chart.locator('path.apexcharts-bar-area').evaluateAll((paths) => paths.map((p) => Number(p.getAttribute('val'))));
  }

  /** Category labels on the chart's category axis, in drawn order. */
  async categoryLabels(): Promise<string[]> {
    return this.chart.locator('.apexcharts-yaxis-label tspan, .apexcharts-xaxis-label tspan').evaluateAll((nodes) => nodes.map((n) => (n.textContent ?? '').trim()).filter(Boolean));
  }
}
