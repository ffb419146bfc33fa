import { systemContext, type RequestContext } from '../../../../shared/types/auth';
import type { Logger } from '../../logging';
import type { Alert, AlertRule, AlertSeverity, AuditEvent, JsonObject, Store } from '../../store';
import { ALERT_EVENTS, ALERT_EVENT_KINDS, AUDIT_ACTION_EVENTS, isAlertEventKind, type AlertEventKind } from './kinds';
import { conditionOf, thresholdBreached } from './conditions';

export interface RaiseAlertInput {
  kind: string;
  severity: AlertSeverity;
  message: string;
  payload?: JsonObject;
  /** Alerts sharing a key are one situation: raised once until someone resolves it. */
  dedupeKey?: string;
  ruleId?: string;
}

export interface AlertEventInput {
  /** Who or what the event is about (an account, a provider…); separate alerts per subject. */
  subject?: string;
  message?: string;
  payload?: JsonObject;
}

/**
 * Alert rules evaluated on events (emit) and on a schedule (evaluateThresholds), plus the public
 * `raise` other features call. Work started from synchronous hooks is tracked so readers can wait
 * for it (`settled`) and see every alert an event caused.
 */
export class AlertCenter {
  private readonly windows = new Map<string, number[]>();
  private readonly seeded = new Set<string>();
  private readonly pending = new Set<Promise<unknown>>();

  constructor(private readonly store: Store, private readonly logger: Logger, private readonly now: () => number = Date.now) {}

  /** Watches the audit trail for actions that are alert events. */
  watchAudit(): void {
    this.store.audit.onAppend((event) => this.fromAudit(event));
  }

  private fromAudit(event: AuditEvent): void {
    const kind = AUDIT_ACTION_EVENTS[event.action];
    if (kind) this.track(this.subjectOf(kind, event).then((subject) => this.emit(event.organizationId, kind, { subject, payload: { auditSeq: event.seq, action: event.action, target: event.target } })));
  }

  /** Who an audited event is about, by e-mail when it is a person. Failed sign-ins count across
   *  the organization (a spray over many accounts is the burst to see). */
  private async subjectOf(kind: AlertEventKind, event: AuditEvent): Promise<string | undefined> {
    if (kind === 'auth.sign_in_failed') return undefined;
    const person = await this.store.users.get(systemContext(event.organizationId), event.actorId).catch(() => null);
    return person?.email ?? event.actorId;
  }

  /** Runs an emit from a synchronous hook; failures are logged, never thrown at the caller. */
  track(work: Promise<unknown>): void {
    const tracked = work.catch((error: unknown) => this.logger.error('alerts.failed', { error })).finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }

  /** Resolves once alert work started so far is done. */
  async settled(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  async ensureDefaultRules(ctx: RequestContext): Promise<void> {
    if (this.seeded.has(ctx.orgId)) return;
    const existing = new Set((await this.store.alertRules.list(ctx)).map((rule) => rule.metric));
    for (const kind of ALERT_EVENT_KINDS) {
      if (existing.has(kind)) continue;
      const facts = ALERT_EVENTS[kind];
      await this.store.alertRules.create(ctx, { name: facts.rule, metric: kind, condition: { count: facts.count, windowMinutes: facts.windowMinutes, severity: facts.severity } });
    }
    this.seeded.add(ctx.orgId);
  }

  /** An event happened: rules listening to it count it in their window and raise when reached. */
  async emit(orgId: string, kind: AlertEventKind, input: AlertEventInput = {}): Promise<Alert[]> {
    const ctx = systemContext(orgId);
    await this.ensureDefaultRules(ctx);
    const rules = (await this.store.alertRules.list(ctx, { enabledOnly: true })).filter((rule) => rule.metric === kind);
    const raised: Alert[] = [];
    for (const rule of rules) {
      const condition = conditionOf(rule);
      const key = `${orgId}|${rule.id}|${input.subject ?? ''}`;
      const windowMs = condition.windowMinutes * 60_000;
      const recent = [...(this.windows.get(key) ?? []), this.now()].filter((at) => at > this.now() - windowMs);
      this.windows.set(key, recent);
      if (recent.length < (condition.count ?? 1)) continue;
      this.windows.delete(key);
      const says = ALERT_EVENTS[kind].says(recent.length);
      const alert = await this.raise(orgId, {
        kind, severity: condition.severity, ruleId: rule.id,
        message: input.message ?? `${says}${input.subject ? ` (${input.subject})` : ''}.`,
        payload: { ...input.payload, count: recent.length, windowMinutes: condition.windowMinutes },
        dedupeKey: `rule:${rule.id}:${input.subject ?? ''}`,
      });
      if (alert) raised.push(alert);
    }
    return raised;
  }

  /** Raises an alert for the organization unless the same situation is already open. */
  async raise(orgId: string, input: RaiseAlertInput): Promise<Alert | null> {
    const ctx = systemContext(orgId);
    if (input.dedupeKey && (await this.store.alerts.findOpen(ctx, input.dedupeKey))) return null;
    const alert = await this.store.alerts.raise(ctx, { ruleId: input.ruleId ?? null, severity: input.severity, message: input.message, payload: input.payload ?? null, kind: input.kind, dedupeKey: input.dedupeKey ?? null });
    await this.store.audit.append(ctx, { action: 'alert.raised', target: alert.id, details: { kind: input.kind, severity: input.severity, message: input.message } });
    this.logger.warn('alert.raised', { orgId, kind: input.kind, severity: input.severity });
    return alert;
  }

  /** Threshold rules over metric_records (e.g. average answer latency over 15 minutes). */
  async evaluateThresholds(ctx: RequestContext): Promise<Alert[]> {
    const rules = (await this.store.alertRules.list(ctx, { enabledOnly: true })).filter((rule) => !isAlertEventKind(rule.metric));
    const raised: Alert[] = [];
    for (const rule of rules) {
      const alert = await this.evaluateThreshold(ctx, rule);
      if (alert) raised.push(alert);
    }
    return raised;
  }

  private async evaluateThreshold(ctx: RequestContext, rule: AlertRule): Promise<Alert | null> {
    const condition = conditionOf(rule);
    if (!condition.op || condition.threshold === undefined) return null;
    const since = new Date(this.now() - condition.windowMinutes * 60_000);
    const values = (await this.store.metrics.list(ctx, { name: rule.metric, since })).map((record) => record.value);
    const breach = thresholdBreached(values, condition);
    if (!breach) return null;
    return this.raise(ctx.orgId, {
      kind: 'metric.threshold', severity: condition.severity, ruleId: rule.id, dedupeKey: `rule:${rule.id}`,
      message: `${rule.name}: ${condition.aggregate} of ${rule.metric} over ${condition.windowMinutes} minutes is ${round(breach.value)} (${condition.op} ${condition.threshold}).`,
      payload: { metric: rule.metric, value: breach.value, threshold: condition.threshold, samples: values.length },
    });
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
