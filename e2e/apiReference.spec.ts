import { describe, expect, it } from 'vitest';
import { contract } from '../shared/api/contract';
import { signInApi } from './support/api';
import { screenshot } from './support/browser';
import { signedInPage, useServerAndBrowser } from './support/session';

const CALLS = Object.keys(contract).length;

describe('issue 17: the API reference is a page in the app', () => {
  const session = useServerAndBrowser();

  it('lists every call of the contract with its schemas, for any signed-in person', async () => {
    const admin = await signInApi(session.server.url, session.server.admin.email, session.server.admin.password);
    await admin.call('users/create', { email: 'reader@example.com', name: 'Rita Reader', role: 'viewer', password: 'reader-password-1' });

    const { page, context } = await signedInPage(session, { email: 'reader@example.com', password: 'reader-password-1' });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('link', { name: 'API reference' }).click();
    await page.getByRole('heading', { name: 'API reference', level: 1 }).waitFor();
    await expect(page.getByRole('status').first().textContent()).resolves.toBe(`${CALLS} of ${CALLS} calls`);
    await expect(page.getByTestId('api-call').count()).resolves.toBe(CALLS);

    await page.getByLabel('Find a call').fill('auth/signIn');
    const signInCall = page.getByTestId('api-call').filter({ hasText: 'POST /api/v1/auth/signIn' });
    await signInCall.locator('summary').click();
    const request = page.getByLabel('Request body of auth/signIn');
    await expect(request.textContent()).resolves.toContain('"email"');
    await expect(page.getByLabel('Response data of auth/signIn').textContent()).resolves.toContain('"token"');
    await screenshot(page, 'issue17-api-reference-sign-in');

    await page.getByLabel('Find a call').fill('');
    await page.getByLabel('Only calls I may use').check();
    const mine = Number((await page.getByRole('status').first().textContent())?.split(' ')[0]);
    expect(mine).toBeGreaterThan(0);
    expect(mine).toBeLessThan(CALLS); // a viewer may not manage people, sources or providers
    await expect(page.getByText('POST /api/v1/users/create').count()).resolves.toBe(0);
    await screenshot(page, 'issue17-api-reference-viewer');
    await context.close();
  });
});
