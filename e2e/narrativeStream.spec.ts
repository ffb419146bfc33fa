import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeLlmServer } from '../tests/support/fakeLlmServer';
import { ChatPage } from './pages/ChatPage';
import { screenshot } from './support/browser';
import { signedInPage, useDemoWorkspace } from './support/session';

const PHRASING = 'This counts every order on record across all stores and channels, so it is the size of the whole business rather than one part of it.';

describe('issue 12: a model-phrased narrative appears on screen piece by piece', () => {
  let llm: FakeLlmServer;
  beforeAll(async () => {
    llm = await FakeLlmServer.start();
  });
  afterAll(async () => {
    await llm?.close();
  });
  const session = useDemoWorkspace(async (workspace) => {
    await workspace.admin.call('ai/saveProvider', { name: 'Scripted model', kind: 'openai-compatible', endpoint: llm.openAiUrl, model: 'scripted', apiKey: 'key-123456' });
  }, { AISER_OUTBOUND_ALLOW: '127.0.0.1' });

  it('grows the Why paragraph as the pieces arrive, then settles on the full text', async () => {
    // A word the built-in engine does not know sends the question to the model.
    llm.script({ kind: 'sql', sql: 'SELECT COUNT(*) AS orders FROM orders', explanation: 'Counts orders.' }, { reply: { kind: 'text', text: PHRASING }, chunkDelayMs: 80 });
    const { page, context } = await signedInPage(session);
    const chat = new ChatPage(page);
    await chat.open();
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { __narratives: string[] }).__narratives = seen;
      new MutationObserver(() => {
        const text = document.querySelector('[data-testid="answer-narrative"]')?.textContent ?? '';
        if (text && seen[seen.length - 1] !== text) seen.push(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });

    await chat.ask('how many orders are in the zorblax ledger');
    const turn = await chat.waitForTurnSettled(0);

    const seen = await page.evaluate(() => (window as unknown as { __narratives: string[] }).__narratives);
    const growing = seen.filter((text) => PHRASING.startsWith(text) && text !== PHRASING);
    expect(growing.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < growing.length; i++) expect(growing[i].length).toBeGreaterThan(growing[i - 1].length);
    await expect(turn.getByTestId('answer-narrative').textContent()).resolves.toBe(PHRASING);
    expect(llm.requests.map((r) => r.stream)).toEqual([false, true]);
    await screenshot(page, 'issue12-narrative-streamed');
    await context.close();
  });

  it('lets an administrator give a provider its context window', async () => {
    const { page, context } = await signedInPage(session);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Add a provider' }).click();
    const form = page.getByRole('form', { name: 'Add a provider' });
    await form.getByLabel('Name').fill('Small local model');
    await form.getByLabel('Kind').selectOption('openai-compatible');
    await form.getByLabel('Address').fill(llm.openAiUrl);
    await form.getByLabel('Model').fill('tiny-local');
    await form.getByLabel('Context window (tokens, optional)').fill('2048');
    await screenshot(page, 'issue12-provider-context-window');
    await form.getByRole('button', { name: 'Save' }).click();

    const listed = page.getByRole('list', { name: 'Providers' }).getByRole('listitem').filter({ hasText: 'Small local model' });
    await listed.waitFor();
    await expect(listed.textContent()).resolves.toContain('tiny-local · 2,048 tokens');
    const saved = await session.admin.call<Array<{ name: string; contextWindow?: number }>>('ai/listProviders', {});
    expect(saved.find((p) => p.name === 'Small local model')?.contextWindow).toBe(2048);
    await context.close();
  });
});
