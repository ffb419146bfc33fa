import { describe, expect, it } from 'vitest';
import { ChatPage } from './pages/ChatPage';
import { screenshot } from './support/browser';
import { signedInPage, useDemoWorkspace } from './support/session';

const PASSWORD = 'role-password-123';

describe('issue 12: verified answers in the chat', () => {
  const session = useDemoWorkspace();

  it('an analyst marks an answer verified, sees it still verified after a reload; paraphrases show a verified answer once and no button', async () => {
    for (const [email, role] of [['verifier@example.com', 'analyst'], ['asker@example.com', 'executive']] as const) {
      await session.admin.call('users/create', { email, name: `Pat ${role}`, role, password: PASSWORD, projectIds: [session.demo.projectId] });
    }
    const analyst = await signedInPage(session, { email: 'verifier@example.com', password: PASSWORD });
    const analystChat = new ChatPage(analyst.page);
    await analystChat.open();
    await analystChat.ask('orders by channel');
    const answered = await analystChat.waitForTurnSettled(0);
    const button = answered.getByTestId('verify-answer');
    await expect(button.textContent()).resolves.toContain('Mark as verified');
    await button.click();
    await answered.getByText('Verified (withdraw)').waitFor();
    await screenshot(analyst.page, 'issue12-marked-verified');

    // After a reload the answer still knows it is verified: it offers to withdraw, not to verify again.
    await analyst.page.reload();
    const reloaded = await analystChat.waitForTurnSettled(0);
    const again = reloaded.getByTestId('verify-answer');
    await again.waitFor();
    await expect(again.textContent()).resolves.toContain('Verified (withdraw)');
    await expect(again.getAttribute('aria-pressed')).resolves.toBe('true');
    await screenshot(analyst.page, 'issue12-verified-after-reload');

    // The analyst asking it in other words gets the verified answer, said once, and no offer to verify it again.
    await analystChat.ask('show me the orders for each channel');
    const paraphrased = await analystChat.waitForTurnSettled(1);
    await expect(paraphrased.getByTestId('answer-verified').textContent()).resolves.toContain('orders by channel');
    expect(await paraphrased.getByText(/verified/i).count()).toBe(1);
    expect(await paraphrased.getByTestId('verify-answer').count()).toBe(0);
    await analyst.context.close();

    const executive = await signedInPage(session, { email: 'asker@example.com', password: PASSWORD });
    const executiveChat = new ChatPage(executive.page);
    await executiveChat.open();
    await executiveChat.ask('show me the orders for each channel');
    const reused = await executiveChat.waitForTurnSettled(0);
    await expect(reused.getByTestId('answer-verified').textContent()).resolves.toContain('orders by channel');
    expect(await reused.getByText(/verified/i).count()).toBe(1);
    expect(await reused.getByTestId('verify-answer').count()).toBe(0);
    await screenshot(executive.page, 'issue12-verified-answer-executive');
    await executive.context.close();
  });
});
