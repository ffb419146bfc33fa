import { describe, expect, it } from 'vitest';
import { SignInPage } from './pages/SignInPage';
import { seriousAccessibilityFindings } from './support/axe';
import { newPage, screenshot } from './support/browser';
import { createScreensDashboard, SCREENS } from './support/screens';
import { signedInPage, useDemoWorkspace } from './support/session';

const VIEWPORTS = [{ name: 'desktop', width: 1440, height: 900 }, { name: 'tablet', width: 820, height: 1180 }] as const;

describe('issue 8: every main screen is accessible and looks right on a laptop and a tablet', () => {
  let dashboardId: string;
  const session = useDemoWorkspace(async ({ admin, demo }) => {
    dashboardId = await createScreensDashboard(admin, demo);
  });

  for (const viewport of VIEWPORTS) {
    it(`sign-in page at ${viewport.width}×${viewport.height}`, async () => {
      const { page, context } = await newPage(session.browser, session.server.url, viewport);
      await new SignInPage(page).open();
      await screenshot(page, `screen-signin-${viewport.name}`);
      expect(await seriousAccessibilityFindings(page)).toEqual([]);
      await context.close();
    });

    it(`main screens at ${viewport.width}×${viewport.height}: no serious accessibility issue`, async () => {
      const { page, context } = await signedInPage(session, undefined, viewport);
      const findings: Record<string, unknown> = {};
      for (const screen of SCREENS) {
        await screen.open(page, { dashboardId });
        await screenshot(page, `screen-${screen.name}-${viewport.name}`);
        const serious = await seriousAccessibilityFindings(page);
        if (serious.length) findings[screen.name] = serious;
      }
      expect(findings).toEqual({});
      await context.close();
    });
  }

  it('dark theme keeps the same screens readable', async () => {
    const { page, context } = await signedInPage(session);
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    await expect(page.evaluate(() => document.documentElement.dataset.theme)).resolves.toBe('dark');
    const findings: Record<string, unknown> = {};
    for (const screen of SCREENS.filter((s) => s.name === 'ask' || s.name === 'dashboard')) {
      await screen.open(page, { dashboardId });
      await screenshot(page, `screen-${screen.name}-dark`);
      const serious = await seriousAccessibilityFindings(page);
      if (serious.length) findings[screen.name] = serious;
    }
    expect(findings).toEqual({});
    await context.close();
  });
});
