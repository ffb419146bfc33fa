import fs from 'node:fs';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../../shared/types/auth';
import { post, signIn } from '../../support/tempServer';
import { artifactsDir, call, demoDashboard, run, startReportServer, tempDir, WIDGETS, type ReportServer } from '../../support/reportWorkspace';
import { addMember } from '../security/fixtures';

interface Mail { to: string; raw: Buffer }
interface RunView { id: string; status: string; error: string | null; deliveries: Array<{ to: string; channel: string; ok: boolean; detail?: string }> }
interface Schedule { id: string; nextRunAt: string | null; lastStatus: string | null; lastError: string | null }

/** A loopback SMTP server speaking real SMTP: records every message it accepts. */
async function startSmtp(): Promise<{ server: SMTPServer; port: number; mails: Mail[] }> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        for (const rcpt of session.envelope.rcptTo) mails.push({ to: rcpt.address, raw: Buffer.concat(chunks) });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as { port: number }).port;
  return { server, port, mails };
}

/** The PDF attachments of a raw MIME message (base64 parts typed application/pdf). */
function pdfAttachments(raw: string): Buffer[] {
  const out: Buffer[] = [];
  for (const part of raw.split(/\r?\n--/)) {
    if (!/Content-Type:\s*application\/pdf/i.test(part) || !/Content-Transfer-Encoding:\s*base64/i.test(part)) continue;
    const body = part.split(/\r?\n\r?\n/).slice(1).join('').replace(/[^A-Za-z0-9+/=]/g, '');
    out.push(Buffer.from(body, 'base64'));
  }
  return out;
}

describe('scheduled reports: fresh queries, delivery by e-mail and to a folder, masking per recipient', () => {
  let server: ReportServer;
  let token: string;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let dashboardId: string;
  let sourceId: string;
  let executive: { id: string; email: string };
  const folder = tempDir('aiser-report-drop-');

  beforeAll(async () => {
    smtp = await startSmtp();
    process.env.AISER_SMTP_URL = `smtp://127.0.0.1:${smtp.port}`;
    process.env.AISER_SMTP_FROM = 'Aiser <reports@example.com>';
    ({ server, token } = await startReportServer());
    delete process.env.AISER_SMTP_URL;
    ({ dashboardId, sourceId } = await demoDashboard(server, token, [WIDGETS[0], WIDGETS[3]]));
    executive = await addMember(server as never, token, 'executive', 'exec@example.com');
  });
  afterAll(async () => {
    await server?.close();
    await new Promise<void>((resolve) => smtp?.server.close(() => resolve()));
  });

  it('delivers to a folder and by SMTP with the attachment; the recipient without PII access gets a masked copy', async () => {
    const schedule = await call<Schedule>(server, 'reports/schedules/create', {
      report: { origin: { kind: 'dashboard', dashboardId }, audience: 'analyst', title: 'Weekly sales' }, cron: '0 8 * * 1', format: 'pdf', folder,
      recipients: [{ email: 'admin@example.com' }, { email: executive.email, audience: 'analyst' }],
    }, token);
    expect(new Date(schedule.nextRunAt!).getUTCDay()).toBe(1);
    const ran = await call<RunView>(server, 'reports/schedules/runNow', { id: schedule.id }, token);
    expect(ran.error).toBeNull();
    expect(ran.status).toBe('succeeded');
    expect(ran.deliveries.map((d) => [d.channel, d.ok])).toEqual([['folder', true], ['email', true], ['email', true]]);
    const dropped = fs.readdirSync(folder);
    expect(dropped).toHaveLength(1);
    expect(dropped[0]).toMatch(/^weekly-sales-.*\.pdf$/);
    expect(smtp.mails.map((m) => m.to).sort()).toEqual(['admin@example.com', executive.email].sort());

    const emails = await call<{ rows: string[][] }>(server, 'query/run', { sourceId, sql: 'SELECT email FROM customers ORDER BY customer_id LIMIT 1' }, token);
    const firstEmail = emails.rows[0][0];
    const texts = new Map<string, string>();
    for (const mail of smtp.mails) {
      const attachments = pdfAttachments(mail.raw.toString('latin1'));
      expect(attachments).toHaveLength(1);
      const file = path.join(folder, '..', `${mail.to}.pdf`);
      fs.writeFileSync(file, attachments[0]);
      texts.set(mail.to, run('pdftotext', [file, '-']).replace(/\s+/g, ' '));
      run('pdftoppm', ['-r', '50', '-png', '-f', '4', '-l', '4', file, path.join(artifactsDir(), `report-mail-${mail.to.split('@')[0]}`)]);
    }
    expect(texts.get('admin@example.com')).toContain(firstEmail);
    expect(texts.get(executive.email)).not.toContain(firstEmail);
    expect(texts.get(executive.email)).toContain('(masked)');
    const history = await call<RunView[]>(server, 'reports/schedules/runs', { id: schedule.id }, token);
    expect(history[0].id).toBe(ran.id);
  });

  it('catches up a run missed while the app was closed, and raises an alert when delivery fails', async () => {
    const { store, reportScheduler } = server.container.services;
    const blocker = path.join(tempDir('aiser-blocked-'), 'a-file');
    fs.writeFileSync(blocker, 'not a folder');
    const unwritable = path.join(blocker, 'reports');
    const schedule = await call<Schedule>(server, 'reports/schedules/create', {
      report: { origin: { kind: 'dashboard', dashboardId }, audience: 'board' }, cron: '30 6 1 * *', format: 'html', folder: unwritable,
    }, token);
    const me = await call<{ orgId: string }>(server, 'auth/me', {}, token);
    await store.reportSchedules.update(systemContext(me.orgId), schedule.id, { nextRunAt: '2020-01-01T06:30:00.000Z' });
    await reportScheduler.stop(); // the server's own timer must not race this test's run
    const runs = await reportScheduler.runDue();
    const missed = runs.find((r) => r.scheduleId === schedule.id);
    expect(missed?.status).toBe('failed');
    expect(missed?.error).toContain(unwritable);
    expect(await reportScheduler.runDue()).toEqual([]);
    const after = (await call<Schedule[]>(server, 'reports/schedules/list', {}, token)).find((s) => s.id === schedule.id)!;
    expect(new Date(after.nextRunAt!).getTime()).toBeGreaterThan(Date.now());
    expect(after.lastStatus).toBe('failed');
    expect(after.lastError).toContain(unwritable);
    const alerts = await store.alerts.list(systemContext(me.orgId));
    expect(alerts.some((a) => a.message.includes('could not be delivered') && (a.payload as { scheduleId?: string }).scheduleId === schedule.id)).toBe(true);
    const audit = await store.audit.list(systemContext(me.orgId), { limit: 500 });
    expect(audit.some((e) => e.action === 'report.schedule.run' && e.target === schedule.id)).toBe(true);
  });

  it('guards schedules with reports:schedule and refuses bad expressions and unknown recipients clearly', async () => {
    const denied = await post(server.url, 'reports/schedules/list', {}, await signIn(server.url, executive.email, 'a-long-test-password'));
    expect(denied.body.error?.code).toBe('FORBIDDEN');
    const badCron = await post(server.url, 'reports/schedules/create', { report: { origin: { kind: 'dashboard', dashboardId } }, cron: 'every monday please', folder }, token);
    expect(badCron.body.error?.code).toBe('VALIDATION_FAILED');
    expect(badCron.body.error?.message).toContain('0 8 * * 1');
    expect(badCron.body.error?.field).toBe('cron');
    const badZone = await post(server.url, 'reports/schedules/create', { report: { origin: { kind: 'dashboard', dashboardId } }, cron: '0 8 * * 1', timezone: 'Mars/Olympus', folder }, token);
    expect([badZone.body.error?.code, badZone.body.error?.field]).toEqual(['VALIDATION_FAILED', 'timezone']);
    const stranger = await post(server.url, 'reports/schedules/create', { report: { origin: { kind: 'dashboard', dashboardId } }, cron: '0 8 * * 1', recipients: [{ email: 'stranger@elsewhere.example' }] }, token);
    expect(stranger.body.error?.message).toContain('not a member of this organization');
    expect(stranger.body.error?.field).toBe('recipients.0.email');
  });
});
