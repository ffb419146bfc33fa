import type { Locator, Page } from 'playwright-core';

/** The Reports page: generated reports and the report schedules. */
export class ReportsPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();
    await this.page.getByRole('heading', { name: 'Reports', level: 1 }).waitFor();
  }

  get scheduleButton(): Locator { return this.page.getByRole('button', { name: 'Schedule a report' }); }
  get dialog(): Locator { return this.page.getByRole('dialog', { name: 'Schedule a report' }); }
  get rows(): Locator { return this.page.getByTestId('schedule-row'); }

  row(title: string): Locator { return this.rows.filter({ hasText: title }); }

  /** The error shown under a field of the schedule dialog. */
  fieldError(field: 'cron' | 'recipients' | 'folder' | 'timezone' | 'source'): Locator { return this.page.locator(`#schedule-${field}-error`); }

  async fillSchedule(values: { dashboard: string; title: string; cron: string; recipients: string; folder: string }): Promise<void> {
    const dialog = this.dialog;
    await dialog.getByLabel('Report on').selectOption('dashboard');
    await dialog.getByLabel('Dashboard', { exact: true }).selectOption({ label: values.dashboard });
    await dialog.getByLabel(/^Title/).fill(values.title);
    await dialog.getByLabel(/^When/).fill(values.cron);
    await dialog.getByLabel('Time zone').fill('UTC');
    await dialog.getByLabel(/^E-mail recipients/).fill(values.recipients);
    await dialog.getByLabel(/^Delivery folder/).fill(values.folder);
  }

  async submitSchedule(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Create schedule' }).click();
  }
}
