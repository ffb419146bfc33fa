import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ACCENT, DEFAULT_PRIMARY } from '../../../shared/reports/build';
import { signIn, startTempServer } from '../../support/tempServer';
import { cleanup, createSecondOrg, firstSource, ok, type TestServer } from '../security/fixtures';

interface Preview { report: { organization: { name: string; primaryColor: string; accentColor: string } }; html: string }
interface Settings { branding: { primary: string; accent: string } }

describe('branding colours set in organization settings are the ones its reports use', () => {
  let server: TestServer;
  let admin: string;

  async function boardOf(token: string, source: { id: string; projectId: string }, sql: string): Promise<string> {
    const board = await ok<{ id: string }>(server, 'dashboards/create', { projectId: source.projectId, name: 'Branded board' }, token);
    await ok(server, 'dashboards/addWidget', { dashboardId: board.id, title: 'Rows', sourceId: source.id, sql, chart: { type: 'kpi', title: 'Rows', y: ['n'] } }, token);
    return board.id;
  }
  const preview = (token: string, dashboardId: string) => ok<Preview>(server, 'reports/preview', { origin: { kind: 'dashboard', dashboardId }, audience: 'executive' }, token);

  beforeAll(async () => {
    server = await startTempServer();
    admin = await signIn(server.url);
  });
  afterAll(() => cleanup(server));

  it('shows the reports’ own defaults until colours are saved, then reports carry the saved colours', async () => {
    const dashboardId = await boardOf(admin, await firstSource(server, admin), 'SELECT COUNT(*) AS n FROM customers');
    const before = await ok<Settings>(server, 'org/settings', {}, admin);
    expect(before.branding).toEqual({ primary: DEFAULT_PRIMARY.toLowerCase(), accent: DEFAULT_ACCENT.toLowerCase() });
    expect((await preview(admin, dashboardId)).report.organization).toMatchObject({ primaryColor: DEFAULT_PRIMARY, accentColor: DEFAULT_ACCENT });

    await ok(server, 'org/updateSettings', { branding: { primary: '#7a1f5c', accent: '#0f7b6c' } }, admin);
    const branded = await preview(admin, dashboardId);
    expect(branded.report.organization).toMatchObject({ primaryColor: '#7a1f5c', accentColor: '#0f7b6c' });
    expect(branded.html).toContain('#7a1f5c');
  });

  it('another organization’s reports keep their own colours', async () => {
    const other = await createSecondOrg(server, 'unbranded');
    const dashboardId = await boardOf(other.adminToken, { id: other.sourceId, projectId: other.projectId }, 'SELECT COUNT(*) AS n FROM accounts');
    const theirs = await preview(other.adminToken, dashboardId);
    expect(theirs.report.organization).toMatchObject({ name: 'Org unbranded', primaryColor: DEFAULT_PRIMARY, accentColor: DEFAULT_ACCENT });
    expect(theirs.html).not.toContain('#7a1f5c');
  });
});
