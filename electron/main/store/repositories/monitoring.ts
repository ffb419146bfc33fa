import { Op, type Transaction, type WhereOptions } from 'sequelize';
import type { RequestContext } from '../../../../shared/types/auth';
import { StoreInputError, assertFiniteNumber, assertJsonObject, assertNonEmpty, assertOneOf } from '../errors';
import { insertTogether } from '../insertTogether';
import type { Models } from '../models';
import { OrgScopedTable, toDate } from '../scoped';
import { ALERT_SEVERITIES, type Alert, type AlertRule, type AlertSeverity, type JsonObject, type MetricRecord } from '../types';

/** Per-organization metrics (latency, tokens, cost, usage), alert rules and raised alerts. */

export interface NewMetricRecord {
  name: string;
  value: number;
  tags?: Record<string, string>;
  recordedAt?: Date | string;
}

export class MetricsRepository {
  private readonly table: OrgScopedTable<MetricRecord>;

  constructor(models: Models) {
    this.table = new OrgScopedTable(models.metrics, { entity: 'metric record', project: 'none' });
  }

  async record(ctx: RequestContext, input: NewMetricRecord): Promise<MetricRecord> {
    const [record] = await this.recordMany(ctx, [input]);
    return record;
  }

  /** Records several metrics with one insert. */
  async recordMany(ctx: RequestContext, inputs: readonly NewMetricRecord[], transaction?: Transaction): Promise<MetricRecord[]> {
    const rows = inputs.map((input) => {
      assertNonEmpty('name', input.name);
      assertFiniteNumber('value', input.value);
      const tags = input.tags ?? {};
      assertJsonObject('tags', tags);
      if (Object.values(tags).some((tag) => typeof tag !== 'string')) throw new StoreInputError('tags', 'Metric tags must be text values.');
      return { organizationId: ctx.orgId, name: input.name, value: input.value, tags, recordedAt: toDate('recordedAt', input.recordedAt ?? new Date()) };
    });
    if (rows.length === 0) return [];
    const created = await insertTogether(this.table.model, rows, transaction);
    return created.map((instance) => this.table.toRecord(instance));
  }

  /** Records in time order, optionally one metric and a time window. */
  async list(ctx: RequestContext, filter: { name?: string; since?: Date | string; until?: Date | string; limit?: number } = {}): Promise<MetricRecord[]> {
    const where: WhereOptions = {};
    if (filter.name) Object.assign(where, { name: filter.name });
    const range: Record<symbol, Date> = {};
    if (filter.since !== undefined) range[Op.gte] = toDate('since', filter.since);
    if (filter.until !== undefined) range[Op.lt] = toDate('until', filter.until);
    if (Object.getOwnPropertySymbols(range).length > 0) Object.assign(where, { recordedAt: range });
    return this.table.list(ctx, where, { order: [['recordedAt', 'ASC'], ['id', 'ASC']], limit: filter.limit });
  }

  /** The total of one metric since a moment (usage against limits). */
  async sumSince(ctx: RequestContext, name: string, since: Date | string): Promise<number> {
    const total = await this.table.model.sum('value', { where: this.table.scope(ctx, { name, recordedAt: { [Op.gte]: toDate('since', since) } }) });
    return Number(total ?? 0) || 0;
  }

  /** Retention: removes records older than `before`. */
  async deleteOlderThan(ctx: RequestContext, before: Date | string): Promise<number> {
    return this.table.removeWhere(ctx, { recordedAt: { [Op.lt]: toDate('before', before) } });
  }
}

export interface NewAlertRule {
  name: string;
  metric: string;
  /** e.g. `{ op: '>', threshold: 2000, windowMinutes: 15 }`; evaluated by the metrics service. */
  condition: JsonObject;
  enabled?: boolean;
}

export class AlertRulesRepository {
  readonly table: OrgScopedTable<AlertRule>;

  constructor(models: Models) {
    this.table = new OrgScopedTable(models.alertRules, { entity: 'alert rule', project: 'none' });
  }

  async create(ctx: RequestContext, input: NewAlertRule): Promise<AlertRule> {
    assertNonEmpty('name', input.name);
    assertNonEmpty('metric', input.metric);
    assertJsonObject('condition', input.condition);
    return this.table.insert(ctx, { name: input.name.trim(), metric: input.metric, condition: input.condition, enabled: input.enabled ?? true });
  }

  async list(ctx: RequestContext, filter: { enabledOnly?: boolean } = {}): Promise<AlertRule[]> {
    return this.table.list(ctx, filter.enabledOnly ? { enabled: true } : undefined);
  }

  async get(ctx: RequestContext, id: string): Promise<AlertRule> {
    return this.table.get(ctx, id);
  }

  async update(ctx: RequestContext, id: string, patch: Partial<NewAlertRule>): Promise<AlertRule> {
    if (patch.name !== undefined) assertNonEmpty('name', patch.name);
    if (patch.metric !== undefined) assertNonEmpty('metric', patch.metric);
    if (patch.condition !== undefined) assertJsonObject('condition', patch.condition);
    return this.table.update(ctx, id, { name: patch.name?.trim(), metric: patch.metric, condition: patch.condition, enabled: patch.enabled });
  }

  async delete(ctx: RequestContext, id: string): Promise<void> {
    return this.table.remove(ctx, id);
  }
}

export interface NewAlert {
  ruleId?: string | null;
  severity: AlertSeverity;
  message: string;
  payload?: JsonObject | null;
  kind?: string | null;
  dedupeKey?: string | null;
}

export class AlertsRepository {
  private readonly table: OrgScopedTable<Alert>;

  constructor(models: Models, private readonly rules: AlertRulesRepository) {
    this.table = new OrgScopedTable(models.alerts, { entity: 'alert', project: 'none' });
  }

  async raise(ctx: RequestContext, input: NewAlert): Promise<Alert> {
    assertOneOf('severity', input.severity, ALERT_SEVERITIES);
    assertNonEmpty('message', input.message);
    if (input.payload != null) assertJsonObject('payload', input.payload);
    if (input.ruleId) await this.rules.table.assertVisible(ctx, input.ruleId);
    return this.table.insert(ctx, {
      ruleId: input.ruleId ?? null, severity: input.severity, message: input.message, payload: input.payload ?? null,
      kind: input.kind ?? null, dedupeKey: input.dedupeKey ?? null,
    });
  }

  /** Newest first; `status` open = not resolved. */
  async list(ctx: RequestContext, filter: { unacknowledgedOnly?: boolean; status?: 'open' | 'resolved' | 'all'; since?: Date | string; until?: Date | string; limit?: number } = {}): Promise<Alert[]> {
    const where: WhereOptions = {};
    if (filter.unacknowledgedOnly) Object.assign(where, { acknowledgedAt: null });
    if (filter.status === 'open') Object.assign(where, { resolvedAt: null });
    if (filter.status === 'resolved') Object.assign(where, { resolvedAt: { [Op.ne]: null } });
    const range: Record<symbol, Date> = {};
    if (filter.since !== undefined) range[Op.gte] = toDate('since', filter.since);
    if (filter.until !== undefined) range[Op.lt] = toDate('until', filter.until);
    if (Object.getOwnPropertySymbols(range).length > 0) Object.assign(where, { createdAt: range });
    return this.table.list(ctx, where, { order: [['createdAt', 'DESC'], ['id', 'ASC']], limit: filter.limit });
  }

  /** The unresolved alert for an ongoing situation, if any. */
  async findOpen(ctx: RequestContext, dedupeKey: string): Promise<Alert | null> {
    const [open] = await this.table.list(ctx, { dedupeKey, resolvedAt: null }, { limit: 1 });
    return open ?? null;
  }

  async get(ctx: RequestContext, id: string): Promise<Alert> {
    return this.table.get(ctx, id);
  }

  async acknowledge(ctx: RequestContext, id: string, at: Date | string = new Date()): Promise<Alert> {
    return this.table.update(ctx, id, { acknowledgedAt: toDate('at', at), acknowledgedBy: ctx.userId });
  }

  async resolve(ctx: RequestContext, id: string, at: Date | string = new Date()): Promise<Alert> {
    const current = await this.table.get(ctx, id);
    const when = toDate('at', at);
    return this.table.update(ctx, id, {
      resolvedAt: when, resolvedBy: ctx.userId,
      acknowledgedAt: current.acknowledgedAt ? undefined : when, acknowledgedBy: current.acknowledgedBy ? undefined : ctx.userId,
    });
  }

  async delete(ctx: RequestContext, id: string): Promise<void> {
    return this.table.remove(ctx, id);
  }
}
