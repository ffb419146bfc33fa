import { describe, expect, it } from 'vitest';
import { ChatPage } from './pages/ChatPage';
import { screenshot } from './support/browser';
import { signedInPage, useDemoWorkspace } from './support/session';

const VIEWPORTS = [{ name: 'desktop', width: 1440, height: 900 }, { name: 'tablet', width: 820, height: 1180 }, { name: 'phone', width: 390, height: 844 }];

describe('issue 14: an answer says which rows it kept, and the filter words it could not use', () => {
  const session = useDemoWorkspace();

  it('states the filters it applied in plain words, names the words a value was read from, reports a filter word it could not match and offers the value it is part of', async () => {
    for (const viewport of VIEWPORTS) {
      const { page, context } = await signedInPage(session, undefined, viewport);
      const chat = new ChatPage(page);
      await chat.open();

      await chat.ask('revenue for enterprise customers in europe');
      const both = await chat.waitForTurnSettled(0);
      await expect(both.getByTestId('answer-filters').textContent()).resolves.toBe('Filtered to segment = Enterprise and region = Europe.');
      expect(await both.getByTestId('answer-not-understood').count()).toBe(0);

      // A value matched loosely (a typo) is named with the words it was read from, so a wrong match can be seen.
      await chat.ask('revenue in latin amerca by channel');
      const loose = await chat.waitForTurnSettled(1);
      await expect(loose.getByTestId('answer-filters').textContent()).resolves.toBe('Filtered to region = Latin America (read from ‘latin amerca’).');

      // A word that would narrow the rows down but matches nothing in the data is said, not silently dropped.
      await chat.ask('revenue for churned customers');
      const dropped = await chat.waitForTurnSettled(2);
      await expect(dropped.getByTestId('answer-not-understood').textContent()).resolves.toMatch(/^I did not understand ‘churned’, so this answer leaves it out\./);
      expect(await dropped.getByTestId('answer-filters').count()).toBe(0);
      await expect(dropped.getByTestId('answer-details').locator('.badge').textContent()).resolves.toMatch(/^Medium · 65%$/);

      // A word that is part of a data value ("asia" of Asia Pacific) is offered as that value, and the offer answers.
      await chat.ask('orders in asia');
      const partial = await chat.waitForTurnSettled(3);
      await expect(partial.getByTestId('answer-not-understood').textContent()).resolves.toMatch(/^I did not understand ‘asia’, so this answer leaves it out\. Did you mean region = Asia Pacific for ‘asia’\?/);
      await partial.getByTestId('answer-not-understood').scrollIntoViewIfNeeded();
      await screenshot(page, `issue14-near-value-${viewport.name}`);
      await partial.getByTestId('follow-up').filter({ hasText: /^orders in Asia Pacific$/ }).click();
      const offered = await chat.waitForTurnSettled(4);
      await expect(offered.getByTestId('answer-filters').textContent()).resolves.toBe('Filtered to region = Asia Pacific.');
      expect(await offered.getByTestId('answer-not-understood').count()).toBe(0);

      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `sideways scroll at ${viewport.width} px`).toBeLessThanOrEqual(0);
      // How the words were read fits the answer's width: every column of the table is on screen.
      const mappings = both.getByTestId('answer-mappings');
      const [table, box] = await Promise.all([mappings.locator('table').boundingBox(), mappings.boundingBox()]);
      expect(table!.x + table!.width, `words table at ${viewport.width} px`).toBeLessThanOrEqual(box!.x + box!.width + 1);
      // The first answer's headline and filters line, near the top of the screen.
      await both.getByTestId('answer-headline').evaluate((el) => {
        let box = el.parentElement;
        while (box && !(box.scrollHeight > box.clientHeight && /auto|scroll/.test(getComputedStyle(box).overflowY))) box = box.parentElement;
        if (box) box.scrollTop += el.getBoundingClientRect().top - box.getBoundingClientRect().top - 16;
      });
      await screenshot(page, `issue14-filters-${viewport.name}`);
      await mappings.scrollIntoViewIfNeeded();
      await screenshot(page, `issue14-filters-words-${viewport.name}`);
      await context.close();
    }
  });
});
