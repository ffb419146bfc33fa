import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { screenshot } from './support/browser';
import { signedInPage, useServerAndBrowser } from './support/session';

function writePolicy(policy: unknown): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'aiser-e2e-policy-')), 'policy.json');
  fs.writeFileSync(file, JSON.stringify(policy));
  return file;
}

describe('issue 17: a managed install shows what its machine policy fixes', () => {
  const policyFile = writePolicy({
    ai: { allowedProviderKinds: ['ollama'], allowedEndpoints: ['http://127.0.0.1:11434/'] },
    exports: { allowed: false },
    reports: { allowScheduling: false },
    telemetry: false,
    autoUpdate: false,
  });
  const session = useServerAndBrowser({ AISER_POLICY_FILE: policyFile });

  it('lists every managed setting in plain words under Settings, with the policy file it comes from', async () => {
    const { page, context } = await signedInPage(session);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    const panel = page.getByRole('region', { name: 'Managed by your organization' });
    await panel.waitFor();
    await expect(panel.textContent()).resolves.toContain(policyFile);
    const rows = await panel.locator('dl > div').evaluateAll((divs) => divs.map((div) => [div.querySelector('dt')?.textContent, div.querySelector('dd')?.textContent]));
    expect(rows).toEqual([
      ['Allowed AI providers', 'ollama'],
      ['Allowed AI endpoints', 'http://127.0.0.1:11434/'],
      ['Exports', 'Not allowed'],
      ['Report schedules', 'Not allowed'],
      ['Usage telemetry', 'Off'],
      ['Automatic updates', 'Off'],
    ]);
    await panel.scrollIntoViewIfNeeded();
    await screenshot(page, 'issue17-managed-by-policy');
    await context.close();
  });
});
