import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChatPage } from './pages/ChatPage';
import type { ApiSession } from './support/api';
import { signInApi } from './support/api';
import { retailBenchDir } from './support/bench';
import { screenshot } from './support/browser';
import { signedInPage, useDemoWorkspace } from './support/session';

const EXEC = { email: 'first-exec@example.com', password: 'first-use-password-1' };
const VIEWPORTS = [{ name: 'desktop', width: 1440, height: 900 }, { name: 'tablet', width: 820, height: 1180 }, { name: 'phone', width: 390, height: 844 }];

interface AnswerView { kind: string; headline: string; narrative?: string; followUps: string[]; conversationId: string }

describe('issue 14: the first ten minutes', () => {
  let retailId = '';
  const session = useDemoWorkspace(async ({ admin, demo }) => {
    const dir = retailBenchDir();
    retailId = (await admin.call<{ id: string }>('sources/create', { projectId: demo.projectId, name: 'Retail', config: { type: 'sqlite', path: path.join(dir, 'retail.sqlite') } })).id;
    await admin.call('sources/setGlossary', { id: retailId, glossary: JSON.parse(fs.readFileSync(path.join(dir, 'semantic.json'), 'utf8')) });
    await admin.call('users/create', { ...EXEC, name: 'Erin Exec', role: 'executive', expertise: 'executive', projectIds: [demo.projectId] });
  });

  async function askAll(api: ApiSession, sourceId: string, questions: string[]): Promise<string[]> {
    const failures: string[] = [];
    for (const question of questions) {
      const answer = await api.call<AnswerView>('chat/ask', { question, sourceId });
      if (answer.kind !== 'answer') failures.push(`${question} → ${answer.kind}: ${answer.headline}`);
      for (const chip of answer.followUps) {
        const followed = await api.call<AnswerView>('chat/ask', { question: chip, sourceId, conversationId: answer.conversationId });
        if (followed.kind !== 'answer') failures.push(`${question} → chip "${chip}" → ${followed.kind}: ${followed.headline}`);
      }
    }
    return failures;
  }

  it('answers every example question and every follow-up chip offered, on the demo and the retail database, for each role', async () => {
    const exec = await signInApi(session.server.url, EXEC.email, EXEC.password);
    const failures: string[] = [];
    let asked = 0;
    for (const api of [session.admin, exec]) {
      for (const sourceId of [session.demo.sourceId, retailId]) {
        const { examples } = await api.call<{ examples: string[] }>('chat/suggestions', { sourceId });
        expect(examples.length).toBeGreaterThanOrEqual(3);
        for (const q of examples) expect(q).not.toMatch(/first name|last name|email|phone/i);
        asked += examples.length;
        failures.push(...(await askAll(api, sourceId, examples)));
      }
    }
    expect(asked).toBeGreaterThanOrEqual(12);
    expect(failures).toEqual([]);
  });

  it('greets an executive with the headline metrics and their change, and answers like an analyst', async () => {
    for (const viewport of VIEWPORTS) {
      const { page, context } = await signedInPage(session, EXEC, viewport);
      const chat = new ChatPage(page);
      await chat.open();
      await chat.greeting.waitFor();
      await expect(chat.greeting.textContent()).resolves.toMatch(/Revenue Jan–\w+ \d{4}: \$[\d.]+M, [▲▼] [\d.]+% on Jan–\w+ \d{4}/);
      await chat.ask('which region had the highest revenue in 2025?');
      const winner = await chat.waitForTurnSettled(0);
      await expect(winner.getByTestId('answer-headline').textContent()).resolves.toMatch(/^North America led 2025 revenue with \$[\d.]+M, \d+(\.\d)?% of the total/);
      await chat.ask('revenue this year vs last year');
      const ytd = await chat.waitForTurnSettled(1);
      const headline = (await ytd.getByTestId('answer-headline').textContent()) ?? '';
      const [, current, prior] = /for (Jan–\w+ \d{4}) .* on (Jan–\w+ \d{4})/.exec(headline) ?? [];
      expect(current?.slice(0, 7)).toBe(prior?.slice(0, 7));
      await expect(ytd.getByTestId('answer-narrative').textContent()).resolves.toContain('like for like');
      // Figures are bold; digits inside names and periods are not.
      const bold = await ytd.getByTestId('answer-headline').locator('strong').allTextContents();
      expect(bold.every((b) => /[$%kMB]/.test(b))).toBe(true);
      await screenshot(page, `issue14-answers-${viewport.name}`);
      await context.close();
    }
  });

  it('answers a forecast with analytics, and names the data range when a question falls outside it', async () => {
    const { page, context } = await signedInPage(session, session.server.admin, { width: 1440, height: 900 });
    const chat = new ChatPage(page);
    await chat.open();
    // A forecast is now answered by the analytics (band chart), not refused.
    await chat.ask('revenue forecast for next year');
    const forecast = await chat.waitForTurnSettled(0);
    await expect(forecast.getByTestId('answer-headline').textContent()).resolves.toMatch(/^Revenue is forecast at/);
    await chat.ask('revenue by month');
    const closest = await chat.waitForTurnSettled(1);
    await expect(closest.getByTestId('answer-headline').textContent()).resolves.toMatch(/^Revenue went from/);
    await chat.ask('revenue in 2019');
    const outside = await chat.waitForTurnSettled(2);
    await expect(outside.getByTestId('answer-headline').textContent()).resolves.toMatch(/^There is no revenue for 2019: the data starts on 1 January 2023\./);
    await screenshot(page, 'issue14-honest-limits');
    await context.close();
  });
});
