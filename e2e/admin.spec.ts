import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CALL_KEYS, contract } from '../shared/api/contract';
import { roleHas } from '../shared/types/permissions';
import { seriousAccessibilityFindings } from './support/axe';
import { screenshot } from './support/browser';
import { signedInPage, useDemoWorkspace } from './support/session';

const ORG_ADMIN = { email: 'olga@example.com', password: 'olga-password-1' };
const VIEWER = { email: 'victor@example.com', password: 'victor-password-1' };
const ANALYST = { email: 'ada@example.com', password: 'ada-password-12' };
/** Every administration screen's address (AdminPage tabs). */
const ADMIN_ROUTES = ['organization', 'people', 'projects', 'policies', 'audit', 'lineage', 'alerts', 'organizations', 'diagnostics'];
/** Every call of the contract that needs a permission only administrators have. */
const ADMIN_ONLY_CALLS = CALL_KEYS.filter((key) => {
  const access = contract[key].access;
  return access !== 'public' && access !== 'authenticated' && !(['analyst', 'executive', 'viewer'] as const).some((role) => roleHas(role, access));
});

/** A non-admin: no Administration link, every admin address leads elsewhere, every admin-only call is refused. */
async function expectNoAdministration(page: Page): Promise<void> {
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Settings' }).waitFor();
  expect(await nav.getByRole('link', { name: 'Administration' }).count()).toBe(0);
  const main = page.getByRole('main');
  for (const route of ADMIN_ROUTES) {
    await page.goto('/#/settings');
    await main.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    // The shell shows a page this person may use instead; Settings leaving proves the route was handled.
    await page.goto(`/#/admin/${route}`);
    await main.getByRole('heading', { name: 'Settings', level: 1 }).waitFor({ state: 'detached' });
    expect({ route, heading: await main.getByRole('heading', { name: 'Administration' }).count(), tabs: await page.getByRole('tab').count() }).toEqual({ route, heading: 0, tabs: 0 });
  }
  expect(ADMIN_ONLY_CALLS).toEqual(expect.arrayContaining(['org/settings', 'org/usage', 'policies/set', 'audit/verify', 'alerts/list', 'compliance/export', 'lineage/answer', 'orgs/list', 'ai/status']));
  const answered = await page.evaluate(async (keys) => Promise.all(keys.map(async (key) => {
    const response = await fetch(`/api/v1/${key}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    return { key, code: ((await response.json()) as { error?: { code: string } }).error?.code ?? 'ok' };
  })), ADMIN_ONLY_CALLS);
  expect(answered.filter((a) => a.code !== 'FORBIDDEN')).toEqual([]);
}

async function openTab(page: Page, tab: string): Promise<void> {
  await page.getByRole('tab', { name: tab, exact: true }).click();
  await page.getByRole('tabpanel').waitFor();
}

async function checkScreen(page: Page, name: string): Promise<void> {
  expect(await seriousAccessibilityFindings(page), name).toEqual([]);
  await screenshot(page, `admin-${name}`);
}

describe('issue 16: administration screens, each with its permission', () => {
  const workspace = useDemoWorkspace(async ({ admin, server, demo }) => {
    await admin.call('users/create', { email: ORG_ADMIN.email, name: 'Olga Admin', role: 'admin', password: ORG_ADMIN.password });
    await admin.call('users/create', { email: VIEWER.email, name: 'Victor Viewer', role: 'viewer', password: VIEWER.password });
    await admin.call('users/create', { email: ANALYST.email, name: 'Ada Analyst', role: 'analyst', password: ANALYST.password });
    await admin.call('chat/ask', { sourceId: demo.sourceId, question: 'How many customers are there?', mode: 'offline' });
    for (let i = 0; i < 5; i += 1) {
      await fetch(`${server.url}/api/v1/auth/signIn`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: VIEWER.email, password: `wrong-guess-${i}` }) });
    }
  });

  it('an organization admin drives every admin screen', async () => {
    const { page, context } = await signedInPage(workspace, ORG_ADMIN);
    page.on('dialog', (dialog) => void dialog.accept('reset-password-42'));
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Administration' }).click();
    const tabs = await page.getByRole('tab').allTextContents();
    expect(tabs).toEqual(['Organization', 'People', 'Projects', 'Data policies', 'Audit log', 'Lineage', 'Alerts', 'Diagnostics']);

    // Organization: flags, limits with usage, branding.
    const settings = page.getByRole('form', { name: 'Organization settings' });
    await settings.getByLabel(/^Free SQL/).uncheck();
    await settings.getByLabel('Maximum questions per day').fill('50');
    await settings.getByLabel('Most rows one step may produce').fill('100000');
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await page.getByRole('table', { name: 'Usage against limits' }).getByText(/ of 50$/).waitFor();
    await checkScreen(page, 'organization');
    const saved = await workspace.admin.call<{ flags: { freeSql: boolean }; limits: { questionsPerDay: number } }>('org/settings', {});
    expect(saved).toMatchObject({ flags: { freeSql: false }, limits: { questionsPerDay: 50 }, queryCost: { maxStepRows: 100_000, maxPlanCost: null } });
    await workspace.admin.call('org/updateSettings', { flags: { freeSql: true }, queryCost: { maxStepRows: null } });

    // People: reset a password and sign someone out everywhere.
    await openTab(page, 'People');
    const victor = page.getByRole('row').filter({ hasText: VIEWER.email });
    await victor.getByRole('button', { name: 'Reset password' }).click();
    await page.getByRole('status').filter({ hasText: 'Password of Victor Viewer reset' }).waitFor();
    await victor.getByRole('button', { name: 'Sign out everywhere' }).click();
    await page.getByRole('status').filter({ hasText: 'Victor Viewer was signed out everywhere.' }).waitFor();
    await checkScreen(page, 'people');

    // Projects: create one and add a member with a project role.
    await openTab(page, 'Projects');
    await page.getByRole('textbox', { name: 'New project' }).fill('Finance');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByRole('heading', { name: 'Finance' }).waitFor();
    await page.getByLabel('Add a member to Finance').selectOption({ label: 'Victor Viewer' });
    await page.getByLabel('Project role of Victor Viewer in Finance').waitFor();
    await checkScreen(page, 'projects');

    // Data policies: mask a column and preview what a viewer sees.
    await openTab(page, 'Data policies');
    await page.getByLabel('Column (column or table.column)').fill('customers.customer_name');
    await page.getByLabel('Masking', { exact: true }).selectOption('redact');
    await page.getByRole('button', { name: 'Add masking' }).click();
    await page.getByRole('list', { name: 'Masked columns' }).getByText('customers.customer_name', { exact: true }).waitFor();
    await page.getByLabel('Preview as').selectOption('role:viewer');
    await page.getByLabel(/^Table of /).selectOption('customers');
    await page.getByRole('button', { name: 'Show preview' }).click();
    // The rows come from the server, run as a viewer: the masked column arrives redacted.
    const preview = page.getByRole('table', { name: 'What viewer sees of customers' });
    await preview.getByRole('columnheader', { name: 'customer_name (masked)' }).waitFor();
    const nameColumn = (await preview.getByRole('columnheader').allTextContents()).indexOf('customer_name (masked)') + 1;
    const names = await preview.locator(`tbody tr td:nth-child(${nameColumn})`).allTextContents();
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((name) => name === '••••')).toBe(true);
    await checkScreen(page, 'policies');

    // Audit log: verify the chain with one click, filter by action.
    await openTab(page, 'Audit log');
    await page.getByRole('button', { name: 'Verify the audit chain' }).click();
    await page.getByRole('status').filter({ hasText: 'The audit chain verifies' }).waitFor();
    await page.getByLabel('Action').fill('policies.update');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByRole('table', { name: 'Audit events' }).getByText('policies.update').first().waitFor();
    await checkScreen(page, 'audit');

    // Lineage of an answer.
    await openTab(page, 'Lineage');
    await page.getByLabel('Conversation').selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Show lineage' }).first().click();
    await page.getByRole('table', { name: 'Sources, tables and columns read' }).getByText('customers').first().waitFor();
    await checkScreen(page, 'lineage');

    // Alerts: the failed sign-in burst, acknowledged then resolved.
    await openTab(page, 'Alerts');
    const burst = page.getByRole('list', { name: 'Alerts' }).getByRole('listitem').filter({ hasText: 'failed sign-ins within 10 minutes' });
    await burst.waitFor();
    await checkScreen(page, 'alerts');
    await burst.getByRole('button', { name: 'Acknowledge' }).click();
    await burst.getByText('acknowledged').waitFor();
    await burst.getByRole('button', { name: 'Resolve' }).click();
    await burst.waitFor({ state: 'detached' });
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export compliance PDF' }).click()]);
    expect(pdf.suggestedFilename()).toMatch(/^compliance-.*\.pdf$/);
    const bytes = await fs.promises.readFile((await pdf.path())!);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await context.close();
  });

  it('the platform administrator also manages every organization', async () => {
    const { page, context } = await signedInPage(workspace);
    await page.goto('/#/admin/organizations');
    await page.getByRole('tab', { name: 'All organizations' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Client Beta');
    await page.getByLabel('Its administrator').fill('Bea Admin');
    await page.getByLabel('Administrator e-mail').fill('bea@beta.example');
    await page.getByLabel('First password').fill('bea-password-12');
    await page.getByRole('button', { name: 'Create organization' }).click();
    await page.getByRole('table', { name: 'Organizations' }).getByRole('cell', { name: 'Client Beta', exact: true }).waitFor();
    await checkScreen(page, 'organizations');
    await context.close();
  });

  it('a viewer neither sees administration nor can call it, and manages only their own password and sessions', async () => {
    const { page, context } = await signedInPage(workspace, { email: VIEWER.email, password: 'reset-password-42' });
    await expectNoAdministration(page);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Settings' }).click();
    const sessions = page.getByRole('table', { name: 'Active sessions' });
    await sessions.getByText('This session').waitFor();
    await page.getByLabel('Current password').fill('reset-password-42');
    await page.getByLabel('New password').fill('victor-new-password');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('status').filter({ hasText: 'Password changed.' }).waitFor();
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await screenshot(page, 'account-sessions');
    await context.close();
  });

  it('an analyst, who may write SQL and export, neither sees administration nor can call it', async () => {
    const { page, context } = await signedInPage(workspace, ANALYST);
    await expectNoAdministration(page);
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await screenshot(page, 'admin-refused-analyst');
    await context.close();
  });
});
