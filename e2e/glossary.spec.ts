import { AxeBuilder } from '@axe-core/playwright';
import fs from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from './support/browser';
import { signedInPage, useDemoWorkspace } from './support/session';

interface Glossary { metrics: Array<{ name: string; expression: string; filter?: string; time: string | null }>; synonyms: Record<string, string[]>; pii: string[] }

async function openGlossary(page: Page): Promise<Locator> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Data sources' }).click();
  await page.getByRole('list', { name: 'Data sources' }).getByRole('button').first().waitFor();
  await page.getByRole('tab', { name: 'Business glossary' }).click();
  const panel = page.getByRole('region', { name: 'Business glossary' });
  await panel.getByRole('list', { name: 'Metrics' }).waitFor();
  return panel;
}

const metricNames = (panel: Locator) => panel.getByRole('list', { name: 'Metrics' }).locator('.glossary-metric-name').allTextContents();

async function seriousFindingsIn(page: Page, selector: string) {
  const results = await new AxeBuilder({ page }).include(selector).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target.join(' ')) }));
}

describe('issue 4: the business glossary of a data source: view, edit, import and export', () => {
  const session = useDemoWorkspace();

  it('lets an admin add a metric with inline validation, keeps it after a reload, exports it and refuses a broken file', async () => {
    const { page, context } = await signedInPage(session);
    let panel = await openGlossary(page);
    expect(await metricNames(panel)).toContain('revenue');
    await expect(panel.getByRole('list', { name: 'Personal data (PII) columns' }).textContent()).resolves.toMatch(/\w+\.\w+/);
    await screenshot(page, 'glossary-view-1440-light');

    await panel.getByRole('button', { name: 'Edit glossary' }).click();
    await panel.getByRole('button', { name: 'Add a metric' }).click();
    // The new metric's first field takes the focus, so a keyboard user can type right away.
    const nameField = panel.getByLabel('Name', { exact: true });
    await page.waitForFunction((id) => document.activeElement?.id === id, await nameField.getAttribute('id'));
    await panel.getByLabel('Time column').fill('order_date');
    await panel.getByRole('button', { name: 'Save glossary' }).click();
    // Nothing is sent while fields are invalid: each problem sits under its field, and focus goes to the first.
    await expect(nameField.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe(await nameField.getAttribute('id'));
    await expect(panel.locator(`#${await nameField.getAttribute('id')}-error`).textContent()).resolves.toContain('Give the metric a name');
    await expect(panel.getByText('Use the form table.column').first().isVisible()).resolves.toBe(true);
    await expect(session.admin.call<Glossary>('sources/glossary', { id: session.demo.sourceId }).then((g) => g.metrics.some((m) => m.name === '')))
      .resolves.toBe(false);

    await nameField.fill('Revenue');
    await expect(panel.getByText('Another metric is already called “Revenue”.').isVisible()).resolves.toBe(true);
    await nameField.fill('big orders');
    await panel.getByLabel('Synonyms').fill('large orders, whales');
    await panel.getByLabel('Expression').fill('COUNT(DISTINCT orders.order_id)');
    await panel.getByLabel('Filter').fill('order_items.amount > 1000');
    await panel.getByLabel('Time column').fill('orders.order_date');
    await panel.getByLabel('Format').selectOption('integer');
    await expect(panel.locator('[aria-invalid="true"]').count()).resolves.toBe(0);
    await page.setViewportSize({ width: 820, height: 1180 });
    await panel.getByLabel('Expression').scrollIntoViewIfNeeded();
    await screenshot(page, 'glossary-edit-820-light');
    await page.setViewportSize({ width: 1440, height: 900 });
    await panel.getByRole('button', { name: 'Save glossary' }).click();
    await panel.getByRole('status').filter({ hasText: 'Glossary saved' }).waitFor();

    await page.reload();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    panel = await openGlossary(page);
    expect(await metricNames(panel)).toContain('big orders');
    const stored = await session.admin.call<Glossary>('sources/glossary', { id: session.demo.sourceId });
    expect(stored.metrics.find((m) => m.name === 'big orders')).toMatchObject({ expression: 'COUNT(DISTINCT orders.order_id)', filter: 'order_items.amount > 1000', time: 'orders.order_date' });

    const [exported] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Export' }).click()]);
    expect(exported.suggestedFilename()).toBe('semantic.json');
    const file = JSON.parse(fs.readFileSync((await exported.path())!, 'utf8')) as Glossary;
    expect(file.metrics.find((m) => m.name === 'big orders')).toMatchObject({ expression: 'COUNT(DISTINCT orders.order_id)', filter: 'order_items.amount > 1000', time: 'orders.order_date' });
    expect(file.metrics.length).toBe(stored.metrics.length);

    const fileInput = panel.getByLabel('Import a semantic.json file');
    await fileInput.setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{ "metrics": [ { "name": "x", ') });
    const importError = panel.getByTestId('glossary-import-error');
    await importError.waitFor();
    await expect(importError.textContent()).resolves.toMatch(/“broken\.json” could not be imported\. Nothing was changed\..*not valid JSON/);
    await screenshot(page, 'glossary-import-error');
    await fileInput.setInputFiles({ name: 'wrong.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ metrics: [{ name: 'x', expression: 'COUNT(*)', time: 'nodot' }] })) });
    await importError.filter({ hasText: '“wrong.json” could not be imported' }).waitFor();
    await expect(importError.textContent()).resolves.toContain('metrics.0.time: use the form table.column');
    await expect(session.admin.call<Glossary>('sources/glossary', { id: session.demo.sourceId })).resolves.toEqual(stored);
    expect(await metricNames(panel)).toContain('big orders');

    // A valid file: the preview lists what changes; nothing is saved until it is confirmed.
    const next = { ...file, metrics: [...file.metrics.filter((m) => m.name !== 'big orders'), { name: 'refunds', synonyms: [], expression: 'COUNT(*)', time: null }] };
    await fileInput.setInputFiles({ name: 'semantic.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(next)) });
    const preview = page.getByRole('dialog', { name: 'Import semantic.json' });
    const changes = preview.getByRole('list', { name: 'Changes' });
    await expect(changes.textContent()).resolves.toContain('Metrics added (1): refunds');
    await expect(changes.textContent()).resolves.toContain('Metrics removed (1): big orders');
    await screenshot(page, 'glossary-import-preview');
    await preview.getByRole('button', { name: 'Replace the glossary' }).click();
    await preview.waitFor({ state: 'detached' });
    await panel.getByRole('status').filter({ hasText: 'Imported semantic.json' }).waitFor();
    expect(await metricNames(panel)).toContain('refunds');
    expect((await session.admin.call<Glossary>('sources/glossary', { id: session.demo.sourceId })).metrics.map((m) => m.name)).not.toContain('big orders');

    expect(await seriousFindingsIn(page, '[role="region"][aria-label="Business glossary"]')).toEqual([]);
    await panel.getByRole('button', { name: 'Edit glossary' }).click();
    await panel.getByRole('button', { name: 'Edit revenue' }).click();
    expect(await seriousFindingsIn(page, '[role="region"][aria-label="Business glossary"]')).toEqual([]);
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    await page.setViewportSize({ width: 820, height: 1180 });
    await panel.getByRole('button', { name: 'Add words' }).click();
    await panel.getByRole('button', { name: 'Save glossary' }).click();
    await expect(panel.getByText('Add at least one word, separated by commas.').isVisible()).resolves.toBe(true);
    expect(await seriousFindingsIn(page, '[role="region"][aria-label="Business glossary"]')).toEqual([]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'glossary-edit-820-dark');
    await panel.getByLabel('Expression').scrollIntoViewIfNeeded();
    await screenshot(page, 'glossary-edit-metric-820-dark');
    await panel.getByRole('button', { name: 'Discard changes' }).click();
    await context.close();
  });

  it('shows the glossary read-only to a person who cannot manage data sources, at tablet width in the dark theme', async () => {
    await session.admin.call('users/create', { email: 'glossary-analyst@example.com', name: 'Gloria Analyst', role: 'analyst', expertise: 'analyst', password: 'analyst-password-123', projectIds: [session.demo.projectId] });
    const { page, context } = await signedInPage(session, { email: 'glossary-analyst@example.com', password: 'analyst-password-123' }, { width: 820, height: 1180 });
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    const panel = await openGlossary(page);
    expect(await metricNames(panel)).toContain('revenue');
    await expect(panel.getByRole('button', { name: 'Edit glossary' }).count()).resolves.toBe(0);
    await expect(panel.getByLabel('Import a semantic.json file').count()).resolves.toBe(0);
    await expect(panel.getByText('Changing it needs the permission to manage data sources').isVisible()).resolves.toBe(true);
    await expect(panel.getByRole('button', { name: 'Export' }).isEnabled()).resolves.toBe(true);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await seriousFindingsIn(page, '[role="region"][aria-label="Business glossary"]')).toEqual([]);
    await screenshot(page, 'glossary-view-820-dark');
    await context.close();
  });
});
