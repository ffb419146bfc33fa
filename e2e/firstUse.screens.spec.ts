import { describe, expect, it } from 'vitest';
import { ChatPage } from './pages/ChatPage';
import { DashboardPage } from './pages/DashboardPage';
import { screenshot } from './support/browser';
import { signedInPage, useDemoWorkspace } from './support/session';

const EXEC = { email: 'screens-exec@example.com', password: 'screens-password-1' };
const VIEWER = { email: 'screens-viewer@example.com', password: 'screens-password-2' };
const VIEWPORTS = [{ name: 'desktop', width: 1440, height: 900 }, { name: 'tablet', width: 820, height: 1180 }, { name: 'phone', width: 390, height: 844 }];
const QUESTIONS = ['revenue by month', 'revenue by region', 'orders by channel', 'Top 10 customers by revenue', 'revenue last quarter', 'revenue by segment and month'];

describe('issue 14: role-true controls and layout from phone to desktop', () => {
  const session = useDemoWorkspace(async ({ admin, demo }) => {
    await admin.call('users/create', { ...EXEC, name: 'Erin Exec', role: 'executive', expertise: 'executive', projectIds: [demo.projectId] });
    await admin.call('users/create', { ...VIEWER, name: 'Vic Viewer', role: 'viewer', expertise: 'executive', projectIds: [demo.projectId] });
  });

  it('lets an executive save an answer to a dashboard, titled by its question, with its refresh shown and changeable', async () => {
    const { page, context } = await signedInPage(session, EXEC, { width: 1440, height: 900 });
    const chat = new ChatPage(page);
    await chat.open();
    await chat.ask('revenue by region');
    const turn = await chat.waitForTurnSettled(0);
    await turn.getByRole('button', { name: 'Save to dashboard' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByLabel('Widget title').inputValue()).resolves.toBe('revenue by region');
    await dialog.getByLabel('New dashboard name').fill('Exec board');
    await dialog.getByRole('button', { name: 'Save widget' }).click();
    await dialog.getByRole('link', { name: 'Open dashboard' }).click();
    const board = new DashboardPage(page);
    await board.waitForWidgetChart('revenue by region');
    const widget = board.widget('revenue by region');
    await expect(widget.getByTestId('widget-meta').textContent()).resolves.toMatch(/Updated \d/);
    await widget.getByLabel('How often revenue by region refreshes').selectOption('60');
    await page.reload();
    await board.waitForWidgetChart('revenue by region');
    await expect(board.widget('revenue by region').getByLabel('How often revenue by region refreshes').inputValue()).resolves.toBe('60');
    await screenshot(page, 'issue14-exec-dashboard');
    // Ctrl K asks from anywhere.
    await page.keyboard.press('Control+k');
    await page.getByRole('textbox', { name: 'Your question' }).waitFor();
    await page.waitForFunction(() => document.activeElement === document.getElementById('question'));
    await context.close();
  });

  it('shows a viewer no controls they cannot use', async () => {
    const board = await session.admin.call<{ id: string }>('dashboards/create', { projectId: session.demo.projectId, name: 'Shared board', shared: true });
    const { page, context } = await signedInPage(session, VIEWER, { width: 1440, height: 900 });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboards' }).click();
    await page.getByTestId('dashboard-card').first().waitFor();
    expect(await page.getByRole('button', { name: 'Create' }).count()).toBe(0);
    expect(await page.getByText('Ctrl').count()).toBe(0);
    await page.goto(`/#/dashboards/${board.id}`);
    await page.getByTestId('dashboard-name').waitFor();
    expect(await page.getByLabel('Dashboard theme').count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Remove/ }).count()).toBe(0);
    await context.close();
  });

  it('lets the administrator choose their own level of detail: it persists, shapes their answers, and leaves other people’s as they were', async () => {
    const levels = async () => Object.fromEntries((await session.admin.call<Array<{ email: string; expertise: string }>>('users/list', {})).map((u) => [u.email, u.expertise]));
    const before = await levels();
    expect(before[session.server.admin.email]).toBe('analyst');
    const { page, context } = await signedInPage(session, session.server.admin, { width: 1440, height: 900 });
    const chooseLevel = async (label: RegExp) => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
      await page.getByLabel(label).check();
      await page.getByRole('button', { name: 'Save profile' }).click();
      await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    };
    await chooseLevel(/^Executive —/);
    await page.reload();
    await expect(page.getByLabel(/^Executive —/).isChecked()).resolves.toBe(true);
    const chat = new ChatPage(page);
    await chat.open();
    await chat.ask('revenue by region');
    const brief = await chat.waitForTurnSettled(0);
    // The executive level: the answer first, how it was computed and the rows one click away.
    await expect(brief.getByTestId('answer-details').getAttribute('open')).resolves.toBeNull();
    await expect(brief.getByRole('button', { name: /Show the \d+ rows/ }).getAttribute('aria-expanded')).resolves.toBe('false');

    await chooseLevel(/^Expert —/);
    await chat.open();
    const earlier = await chat.turns.count();
    await chat.ask('revenue by channel');
    const full = await chat.waitForTurnSettled(earlier);
    await expect(full.getByTestId('answer-details').getAttribute('open')).resolves.toBe('');
    await expect(full.getByRole('button', { name: /Hide the \d+ rows/ }).getAttribute('aria-expanded')).resolves.toBe('true');
    await context.close();

    const after = await levels();
    expect(after[session.server.admin.email]).toBe('expert');
    expect({ ...after, [session.server.admin.email]: undefined }).toEqual({ ...before, [session.server.admin.email]: undefined });
    // An executive still gets the executive level by default.
    const exec = await signedInPage(session, EXEC, { width: 1440, height: 900 });
    const execChat = new ChatPage(exec.page);
    await execChat.open();
    await execChat.ask('revenue by region');
    const execTurn = await execChat.waitForTurnSettled(0);
    await expect(execTurn.getByTestId('answer-details').getAttribute('open')).resolves.toBeNull();
    await expect(execTurn.getByRole('button', { name: /Show the \d+ rows/ }).getAttribute('aria-expanded')).resolves.toBe('false');
    await exec.context.close();

    for (const viewport of VIEWPORTS) {
      const settings = await signedInPage(session, session.server.admin, viewport);
      await settings.page.goto('/#/settings');
      await settings.page.getByLabel(/^Expert —/).waitFor();
      await expect(settings.page.getByLabel(/^Expert —/).isChecked()).resolves.toBe(true);
      expect(await settings.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), `sideways scroll at ${viewport.width} px`).toBeLessThanOrEqual(0);
      await screenshot(settings.page, `issue14-admin-detail-level-${viewport.name}`);
      await settings.context.close();
    }
  });

  it('fits 1440, 820 and 390 px: no sideways scrolling, composer in view, the last answer shown, wheel scrolls past charts, paging says what it shows', async () => {
    for (const viewport of VIEWPORTS) {
      const { page, context } = await signedInPage(session, EXEC, viewport);
      const chat = new ChatPage(page);
      await chat.open();
      for (const [i, question] of QUESTIONS.entries()) {
        await chat.ask(question);
        await chat.waitForTurnSettled(i);
      }
      const overflow = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth - window.innerWidth,
        main: (() => { const m = document.querySelector('main')!; return m.scrollWidth - m.clientWidth; })(),
      }));
      expect(overflow).toEqual({ page: 0, main: 0 });
      // The end of the conversation shows the last answer, with the composer in view.
      await page.evaluate(() => { const m = document.querySelector('main')!; m.scrollTop = m.scrollHeight; });
      const last = chat.turn(QUESTIONS.length - 1).getByTestId('answer');
      const [box, composer] = [await last.boundingBox(), await chat.questionBox.boundingBox()];
      expect(box && box.y + box.height > 0 && box.y < viewport.height).toBe(true);
      expect(composer && composer.y >= 0 && composer.y + composer.height <= viewport.height).toBe(true);
      await screenshot(page, `issue14-conversation-end-${viewport.name}`);
      // The wheel over a time chart scrolls the page (zoom is on the toolbar).
      const series = chat.turn(0).locator('[data-testid="chart"] .apexcharts-svg');
      await series.scrollIntoViewIfNeeded();
      const before = await page.evaluate(() => document.querySelector('main')!.scrollTop);
      const chartBox = (await series.boundingBox())!;
      await page.mouse.move(chartBox.x + chartBox.width / 2, chartBox.y + chartBox.height / 2);
      await page.mouse.wheel(0, 300);
      await page.waitForFunction((b) => document.querySelector('main')!.scrollTop !== b, before);
      // Paging shows what it says.
      const rowsTurn = chat.turn(0);
      await rowsTurn.getByRole('button', { name: /Show the \d+ rows/ }).click();
      await expect(rowsTurn.getByTestId('pager-status').textContent()).resolves.toMatch(/^Rows 1–10 of \d+/);
      await expect(rowsTurn.getByRole('combobox').last().inputValue()).resolves.toBe('10');
      expect(await rowsTurn.getByTestId('result-table').locator('tbody tr').count()).toBe(10);
      await context.close();
    }
  });

  it('lays a dashboard out over the width at each size', async () => {
    const board = await session.admin.call<{ id: string }>('dashboards/create', { projectId: session.demo.projectId, name: 'Layout board', shared: true });
    for (const question of ['revenue by month', 'revenue by region']) {
      const answer = await session.admin.call<{ messageId: string }>('chat/ask', { question, sourceId: session.demo.sourceId });
      await session.admin.call('dashboards/saveAnswer', { dashboardId: board.id, messageId: answer.messageId });
    }
    for (const viewport of VIEWPORTS) {
      const { page, context } = await signedInPage(session, session.server.admin, viewport);
      await page.goto(`/#/dashboards/${board.id}`);
      const dashboard = new DashboardPage(page);
      await dashboard.waitForWidgetChart('revenue by region');
      const boxes = await dashboard.widgets.evaluateAll((els) => els.map((e) => { const r = e.getBoundingClientRect(); return { top: r.top, width: r.width }; }));
      const grid = await page.locator('.dash-grid').evaluate((e) => e.getBoundingClientRect().width);
      if (viewport.width >= 1024) {
        // Side by side, together spanning the grid.
        expect(boxes[0].top).toBe(boxes[1].top);
        expect(boxes[0].width + boxes[1].width).toBeGreaterThan(grid * 0.9);
      } else if (viewport.width < 760) {
        for (const box of boxes) expect(box.width).toBeGreaterThan(grid * 0.9);
      }
      await expect(dashboard.widget('revenue by region').getByTestId('widget-meta').textContent()).resolves.toMatch(/Refreshes on open.*Updated \d/);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
      await screenshot(page, `issue14-dashboard-${viewport.name}`);
      await context.close();
    }
  });
});
