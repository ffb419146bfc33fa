import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChatPage } from './pages/ChatPage';
import { screenshot } from './support/browser';
import { signedInPage, useDemoWorkspace } from './support/session';

describe('issue 14: sources in the browser and set-up words', () => {
  const session = useDemoWorkspace();

  function csvFile(name: string, content: string | Buffer): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiser-upload-'));
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    return file;
  }

  it('uploads a CSV from the browser into the organization folder, refuses malformed ones with one clear message, and asks about it', async () => {
    const { page, context } = await signedInPage(session, session.server.admin, { width: 1440, height: 900 });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Data sources' }).click();
    await page.getByRole('button', { name: 'Add a data source' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Kind').selectOption('files');
    const upload = dialog.getByLabel('Upload a data file');

    await upload.setInputFiles(csvFile('targets.csv', 'team;target\nNorth;10\nSouth;12\n'));
    await dialog.getByRole('alert').filter({ hasText: 'separates values with semicolons' }).waitFor();
    expect(await dialog.getByRole('alert').count()).toBe(1);
    await screenshot(page, 'issue14-upload-refused');

    await upload.setInputFiles(csvFile('targets.csv', Buffer.from('team,target\nM\xfcnchen,10\n', 'latin1')));
    await dialog.getByRole('alert').filter({ hasText: 'not UTF-8' }).waitFor();

    const rows = ['team,quarter,target', ...['North', 'South', 'East', 'West'].flatMap((team, i) => ['Q1', 'Q2'].map((q, j) => `${team},${q},${(i + 1) * 1000 + j * 250}.5`))];
    await upload.setInputFiles(csvFile('targets.csv', `${rows.join('\n')}\n`));
    await dialog.getByText('Uploaded targets.csv.').waitFor();
    const stored = await dialog.getByLabel('Path').inputValue();
    // Stored in the organization's file root (the server's first AISER_FILE_ROOTS folder, a fresh one per server).
    expect(stored).toMatch(new RegExp(`aiser-e2e-files-[^${path.sep}]+\\${path.sep}uploads\\${path.sep}targets\\.csv$`));
    expect(fs.existsSync(stored)).toBe(true);
    await expect(dialog.getByLabel('Name').inputValue()).resolves.toBe('targets');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await screenshot(page, 'issue14-upload-saved');

    // The uploaded source is now the selected one and answers questions.
    const chat = new ChatPage(page);
    await chat.open();
    await page.getByLabel('Data source').selectOption({ label: 'targets' });
    await chat.ask('total target by team');
    const turn = await chat.waitForTurnSettled(0);
    await expect(turn.getByTestId('answer-headline').textContent()).resolves.toMatch(/\d/);
    await context.close();

    // The person's last source stays their default on the next visit.
    const again = await signedInPage(session, session.server.admin, { width: 1440, height: 900 });
    await again.page.getByLabel('Data source').waitFor();
    await expect(again.page.getByLabel('Data source').locator('option:checked').textContent()).resolves.toBe('targets');
    await again.context.close();
  });

  it('exports numbers as people write them: amounts summed in floating point keep their cents, no binary noise', async () => {
    const { page, context } = await signedInPage(session, session.server.admin, { width: 1440, height: 900 });
    await page.getByLabel('Data source').selectOption({ label: 'Demo sales' });
    const chat = new ChatPage(page);
    await chat.open();
    await chat.ask('revenue by channel');
    const turn = await chat.waitForTurnSettled(0);
    const [download] = await Promise.all([page.waitForEvent('download'), turn.getByRole('button', { name: 'CSV' }).click()]);
    const [header, ...lines] = fs.readFileSync((await download.path())!, 'utf8').trim().split(/\r?\n/);
    expect(header.split(',')).toHaveLength(2);
    expect(lines.length).toBeGreaterThan(1);
    // Order amounts are in cents: their sums have at most two decimals once float noise is gone.
    for (const line of lines) expect(line.split(',')[1], line).toMatch(/^\d+(\.\d{1,2})?$/);
    await context.close();
  });

  it('npm start without Electron prints the server-mode alternative', () => {
    const result = spawnSync(process.execPath, ['scripts/start.mjs'], { env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }, encoding: 'utf8' });
    const electronInstalled = result.status === 0;
    if (!electronInstalled) {
      expect(result.stderr).toContain('npm run serve');
      expect(result.stderr).toContain('http://127.0.0.1:7420');
    }
  });
});
