import { randomUUID } from 'node:crypto';
import type { ReportOptions, ReportRunView, ScheduleView } from '../../../shared/api/domains/reports';
import type { FeatureFlag, UsageLimit } from '../../../shared/types/tenant';
import type { Audience, ReportFormatId } from '../../../shared/reports/model';
import { systemContext, type RequestContext, type Role } from '../../../shared/types/auth';
import type { AuthService } from '../security/auth';
import type { JsonObject, ReportScheduleRecord, Store } from '../store';
import type { AlertSink } from './alerts';
import { deliverToFolder, type Mailer } from './delivery';
import { upcomingRuns } from '../../../shared/reports/schedulePreview';
import { reportFormat } from './formats/registry';
import { toView, type ReportsService } from './reportsService';

/** The depth each role gets when a schedule names no audience for a recipient. */
const AUDIENCE_OF_ROLE: Record<Role, Audience> = { admin: 'analyst', analyst: 'analyst', executive: 'executive', viewer: 'board' };
const TICK_MS = 30_000;
/** Longer than any render: a lease outlives its run, so another instance never starts the same one. */
const LEASE_MS = 15 * 60_000;

/** The organization's flags and limits for work that is not an API call (the admin tenant guard). */
export interface ScheduleGuard { assertAllowed(ctx: RequestContext, check: { flag?: FeatureFlag; limit?: UsageLimit }): Promise<void> }

interface Recipient { email: string; audience?: Audience }
interface Delivery { to: string; channel: 'email' | 'folder'; ok: boolean; detail?: string }

/** A schedule the server refuses; `field` names the request field at fault for the form. */
export class ScheduleError extends Error {
  override name = 'ValidationError';
  constructor(message: string, readonly field?: string) {
    super(message);
  }
}

/** The next time an expression fires after `from` (null when it never will again). */
export function nextRun(cron: string, timezone: string, from: Date): Date | null {
  return upcomingRuns(cron, timezone, 1, from)[0] ?? null;
}

/** Report schedules: CRUD for their owners, and the runner that re-runs due reports while the
 *  app or server is up (missed runs are caught up once at start). */
export class ReportScheduler {
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;

  /** This instance's name on job leases shared with every other instance over the same store. */
  private readonly holder = `scheduler:${randomUUID()}`;

  constructor(private readonly deps: { store: Store; reports: ReportsService; auth: AuthService; alerts: AlertSink; mailer: Mailer | null; guard?: ScheduleGuard; now?: () => Date }) {}

  private now(): Date { return this.deps.now?.() ?? new Date(); }

  async create(ctx: RequestContext, input: { report: ReportOptions; cron: string; timezone: string; format: ReportFormatId; recipients: Recipient[]; folder: string | null; enabled: boolean }): Promise<ScheduleView> {
    await this.deps.reports.assertOriginVisible(ctx, input.report.origin);
    const next = nextRun(input.cron, input.timezone, this.now());
    await this.checkDelivery(ctx, input.recipients, input.folder);
    const definition = await this.deps.store.reports.create(ctx, { title: input.report.title ?? 'Scheduled report', origin: input.report.origin as unknown as JsonObject, settings: { audience: input.report.audience, sections: input.report.sections ?? null, period: input.report.period ?? null, title: input.report.title ?? null } as unknown as JsonObject });
    const schedule = await this.deps.store.reportSchedules.create(ctx, { reportId: definition.id, cron: input.cron, timezone: input.timezone, format: input.format, recipients: { items: input.recipients } as unknown as JsonObject, folder: input.folder, enabled: input.enabled, nextRunAt: next?.toISOString() ?? null });
    await this.deps.store.audit.append(ctx, { action: 'report.schedule.create', target: schedule.id, details: { cron: input.cron, format: input.format, recipients: input.recipients.map((r) => r.email), folder: input.folder } });
    return this.view(schedule, definition.title);
  }

  async update(ctx: RequestContext, id: string, patch: { cron?: string; timezone?: string; format?: ReportFormatId; recipients?: Recipient[]; folder?: string | null; enabled?: boolean }): Promise<ScheduleView> {
    const current = await this.deps.store.reportSchedules.get(ctx, id);
    const cron = patch.cron ?? current.cron;
    const timezone = patch.timezone ?? current.timezone;
    if (patch.recipients || patch.folder !== undefined) await this.checkDelivery(ctx, patch.recipients ?? recipientsOf(current), patch.folder === undefined ? current.folder : patch.folder);
    const updated = await this.deps.store.reportSchedules.update(ctx, id, {
      cron, timezone, format: patch.format, folder: patch.folder, enabled: patch.enabled,
      recipients: patch.recipients ? ({ items: patch.recipients } as unknown as JsonObject) : undefined,
      nextRunAt: nextRun(cron, timezone, this.now())?.toISOString() ?? null,
    });
    await this.deps.store.audit.append(ctx, { action: 'report.schedule.update', target: id, details: JSON.parse(JSON.stringify(patch)) as JsonObject });
    const [lastRun] = await this.deps.store.reportRuns.list(ctx, { scheduleId: id, limit: 1 });
    return this.view(updated, (await this.deps.store.reports.get(ctx, updated.reportId)).title, lastRun);
  }

  async remove(ctx: RequestContext, id: string): Promise<void> {
    const schedule = await this.deps.store.reportSchedules.get(ctx, id);
    await this.deps.store.reportSchedules.remove(ctx, id);
    await this.deps.store.audit.append(ctx, { action: 'report.schedule.remove', target: schedule.id, details: { reportId: schedule.reportId } });
  }

  async list(ctx: RequestContext): Promise<ScheduleView[]> {
    const [schedules, reports] = await Promise.all([this.deps.store.reportSchedules.list(ctx), this.deps.store.reports.list(ctx)]);
    const titles = new Map(reports.map((r) => [r.id, r.title]));
    const lastRuns = await Promise.all(schedules.map(async (s) => (await this.deps.store.reportRuns.list(ctx, { scheduleId: s.id, limit: 1 }))[0]));
    return schedules.map((s, i) => this.view(s, titles.get(s.reportId) ?? 'Report', lastRuns[i]));
  }

  async runs(ctx: RequestContext, id: string): Promise<ReportRunView[]> {
    await this.deps.store.reportSchedules.get(ctx, id);
    return this.deps.reports.list(ctx, { scheduleId: id });
  }

  async runNow(ctx: RequestContext, id: string): Promise<ReportRunView> {
    return this.execute(await this.deps.store.reportSchedules.get(ctx, id));
  }

  /** Runs every schedule that is due (including runs missed while the app was closed: each
   *  schedule runs once, then moves to its next time). Returns the runs made. */
  async runDue(): Promise<ReportRunView[]> {
    const due = await this.deps.store.reportSchedules.unscopedDue(this.now());
    const runs: ReportRunView[] = [];
    for (const listed of due) {
      // Another instance may hold this schedule, or have run it since the list was read: the
      // lease makes one of them run it, and the fresh read skips a run already made.
      await this.deps.store.leases.runExclusive(`report-schedule:${listed.id}`, this.holder, LEASE_MS, async () => {
        const schedule = await this.deps.store.reportSchedules.get(systemContext(listed.organizationId), listed.id).catch(() => null);
        if (!schedule?.enabled || !schedule.nextRunAt || new Date(schedule.nextRunAt).getTime() > this.now().getTime()) return;
        runs.push(await this.execute(schedule, { scheduled: true }));
      });
    }
    return runs;
  }

  start(): void {
    if (this.timer) return;
    const tick = () => {
      if (this.ticking) return;
      this.ticking = this.runDue().then(() => undefined, () => undefined).finally(() => { this.ticking = null; });
    };
    tick();
    this.timer = setInterval(tick, TICK_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.ticking;
  }

  private async execute(schedule: ReportScheduleRecord, mode: { scheduled?: boolean } = {}): Promise<ReportRunView> {
    const system = systemContext(schedule.organizationId);
    const next = nextRun(schedule.cron, schedule.timezone, this.now());
    await this.deps.store.reportSchedules.update(system, schedule.id, { nextRunAt: next?.toISOString() ?? null, lastRunAt: this.now().toISOString() });
    const definition = await this.deps.store.reports.get(system, schedule.reportId);
    const settings = definition.settings as unknown as { audience: Audience; sections: ReportOptions['sections'] | null; period: ReportOptions['period'] | null; title: string | null };
    const base: ReportOptions = { origin: definition.origin as unknown as ReportOptions['origin'], audience: settings.audience, sections: settings.sections ?? undefined, period: settings.period ?? undefined, title: settings.title ?? definition.title };
    const deliveries: Delivery[] = [];
    let ownerCtx: RequestContext;
    try {
      ownerCtx = await this.contextOf(system, schedule.ownerId);
    } catch (error) {
      return this.fail(schedule, definition.id, `The schedule’s owner can no longer run it: ${(error as Error).message}`);
    }
    if (mode.scheduled && this.deps.guard) {
      // runNow is admitted by the API's call controls; a timed run asks the same guard here.
      try {
        await this.deps.guard.assertAllowed(ownerCtx, { flag: 'reportScheduling', limit: 'reportRunsPerDay' });
      } catch (error) {
        return this.fail(schedule, definition.id, `Scheduled report “${definition.title}” did not run: ${(error as Error).message}`);
      }
    }
    let created;
    try {
      created = await this.deps.reports.create(ownerCtx, { ...base, format: schedule.format as ReportFormatId }, { scheduleId: schedule.id, reportId: definition.id });
    } catch (error) {
      const [last] = await this.deps.store.reportRuns.list(ownerCtx, { scheduleId: schedule.id, limit: 1 });
      if (!last || last.status === 'succeeded') return this.fail(schedule, definition.id, `Scheduled report “${definition.title}” failed: ${(error as Error).message}`);
      await this.alert(schedule, `Scheduled report “${definition.title}” failed: ${(error as Error).message}`);
      return toView(last, definition.title);
    }
    const format = reportFormat(schedule.format);
    if (schedule.folder) {
      try {
        const target = deliverToFolder(schedule.folder, { fileName: created.run.fileName!, mimeType: format.mimeType, content: created.file });
        deliveries.push({ to: target, channel: 'folder', ok: true });
      } catch (error) {
        deliveries.push({ to: schedule.folder, channel: 'folder', ok: false, detail: (error as Error).message });
      }
    }
    for (const recipient of recipientsOf(schedule)) deliveries.push(await this.mail(system, schedule, base, recipient, definition.title));
    const failed = deliveries.filter((d) => !d.ok);
    const run = await this.deps.store.reportRuns.finish(ownerCtx, created.run.id, { status: failed.length ? 'failed' : 'succeeded', fileName: created.run.fileName!, fileSize: created.file.length, error: failed.length ? failed.map((d) => `${d.to}: ${d.detail}`).join('; ') : undefined, deliveries: { items: deliveries } as unknown as JsonObject });
    await this.deps.store.audit.append(system, { action: 'report.schedule.run', target: schedule.id, details: { runId: run.id, deliveries: deliveries.map((d) => ({ to: d.to, channel: d.channel, ok: d.ok })) } as unknown as JsonObject });
    if (failed.length) await this.alert(schedule, `Scheduled report “${definition.title}” could not be delivered to ${failed.map((d) => d.to).join(', ')}.`);
    return toView(run, definition.title);
  }

  /** Each recipient gets the report built for them: their row rules, their masking, their depth. */
  private async mail(system: RequestContext, schedule: ReportScheduleRecord, base: ReportOptions, recipient: Recipient, title: string): Promise<Delivery> {
    if (!this.deps.mailer) return { to: recipient.email, channel: 'email', ok: false, detail: 'E-mail is not configured: set AISER_SMTP_URL or AISER_SMTP_HOST.' };
    try {
      const user = await this.deps.store.users.findByEmail(system, recipient.email);
      if (!user || user.status !== 'active') throw new Error('not an active member of the organization');
      const owner = await this.deps.store.users.get(system, schedule.ownerId);
      if (this.deps.guard && domainOf(recipient.email) !== domainOf(owner.email)) await this.deps.guard.assertAllowed(system, { flag: 'externalEmail' });
      const ctx = await this.deps.auth.contextFor(user, `schedule:${schedule.id}`);
      const format = reportFormat(schedule.format);
      const report = await this.deps.reports.build(ctx, { ...base, audience: recipient.audience ?? AUDIENCE_OF_ROLE[user.role] });
      const content = await format.render(report);
      const fileName = `${title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'report'}-${report.generatedAt.slice(0, 10)}.${format.extension}`;
      await this.deps.mailer.send({ to: recipient.email, subject: `${report.title} — ${report.period.label}`, text: `${report.summary.headline}\n\n${report.summary.points.map((p) => `• ${p}`).join('\n')}\n\nThe full report is attached (${format.label}). ${report.confidentiality}.`, attachment: { fileName, mimeType: format.mimeType, content } });
      return { to: recipient.email, channel: 'email', ok: true };
    } catch (error) {
      return { to: recipient.email, channel: 'email', ok: false, detail: (error as Error).message };
    }
  }

  private async contextOf(system: RequestContext, userId: string): Promise<RequestContext> {
    const user = await this.deps.store.users.get(system, userId);
    if (user.status !== 'active') throw new Error(`the account ${user.email} is ${user.status}`);
    return this.deps.auth.contextFor(user, 'schedule');
  }

  private async fail(schedule: ReportScheduleRecord, reportId: string, message: string): Promise<ReportRunView> {
    const system = systemContext(schedule.organizationId);
    const run = await this.deps.store.reportRuns.start(system, { reportId, scheduleId: schedule.id, format: schedule.format, audience: 'executive', requestedBy: schedule.ownerId });
    const done = await this.deps.store.reportRuns.finish(system, run.id, { status: 'failed', error: message });
    await this.alert(schedule, message);
    return toView(done, 'Scheduled report');
  }

  private async alert(schedule: ReportScheduleRecord, message: string): Promise<void> {
    await this.deps.alerts.raise(schedule.organizationId, { severity: 'warning', message, payload: { scheduleId: schedule.id, reportId: schedule.reportId } });
  }

  private async checkDelivery(ctx: RequestContext, recipients: Recipient[], folder: string | null): Promise<void> {
    if (!recipients.length && !folder) throw new ScheduleError('A schedule needs somewhere to deliver: add a recipient or a folder.', 'recipients');
    if (folder !== null && !folder.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(folder)) throw new ScheduleError(`The delivery folder must be an absolute path; got "${folder}".`, 'folder');
    for (const [i, r] of recipients.entries()) {
      const user = await this.deps.store.users.findByEmail(ctx, r.email);
      if (!user) throw new ScheduleError(`${r.email} is not a member of this organization. Invite them first: each recipient gets the report their role may see.`, `recipients.${i}.email`);
    }
  }

  private view(s: ReportScheduleRecord, title: string, lastRun?: { status: string; error: string | null }): ScheduleView {
    return {
      id: s.id, reportId: s.reportId, title, cron: s.cron, timezone: s.timezone, format: s.format as ReportFormatId, recipients: recipientsOf(s), folder: s.folder, enabled: s.enabled, nextRunAt: s.nextRunAt, lastRunAt: s.lastRunAt,
      lastStatus: (lastRun?.status as ScheduleView['lastStatus']) ?? null, lastError: lastRun?.error ?? null,
    };
  }
}

function domainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

function recipientsOf(s: ReportScheduleRecord): Recipient[] {
  const items = (s.recipients as { items?: unknown }).items;
  return Array.isArray(items) ? (items as Recipient[]) : [];
}
