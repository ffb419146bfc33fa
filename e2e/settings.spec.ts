import { describe, expect, it } from 'vitest';
import { signedInPage, useServerAndBrowser } from './support/session';

describe('issue 8: settings: profile and organization admin', () => {
  const session = useServerAndBrowser();

  it('stores the level of detail and department in the profile, and adds a person who can sign in', async () => {
    const { page, context } = await signedInPage(session);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();

    await page.getByLabel('Department').first().fill('Finance');
    await page.getByLabel(/^Executive —/).check();
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await page.reload();
    await expect(page.getByLabel(/^Executive —/).isChecked()).resolves.toBe(true);
    await expect(page.getByLabel('Department').first().inputValue()).resolves.toBe('Finance');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('tab', { name: 'People' }).click();
    await page.getByRole('button', { name: 'Add a person' }).click();
    const form = page.getByRole('form', { name: 'Add a person' });
    await form.getByLabel('Name').fill('Vera Viewer');
    await form.getByLabel('E-mail').fill('vera@example.com');
    await form.getByLabel('Role').selectOption('viewer');
    await form.getByLabel('First password').fill('vera-password-1');
    await form.getByRole('button', { name: 'Add' }).click();
    const people = page.getByRole('table', { name: 'People' });
    await people.getByRole('cell', { name: 'vera@example.com' }).waitFor();
    await expect(people.getByLabel('Role of Vera Viewer').inputValue()).resolves.toBe('viewer');
    await context.close();

    const vera = await signedInPage(session, { email: 'vera@example.com', password: 'vera-password-1' });
    await expect(vera.page.getByText('Vera Viewer').first().isVisible()).resolves.toBe(true);
    await vera.context.close();
  });
});
