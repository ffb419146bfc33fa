import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeLlmServer } from '../tests/support/fakeLlmServer';
import { ChatPage } from './pages/ChatPage';
import { screenshot } from './support/browser';
import { signedInPage, useDemoWorkspace } from './support/session';

/** Model output that tries to become markup: an image with an onerror handler, a script and a link. */
const HOSTILE = 'Counted orders. <img src="x" onerror="window.__pwned = 1"><script>window.__pwned = 2</script> <a href="https://evil.example/login">Sign in again</a> **bold** [click](https://evil.example)';

describe('issue 11: model text is untrusted and shown as plain text', () => {
  let llm: FakeLlmServer;
  beforeAll(async () => {
    llm = await FakeLlmServer.start();
    llm.setDefault({ kind: 'sql', sql: 'SELECT COUNT(*) AS orders FROM orders', explanation: HOSTILE, confidence: 0.9 });
  });
  afterAll(async () => {
    await llm?.close();
  });
  const session = useDemoWorkspace(async (workspace) => {
    await workspace.admin.call('ai/saveProvider', { name: 'Scripted model', kind: 'openai-compatible', endpoint: llm.openAiUrl, model: 'scripted', apiKey: 'key-123456' });
  }, { AISER_OUTBOUND_ALLOW: '127.0.0.1' });

  it('renders an explanation full of HTML as text: no element, no script run, no clickable link', async () => {
    const answer = await session.admin.call<{ explanation?: string; conversationId: string; route: { engine: string } }>('chat/ask', { sourceId: session.demo.sourceId, question: 'how many orders are there', mode: 'llm' });
    expect(answer.route.engine).toBe('llm');
    expect(answer.explanation).toBe(HOSTILE);

    const { page, context } = await signedInPage(session);
    const chat = new ChatPage(page);
    await chat.open();
    await page.getByRole('complementary', { name: 'Conversations' }).getByRole('link', { name: /how many orders are there/ }).first().click();
    const turn = await chat.waitForTurnSettled(0);
    const details = turn.getByTestId('answer-details');
    if (!(await details.evaluate((el) => (el as HTMLDetailsElement).open))) await details.locator('summary').click();
    const method = details.locator('p', { hasText: 'Counted orders.' });
    await expect(method.textContent()).resolves.toBe(HOSTILE);
    await expect(method.locator('*').count()).resolves.toBe(0);
    await expect(page.locator('a[href*="evil.example"], img[src="x"], [onerror]').count()).resolves.toBe(0);
    await expect(page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).resolves.toBeUndefined();
    await screenshot(page, 'issue11-model-text-plain');
    await context.close();
  });
});
