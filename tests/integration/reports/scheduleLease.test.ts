import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../../shared/types/auth';
import { ReportScheduler, StoreAlertSink } from '../../../electron/main/reports';
import { call, demoDashboard, startReportServer, tempDir, WIDGETS, type ReportServer } from '../../support/reportWorkspace';

interface Schedule { id: string }

/** Two app instances over one store: a due schedule runs once, and the organization's flags are
 *  asked before a timed run. */
describe('scheduled reports across instances sharing one store', () => {
  let server: ReportServer;
  let token: string;
  let dashboardId: string;
  let orgId: string;

  beforeAll(async () => {
    ({ server, token } = await startReportServer());
    ({ dashboardId } = await demoDashboard(server, token, [WIDGETS[0]]));
    orgId = (await call<{ orgId: string }>(server, 'auth/me', {}, token)).orgId;
    await server.container.services.reportScheduler.stop(); // the server's own timer must not race the two below
  });
  afterAll(async () => {
    await server?.close();
  });

  function secondInstance(): ReportScheduler {
    const { store, reports, auth, admin } = server.container.services;
    return new ReportScheduler({ store, reports, auth, alerts: new StoreAlertSink(store), guard: admin.guard, mailer: null });
  }

  async function dueSchedule(folder: string): Promise<Schedule> {
    const schedule = await call<Schedule>(server, 'reports/schedules/create', { report: { origin: { kind: 'dashboard', dashboardId }, audience: 'board' }, cron: '0 7 * * *', format: 'html', folder }, token);
    await server.container.services.store.reportSchedules.update(systemContext(orgId), schedule.id, { nextRunAt: '2020-01-01T07:00:00.000Z' });
    return schedule;
  }

  it('delivers a due schedule once when two schedulers run it at the same time', async () => {
    const folder = tempDir('aiser-lease-drop-');
    const schedule = await dueSchedule(folder);
    const [a, b] = await Promise.all([server.container.services.reportScheduler.runDue(), secondInstance().runDue()]);
    const runs = [...a, ...b].filter((r) => r.scheduleId === schedule.id);
    expect(runs).toHaveLength(1);
    expect(runs[0].status).toBe('succeeded');
    expect(fs.readdirSync(folder)).toHaveLength(1);
    expect(await call<unknown[]>(server, 'reports/schedules/runs', { id: schedule.id }, token)).toHaveLength(1);
  });

  it('does not run when report scheduling is turned off for the organization, and says why', async () => {
    const { store } = server.container.services;
    const folder = tempDir('aiser-flag-drop-');
    const schedule = await dueSchedule(folder);
    const org = await store.organizations.get(systemContext(orgId));
    await store.organizations.update(systemContext(orgId), { settings: { ...org.settings, featureFlags: { ...org.settings.featureFlags, reportScheduling: false } } });
    try {
      const runs = (await secondInstance().runDue()).filter((r) => r.scheduleId === schedule.id);
      expect(runs).toHaveLength(1);
      expect(runs[0].status).toBe('failed');
      expect(runs[0].error).toContain('Report scheduling is turned off');
      expect(fs.readdirSync(folder)).toEqual([]);
    } finally {
      await store.organizations.update(systemContext(orgId), { settings: org.settings });
    }
  });
});
