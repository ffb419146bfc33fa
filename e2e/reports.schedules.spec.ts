import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportsPage } from './pages/ReportsPage';
import { seriousAccessibilityFindings } from './support/axe';
import { screenshot } from './support/browser';
import { createScreensDashboard } from './support/screens';
import { signedInPage, useDemoWorkspace } from './support/session';

const PASSWORD = 'schedule-password-123';
const EXECUTIVE = { email: 'erin.exec@example.com', name: 'Erin Exec', role: 'executive', expertise: 'executive', department: 'Sales' };
const VIEWER = { email: 'vic.viewer@example.com', name: 'Vic Viewer', role: 'viewer', expertise: 'executive', department: 'Sales' };

describe('issue 15: report schedules created and managed in the app', () => {
  const received: Array<{ to: string; raw: string }> = [];
  const smtp = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        for (const rcpt of session.envelope.rcptTo) received.push({ to: rcpt.address, raw: Buffer.concat(chunks).toString('latin1') });
        done();
      });
    },
  });
  // Filled before the server starts: hooks run in the order they are registered.
  const env: Record<string, string> = {};
  beforeAll(async () => {
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
    env.AISER_SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as { port: number }).port}`;
  });
  afterAll(async () => { await new Promise<void>((resolve) => smtp.close(() => resolve())); });

  const folder = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'aiser-e2e-drop-')), 'board');
  const session = useDemoWorkspace(async (workspace) => {
    await createScreensDashboard(workspace.admin, workspace.demo);
    for (const person of [EXECUTIVE, VIEWER]) await workspace.admin.call('users/create', { ...person, password: PASSWORD, projectIds: [workspace.demo.projectId] });
  }, env);

  it('creates a schedule with field-level errors first, runs it now and shows the delivered run in its history', async () => {
    const { page, context } = await signedInPage(session, session.server.admin, { width: 1400, height: 1000 });
    const reports = new ReportsPage(page);
    await reports.open();
    await reports.scheduleButton.click();
    await reports.fillSchedule({ dashboard: 'Sales overview', title: 'Weekly board pack', cron: 'every monday', recipients: session.server.admin.email, folder });
    // The preview explains a bad expression as it is typed, and the server says the same next to the field.
    await expect(page.getByTestId('schedule-preview').textContent()).resolves.toMatch(/not a valid schedule/);
    await reports.submitSchedule();
    await expect(reports.fieldError('cron').textContent()).resolves.toMatch(/"every monday" is not a valid schedule.*"0 8 \* \* 1"/);
    await expect(page.locator('#schedule-cron').getAttribute('aria-invalid')).resolves.toBe('true');
    await screenshot(page, 'issue15-schedule-dialog-cron-error');

    await page.locator('#schedule-cron').fill('0 8 * * 1');
    await page.locator('#schedule-recipients').fill('board-at-example.com');
    await reports.submitSchedule();
    await expect(reports.fieldError('recipients').textContent()).resolves.toBe('board-at-example.com: Give a valid e-mail address.');
    await expect(reports.fieldError('cron').count()).resolves.toBe(0);
    const preview = (await page.getByTestId('schedule-preview').locator('li').allTextContents());
    expect(preview).toHaveLength(5);
    for (const run of preview) expect(run).toMatch(/^Mon \d{1,2} [A-Z][a-z]{2} \d{4}, 08:00$/);
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await screenshot(page, 'issue15-schedule-dialog-errors');

    await page.locator('#schedule-recipients').fill(session.server.admin.email);
    await reports.submitSchedule();
    await reports.dialog.waitFor({ state: 'detached' });
    const row = reports.row('Weekly board pack');
    await expect(row.textContent()).resolves.toMatch(/0 8 \* \* 1.*UTC.*admin@example\.com.*Mon \d{1,2} [A-Z][a-z]{2} \d{4}, 08:00.*Not run yet/);

    await row.getByRole('button', { name: 'Run now' }).click();
    const history = page.getByTestId('schedule-runs');
    const succeeded = history.locator('tbody tr[data-status="succeeded"]');
    await succeeded.waitFor({ timeout: 120_000 });
    await expect(succeeded.textContent()).resolves.toMatch(new RegExp(`Delivered.*✓ Folder: ${folder.replace(/[/\\.-]/g, '\\$&')}/weekly-board-pack[^/]*\\.pdf.*✓ E-mail: admin@example\\.com`));
    await expect(row.getByTestId('schedule-last-status').textContent()).resolves.toBe('Delivered');

    const dropped = fs.readdirSync(folder);
    expect(dropped).toHaveLength(1);
    expect(fs.readFileSync(path.join(folder, dropped[0])).subarray(0, 5).toString()).toBe('%PDF-');
    expect(received.map((m) => m.to)).toEqual([session.server.admin.email]);
    expect(received[0].raw).toMatch(/Content-Type: application\/pdf/i);

    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await screenshot(page, 'issue15-schedule-run-history');

    // The box follows the server's answer, so click and wait for the schedule to read as paused.
    const enabled = row.getByRole('checkbox', { name: 'Weekly board pack: scheduled runs on' });
    await enabled.click();
    await row.locator('td', { hasText: /^Paused$/ }).waitFor();
    await expect(enabled.isChecked()).resolves.toBe(false);
    await row.getByRole('button', { name: 'Delete' }).click();
    await row.getByRole('button', { name: 'Confirm delete' }).click();
    await page.getByText('No schedules yet.').waitFor();
    await context.close();
  });

  it('shows no schedule controls to an executive, and no Reports page to a viewer', async () => {
    const executive = await signedInPage(session, { email: EXECUTIVE.email, password: PASSWORD });
    const reports = new ReportsPage(executive.page);
    await reports.open();
    await executive.page.getByRole('heading', { name: 'History' }).waitFor();
    await expect(reports.scheduleButton.count()).resolves.toBe(0);
    await expect(executive.page.getByRole('heading', { name: 'Schedules' }).count()).resolves.toBe(0);
    await executive.context.close();

    const viewer = await signedInPage(session, { email: VIEWER.email, password: PASSWORD });
    const nav = viewer.page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Dashboards' }).waitFor();
    await expect(nav.getByRole('link', { name: 'Reports' }).count()).resolves.toBe(0);
    await expect(viewer.page.getByRole('button', { name: 'Schedule a report' }).count()).resolves.toBe(0);
    await viewer.context.close();
  });
});
