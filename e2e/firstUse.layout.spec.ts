import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ChatPage } from './pages/ChatPage';
import { seriousAccessibilityFindings } from './support/axe';
import { screenshot } from './support/browser';
import { createScreensDashboard, SCREENS } from './support/screens';
import { signedInPage, useDemoWorkspace } from './support/session';

const PHONE = { width: 390, height: 844 };
const UHD = { width: 3840, height: 2160 };
/** The widest a page's content grows on a very large screen (lines and charts stay readable). */
const MAX_CONTENT_WIDTH = 2200;
/** Screens of data (tables, charts, grids) use most of that width on a 4K screen. */
const DATA_SCREENS = new Set(['sql', 'dashboards', 'dashboard', 'sources']);

/** Sideways overflow of the page and of the scrolling main area, and where the page's content sits in it. */
async function layoutOf(page: Page) {
  return page.evaluate(() => {
    const main = document.querySelector('main')!;
    const content = main.querySelector('.page')!.getBoundingClientRect();
    const area = main.getBoundingClientRect();
    return {
      overflow: { page: document.documentElement.scrollWidth - window.innerWidth, main: main.scrollWidth - main.clientWidth },
      width: content.width,
      leftGap: content.left - area.left,
      rightGap: area.right - content.right - (main.offsetWidth - main.clientWidth),
    };
  });
}

describe('issue 14: a number answer on a phone, and every main screen on a 4K display', () => {
  let dashboardId: string;
  const session = useDemoWorkspace(async ({ admin, demo }) => {
    dashboardId = await createScreensDashboard(admin, demo);
  });

  it('shows a single-number answer on a phone without a blank gap under its number card', async () => {
    const { page, context } = await signedInPage(session, undefined, PHONE);
    const chat = new ChatPage(page);
    await chat.open();
    await chat.ask('revenue last quarter');
    const turn = await chat.waitForTurnSettled(0);
    const card = turn.locator('[data-testid="chart"][data-chart-type="kpi"]');
    await card.getByTestId('kpi').waitFor();
    const [cardBox, narrative] = [await card.boundingBox(), await turn.getByTestId('answer-narrative').boundingBox()];
    // What follows the card (the "Why") starts right under it: the card's space is its own, not a chart's.
    const gap = narrative!.y - (cardBox!.y + cardBox!.height);
    expect(gap).toBeGreaterThanOrEqual(0);
    expect(gap).toBeLessThan(48);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
    await turn.scrollIntoViewIfNeeded();
    await screenshot(page, 'issue14-kpi-phone');
    await context.close();
  });

  it('lays out every main screen at 3840×2160: no sideways scrolling, content centred and at a readable width, no serious accessibility issue', async () => {
    const { page, context } = await signedInPage(session, undefined, UHD);
    const findings: Record<string, unknown> = {};
    for (const screen of SCREENS) {
      await screen.open(page, { dashboardId });
      await screenshot(page, `issue14-4k-${screen.name}`);
      const layout = await layoutOf(page);
      expect(layout.overflow, screen.name).toEqual({ page: 0, main: 0 });
      expect(layout.width, screen.name).toBeLessThanOrEqual(MAX_CONTENT_WIDTH);
      expect(Math.abs(layout.leftGap - layout.rightGap), screen.name).toBeLessThanOrEqual(2);
      if (DATA_SCREENS.has(screen.name)) expect(layout.width, screen.name).toBeGreaterThan(MAX_CONTENT_WIDTH * 0.8);
      const serious = await seriousAccessibilityFindings(page);
      if (serious.length) findings[screen.name] = serious;
    }
    expect(findings).toEqual({});
    await context.close();
  });
});
