import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ChatPage } from './pages/ChatPage';
import { DashboardPage } from './pages/DashboardPage';
import { screenshot } from './support/browser';
import { signedInPage, useDemoWorkspace } from './support/session';

const PASSWORD = 'role-password-123';

describe('issue 8: role-adaptive chat, answers and dashboards', () => {
  const session = useDemoWorkspace();

  async function signedIn(email: string, password: string, viewport?: { width: number; height: number }) {
    const opened = await signedInPage(session, { email, password }, viewport);
    const chat = new ChatPage(opened.page);
    await chat.open();
    return { ...opened, chat };
  }

  it('greets an executive and an analyst differently and shows the analyst the method by default', async () => {
    const people = [
      { email: 'exec@example.com', name: 'Erin Exec', role: 'executive', expertise: 'executive', department: 'Sales' },
      { email: 'analyst@example.com', name: 'Ana Lyst', role: 'analyst', expertise: 'analyst', department: 'Finance' },
    ];
    for (const person of people) await session.admin.call('users/create', { ...person, password: PASSWORD, projectIds: [session.demo.projectId] });

    const seen: Record<string, { greeting: string; detailsOpen: boolean | null }> = {};
    for (const person of people) {
      const { chat, page, context } = await signedIn(person.email, PASSWORD);
      await chat.greeting.waitFor();
      const greeting = (await chat.greeting.textContent()) ?? '';
      expect(greeting.length).toBeGreaterThan(5);
      await page.getByTestId('example-question').first().click();
      const turn = await chat.waitForTurnSettled(0);
      const details = turn.getByTestId('answer-details');
      const detailsOpen = (await details.count()) ? await details.evaluate((el) => (el as HTMLDetailsElement).open) : null;
      seen[person.role] = { greeting, detailsOpen };
      await screenshot(page, `issue8-first-answer-${person.role}`);
      await context.close();
    }
    expect(seen.executive.greeting).not.toBe(seen.analyst.greeting);
    expect(seen.analyst.detailsOpen).toBe(true);
    expect(seen.executive.detailsOpen).not.toBe(true);
  });

  it('streams an answer with a chart, follows up, and saves it to a dashboard that survives a reload', async () => {
    const { chat, page, context } = await signedIn(session.server.admin.email, session.server.admin.password);
    await chat.recordTurnStatuses();
    await chat.recordLayoutShifts();
    await chat.ask('orders by channel');
    const first = await chat.waitForTurnSettled(0);
    expect(await chat.recordedStatuses()).toEqual(['0:streaming', '0:done']);
    // Streaming fills reserved slots: the answer does not push the page around ("good" CLS is < 0.1).
    const shift = await chat.layoutShift();
    console.info(`layout shift while streaming: ${shift.toFixed(4)}`);
    expect(shift).toBeLessThan(0.1);
    await expect(first.getByTestId('answer-headline').textContent()).resolves.toMatch(/\d/);
    await first.locator('[data-testid="chart"] .apexcharts-svg').waitFor();
    const bars = await first.locator('path.apexcharts-bar-area').evaluateAll((paths) => paths.map((p) => Number(p.getAttribute('val'))));
    expect(bars.length).toBeGreaterThan(1);
    expect(bars.every((v) => v > 0)).toBe(true);

    // ↑ in the empty question box brings back the last question.
    await chat.questionBox.focus();
    await chat.questionBox.press('ArrowUp');
    await expect(chat.questionBox.inputValue()).resolves.toBe('orders by channel');
    await chat.questionBox.fill('');

    const followUp = first.getByTestId('follow-up').first();
    const followUpText = (await followUp.textContent()) ?? '';
    await followUp.click();
    const second = await chat.waitForTurnSettled(1);
    await expect(second.getByTestId('question').textContent()).resolves.toBe(followUpText);
    await expect(second.getAttribute('data-status')).resolves.toBe('done');

    await first.getByRole('button', { name: 'Save to dashboard' }).click();
    const dialog = page.getByRole('dialog', { name: 'Save to dashboard' });
    const widgetTitle = await dialog.getByLabel('Widget title').inputValue();
    await dialog.getByLabel('Dashboard', { exact: true }).selectOption({ label: 'New dashboard…' });
    await dialog.getByLabel('New dashboard name').fill('E2E board');
    await dialog.getByLabel('Refresh').selectOption({ label: 'Every 15 minutes' });
    await dialog.getByRole('button', { name: 'Save widget' }).click();
    await dialog.getByRole('link', { name: 'Open dashboard' }).click();

    const dashboard = new DashboardPage(page);
    await expect(dashboard.name.textContent()).resolves.toBe('E2E board');
    await dashboard.waitForWidgetChart(widgetTitle);
    await page.reload();
    await expect(dashboard.name.textContent()).resolves.toBe('E2E board');
    await dashboard.waitForWidgetChart(widgetTitle);
    await expect(dashboard.widgets.count()).resolves.toBe(1);
    const boards = await session.admin.call<Array<{ id: string; name: string }>>('dashboards/list', {});
    const saved = await session.admin.call<{ widgets: Array<{ refresh: unknown }> }>('dashboards/get', { id: boards.find((b) => b.name === 'E2E board')!.id });
    expect(saved.widgets[0].refresh).toEqual({ mode: 'interval', intervalMinutes: 15 });
    await screenshot(page, 'issue8-dashboard-after-reload');
    await context.close();
  });

  it('exports the rows of an answer as CSV and as an Excel workbook with the same values', async () => {
    const { chat, page, context } = await signedIn(session.server.admin.email, session.server.admin.password);
    await chat.ask('orders by channel');
    const turn = await chat.waitForTurnSettled(0);
    const rowsButton = turn.getByRole('button', { name: /the \d+ rows/ });
    if ((await rowsButton.getAttribute('aria-expanded')) !== 'true') await rowsButton.click();
    const shown = await turn.getByRole('table', { name: /Rows for/ }).locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent ?? '')));
    expect(shown.length).toBeGreaterThan(1);

    const [csvDownload] = await Promise.all([page.waitForEvent('download'), turn.getByRole('button', { name: 'CSV' }).click()]);
    const csv = fs.readFileSync((await csvDownload.path())!, 'utf8').trim().split(/\r?\n/);
    expect(csv.length).toBe(shown.length + 1);
    expect(csv[1].split(',')[0]).toBe(shown[0][0]);

    const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), turn.getByRole('button', { name: 'Excel' }).click()]);
    expect(xlsxDownload.suggestedFilename()).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await xlsxDownload.path())!);
    const sheet = workbook.worksheets[0];
    expect(sheet.rowCount).toBe(shown.length + 1);
    expect(String(sheet.getCell('A2').value)).toBe(shown[0][0]);
    expect(Number(sheet.getCell('B2').value).toLocaleString('en-US')).toBe(shown[0][1]);
    await context.close();
  });

  it('drills into a category when its bar is clicked', async () => {
    const { chat, context } = await signedIn(session.server.admin.email, session.server.admin.password);
    await chat.ask('orders by channel');
    const first = await chat.waitForTurnSettled(0);
    const topBar = first.locator('path.apexcharts-bar-area').first();
    await topBar.waitFor();
    const topCategory = (await first.locator('.apexcharts-yaxis-label tspan').first().textContent())?.trim();
    await topBar.click();
    const drilled = await chat.waitForTurnSettled(1);
    await expect(drilled.getByTestId('question').textContent()).resolves.toBe(`Orders for channel ${topCategory} by month`);
    await expect(drilled.getAttribute('data-status')).resolves.toBe('done');
    await drilled.locator('[data-testid="chart"][data-chart-type="line"] .apexcharts-svg').waitFor();
    await context.close();
  });

  it('keeps conversations: reopen one with its answer, search, rename and delete', async () => {
    const { chat, page, context } = await signedIn(session.server.admin.email, session.server.admin.password);
    await chat.ask('orders by status');
    await chat.waitForTurnSettled(0);
    const headline = await chat.turn(0).getByTestId('answer-headline').textContent();
    await page.getByRole('button', { name: 'New conversation' }).click();
    await chat.greeting.waitFor();

    const list = page.getByRole('complementary', { name: 'Conversations' });
    await list.getByRole('searchbox', { name: 'Search conversations' }).fill('status');
    await list.getByRole('link', { name: /orders by status/ }).first().click();
    const reopened = await chat.waitForTurnSettled(0);
    await expect(reopened.getByTestId('question').textContent()).resolves.toBe('orders by status');
    await expect(reopened.getByTestId('answer-headline').textContent()).resolves.toBe(headline);
    await reopened.locator('[data-testid="chart"] .apexcharts-svg').waitFor();

    await list.getByRole('button', { name: 'Rename “orders by status”' }).first().click();
    await list.getByLabel('Conversation title').fill('Order statuses');
    await list.getByRole('button', { name: 'Save' }).click();
    await list.getByRole('link', { name: /Order statuses/ }).waitFor();

    page.once('dialog', (d) => void d.accept());
    await list.getByRole('button', { name: 'Delete “Order statuses”' }).click();
    await list.getByRole('link', { name: /Order statuses/ }).waitFor({ state: 'detached' });
    await context.close();
  });

  it('offers clarification options as buttons and answers the option clicked', async () => {
    const { chat, context } = await signedIn(session.server.admin.email, session.server.admin.password);
    await chat.ask('how are we doing by region?');
    const first = await chat.waitForTurnSettled(0);
    const options = first.getByTestId('clarification-option');
    await options.first().waitFor({ timeout: 10_000 });
    expect(await options.count()).toBeGreaterThan(1);
    await options.first().click();
    const second = await chat.waitForTurnSettled(1);
    await expect(second.getAttribute('data-status')).resolves.toBe('done');
    await expect(second.getByTestId('clarification-option').count()).resolves.toBe(0);
    await context.close();
  });

  it('cancels an answer mid-stream with Esc and offers a retry', async () => {
    const { chat, page, context } = await signedIn(session.server.admin.email, session.server.admin.password);
    await chat.questionBox.fill('orders by month');
    await chat.questionBox.press('Enter');
    await page.keyboard.press('Escape');
    const turn = await chat.waitForTurnSettled(0);
    await expect(turn.getAttribute('data-status')).resolves.toBe('cancelled');
    await turn.getByRole('button', { name: 'Retry' }).waitFor();
    await context.close();
  });

  it('moves the focus to the question box with Ctrl+K from any page', async () => {
    const { page, context } = await signedIn(session.server.admin.email, session.server.admin.password);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'SQL' }).click();
    await page.getByRole('heading', { name: 'SQL', exact: true }).waitFor();
    await page.keyboard.press('Control+k');
    await page.waitForFunction(() => document.activeElement?.id === 'question');
    expect(page.url()).toContain('#/ask');
    await context.close();
  });
});
