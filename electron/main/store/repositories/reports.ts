import { Op } from 'sequelize';
import type { RequestContext } from '../../../../shared/types/auth';
import { assertJsonObject, assertNonEmpty } from '../errors';
import type { Models } from '../models';
import { OrgScopedTable, plainRow, toDate } from '../scoped';
import type { JsonObject } from '../types';

/** Report definitions, their schedules and their runs. Personal to their owner (admins see all
 *  of their organization's). Files live in the data folder; rows hold metadata only. */

export interface ReportRecord { id: string; organizationId: string; ownerId: string; title: string; origin: JsonObject; settings: JsonObject; createdAt: string; updatedAt: string }
export interface ReportScheduleRecord {
  id: string; organizationId: string; reportId: string; ownerId: string; cron: string; timezone: string; format: string;
  recipients: JsonObject; folder: string | null; enabled: boolean; nextRunAt: string | null; lastRunAt: string | null; createdAt: string; updatedAt: string;
}
export interface ReportRunRecord {
  id: string; organizationId: string; reportId: string; scheduleId: string | null; requestedBy: string; format: string; audience: string;
  status: string; fileName: string | null; fileSize: number | null; error: string | null; deliveries: JsonObject | null; finishedAt: string | null; createdAt: string; updatedAt: string;
}

export class ReportsRepository {
  readonly table: OrgScopedTable<ReportRecord>;
  constructor(models: Models) {
    this.table = new OrgScopedTable(models.reports, { entity: 'report', project: 'none', ownerColumn: 'ownerId' });
  }

  async create(ctx: RequestContext, input: { title: string; origin: JsonObject; settings: JsonObject }): Promise<ReportRecord> {
    assertNonEmpty('title', input.title);
    assertJsonObject('origin', input.origin);
    assertJsonObject('settings', input.settings);
    return this.table.insert(ctx, { ownerId: ctx.userId, title: input.title.trim(), origin: input.origin, settings: input.settings });
  }

  list(ctx: RequestContext): Promise<ReportRecord[]> { return this.table.list(ctx, undefined, { order: [['createdAt', 'DESC'], ['id', 'ASC']] }); }
  get(ctx: RequestContext, id: string): Promise<ReportRecord> { return this.table.get(ctx, id); }
  remove(ctx: RequestContext, id: string): Promise<void> { return this.table.remove(ctx, id); }
}

export type NewSchedule = Pick<ReportScheduleRecord, 'reportId' | 'cron' | 'timezone' | 'format' | 'recipients' | 'folder' | 'enabled' | 'nextRunAt'>;

export class ReportSchedulesRepository {
  readonly table: OrgScopedTable<ReportScheduleRecord>;
  constructor(private readonly models: Models) {
    this.table = new OrgScopedTable(models.reportSchedules, { entity: 'report schedule', project: 'none', ownerColumn: 'ownerId' });
  }

  create(ctx: RequestContext, input: NewSchedule): Promise<ReportScheduleRecord> {
    assertNonEmpty('cron', input.cron);
    return this.table.insert(ctx, { ...input, ownerId: ctx.userId, nextRunAt: input.nextRunAt ? toDate('nextRunAt', input.nextRunAt) : null });
  }

  list(ctx: RequestContext): Promise<ReportScheduleRecord[]> { return this.table.list(ctx); }
  get(ctx: RequestContext, id: string): Promise<ReportScheduleRecord> { return this.table.get(ctx, id); }
  update(ctx: RequestContext, id: string, patch: Partial<NewSchedule> & { lastRunAt?: string }): Promise<ReportScheduleRecord> {
    return this.table.update(ctx, id, { ...patch, nextRunAt: patch.nextRunAt === undefined ? undefined : patch.nextRunAt && toDate('nextRunAt', patch.nextRunAt), lastRunAt: patch.lastRunAt && toDate('lastRunAt', patch.lastRunAt) });
  }
  remove(ctx: RequestContext, id: string): Promise<void> { return this.table.remove(ctx, id); }

  /** For the scheduler (system work across organizations): enabled schedules due by `now`. */
  async unscopedDue(now: Date): Promise<ReportScheduleRecord[]> {
    const rows = await this.models.reportSchedules.findAll({ where: { enabled: true, nextRunAt: { [Op.lte]: now } }, order: [['nextRunAt', 'ASC']] });
    return rows.map((r) => plainRow(r) as unknown as ReportScheduleRecord);
  }
}

export class ReportRunsRepository {
  readonly table: OrgScopedTable<ReportRunRecord>;
  constructor(models: Models) {
    this.table = new OrgScopedTable(models.reportRuns, { entity: 'report run', project: 'none', ownerColumn: 'requestedBy' });
  }

  start(ctx: RequestContext, input: { reportId: string; scheduleId?: string | null; format: string; audience: string; requestedBy?: string }): Promise<ReportRunRecord> {
    return this.table.insert(ctx, { reportId: input.reportId, scheduleId: input.scheduleId ?? null, requestedBy: input.requestedBy ?? ctx.userId, format: input.format, audience: input.audience, status: 'running' });
  }

  finish(ctx: RequestContext, id: string, outcome: { status: 'succeeded' | 'failed' | 'cancelled'; fileName?: string; fileSize?: number; error?: string; deliveries?: JsonObject }): Promise<ReportRunRecord> {
    return this.table.update(ctx, id, { ...outcome, finishedAt: new Date() });
  }

  list(ctx: RequestContext, filter: { reportId?: string; scheduleId?: string; limit?: number } = {}): Promise<ReportRunRecord[]> {
    const where = Object.fromEntries(Object.entries({ reportId: filter.reportId, scheduleId: filter.scheduleId }).filter(([, v]) => v !== undefined));
    return this.table.list(ctx, where, { order: [['createdAt', 'DESC'], ['id', 'ASC']], limit: filter.limit ?? 200 });
  }
  get(ctx: RequestContext, id: string): Promise<ReportRunRecord> { return this.table.get(ctx, id); }
}
