import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../../support/tempServer';
import { demoDashboard, pdfText, startReportServer, tempDir, WIDGETS } from '../../support/reportWorkspace';

const repo = path.resolve(import.meta.dirname, '..', '..', '..');
const aiser = (args: string[], env: Record<string, string>) =>
  spawnSync(process.execPath, [path.join(repo, 'bin', 'aiser'), ...args], { cwd: repo, encoding: 'utf8', env: { ...process.env, AISER_LOG_LEVEL: 'error', ...env }, timeout: 120_000 });

describe('aiser report', () => {
  it('writes a board PDF of a dashboard as the signed-in person, and explains bad options', async () => {
    const { server, token } = await startReportServer();
    const { dashboardId } = await demoDashboard(server, token, [WIDGETS[0]]);
    const dataDir = server.dataDir;
    await server.close();
    const out = path.join(tempDir('aiser-cli-report-'), 'board.pdf');
    const env = { AISER_DATA_DIR: dataDir, AISER_EMAIL: ADMIN_EMAIL, AISER_PASSWORD: ADMIN_PASSWORD };
    const ok = aiser(['report', '--from', `dashboard:${dashboardId}`, '--format', 'pdf', '--audience', 'board', '--out', out], env);
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(fs.readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdfText(out)).toContain('Executive summary');
    const bad = aiser(['report', '--from', 'spreadsheet:1', '--out', out], env);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--from must start with dashboard:, conversation:, answer: or insights:');
    const due = aiser(['report', 'run-due'], env);
    expect(due.status).toBe(0);
    expect(due.stdout).toContain('No scheduled report is due.');
  });
});
