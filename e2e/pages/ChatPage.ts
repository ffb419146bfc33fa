import type { Locator, Page } from 'playwright-core';

export class ChatPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Ask' }).click();
    await this.page.getByRole('textbox', { name: 'Your question' }).waitFor();
  }

  get questionBox(): Locator { return this.page.getByRole('textbox', { name: 'Your question' }); }
  get greeting(): Locator { return this.page.getByTestId('greeting'); }
  get turns(): Locator { return this.page.getByTestId('turn'); }
  turn(index: number): Locator { return this.turns.nth(index); }

  async ask(question: string): Promise<void> {
    await this.questionBox.fill(question);
    await this.questionBox.press('Enter');
  }

  /** Waits until the n-th answer has finished streaming (done, error or cancelled). */
  async waitForTurnSettled(index: number): Promise<Locator> {
    const turn = this.turn(index);
    await turn.waitFor();
    await this.page.waitForFunction((i) => {
      const el = document.querySelectorAll('[data-testid="turn"]')[i];
      return el && el.getAttribute('data-status') !== 'streaming';
    }, index, { timeout: 60_000 });
    return turn;
  }

  /** Records every status each answer passes through (installed before asking). */
  async recordTurnStatuses(): Promise<void> {
    await this.page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { __turnStatuses: string[] }).__turnStatuses = seen;
      new MutationObserver(() => {
        document.querySelectorAll('[data-testid="turn"]').forEach((el, i) => {
          const entry = `${i}:${el.getAttribute('data-status')}`;
          if (seen[seen.length - 1] !== entry && !seen.includes(entry)) seen.push(entry);
        });
      }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'] });
    });
  }

  /** Sums layout shifts not caused by the person's own input (Cumulative Layout Shift). */
  async recordLayoutShifts(): Promise<void> {
    await this.page.evaluate(() => {
      const box = { total: 0 };
      (window as unknown as { __layoutShift: { total: number } }).__layoutShift = box;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean }>) if (!entry.hadRecentInput) box.total += entry.value;
      }).observe({ type: 'layout-shift', buffered: false });
    });
  }

  async layoutShift(): Promise<number> {
    return this.page.evaluate(() => (window as unknown as { __layoutShift: { total: number } }).__layoutShift.total);
  }

  async recordedStatuses(): Promise<string[]> {
    return this.page.evaluate(() => (window as unknown as { __turnStatuses: string[] }).__turnStatuses ?? []);
  }
}
