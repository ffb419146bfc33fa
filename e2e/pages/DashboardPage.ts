import type { Locator, Page } from 'playwright-core';

export class DashboardPage {
  constructor(private readonly page: Page) {}

  get name(): Locator { return this.page.getByTestId('dashboard-name'); }
  get widgets(): Locator { return this.page.getByTestId('widget'); }

  widget(title: string): Locator {
    return this.page.getByRole('region', { name: title });
  }

  /** Waits until a widget has drawn its chart (or its number). */
  async waitForWidgetChart(title: string): Promise<Locator> {
    const chart = this.widget(title).locator('[data-testid="chart"] .apexcharts-svg, [data-testid="kpi"]').first();
    await chart.waitFor({ timeout: 30_000 });
    return chart;
  }
}
