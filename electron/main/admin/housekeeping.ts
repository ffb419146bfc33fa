import { randomUUID } from 'node:crypto';
import { systemContext } from '../../../shared/types/auth';
import type { Logger } from '../logging';
import type { Store } from '../store';
import { NEAR_LIMIT_SHARE, USAGE_LIMITS, USAGE_LIMIT_KEYS } from '../../../shared/types/tenant';
import type { AlertCenter } from './alerts/alertCenter';
import { settingsView } from './orgSettings';
import type { UsageMeter } from './usage';

export interface HousekeepingHooks {
  /** Providers whose circuit breaker is open, per organization (alerts). */
  openBreakers?: (orgId: string) => Array<{ id: string; name: string }>;
  /** Verifies an organization's audit chain (alerts when it fails). */
  verifyAudit?: (orgId: string) => Promise<{ ok: boolean; reason?: string; brokenAtSeq?: number | null }>;
}

export interface HousekeepingResult {
  sessionsPurged: number;
  metricsPurged: number;
  alertsRaised: number;
}

const MINUTE = 60_000;

/** The scheduled jobs; each runs at most once per interval across every instance over one store. */
export type HousekeepingJob = 'purge' | 'alerts' | 'audit';

const DEFAULT_INTERVALS: Record<HousekeepingJob, number> = { purge: 60 * MINUTE, alerts: MINUTE, audit: 60 * MINUTE };

/** A sign-in counter window outlives its minute by this much before housekeeping drops it. */
const RATE_WINDOW_RETENTION_MS = 60 * MINUTE;

/** Scheduled store housekeeping and alert evaluation: expired sessions purged, metric retention
 *  applied, threshold rules, open breakers and the audit chain checked, for every organization. */
export class Housekeeping {
  private timers: NodeJS.Timeout[] = [];
  /** This instance's name on job leases. */
  private readonly leaseHolder = `housekeeping-${randomUUID()}`;

  constructor(
    private readonly store: Store,
    private readonly alerts: AlertCenter,
    private readonly logger: Logger,
    private readonly usage: UsageMeter,
    private readonly hooks: HousekeepingHooks = {},
    private readonly now: () => number = Date.now,
  ) {}

  start(intervals: { housekeepingMs?: number; alertsMs?: number; auditMs?: number } = {}): void {
    this.stop();
    const every = (job: HousekeepingJob, ms: number) => {
      const timer = setInterval(() => void this.runScheduled(job, ms).catch((error: unknown) => this.logger.error('housekeeping.failed', { job, error })), ms);
      timer.unref();
      this.timers.push(timer);
    };
    every('purge', intervals.housekeepingMs ?? DEFAULT_INTERVALS.purge);
    every('alerts', intervals.alertsMs ?? DEFAULT_INTERVALS.alerts);
    every('audit', intervals.auditMs ?? DEFAULT_INTERVALS.audit);
  }

  /** Runs `job` if this instance gets its lease. The lease is kept (not released) for most of the
   *  interval, so another instance whose timer fires later in the same interval does not run it
   *  again; if this instance dies the lease expires and another one takes over. Returns whether it ran. */
  async runScheduled(job: HousekeepingJob, intervalMs = DEFAULT_INTERVALS[job]): Promise<boolean> {
    const leaseMs = Math.max(1, Math.floor(intervalMs * 0.9));
    if (!(await this.store.leases.acquire(`housekeeping:${job}`, this.leaseHolder, leaseMs))) return false;
    if (job === 'purge') await this.purge();
    else if (job === 'alerts') await this.evaluateAlerts();
    else await this.verifyAuditChains();
    return true;
  }

  stop(): void {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
  }

  /** Expired sessions and metric records older than each organization's retention. */
  async purge(): Promise<Pick<HousekeepingResult, 'sessionsPurged' | 'metricsPurged'>> {
    let sessionsPurged = 0;
    let metricsPurged = 0;
    for (const org of await this.store.organizations.unscopedList()) {
      const ctx = systemContext(org.id);
      sessionsPurged += await this.store.sessions.deleteExpired(ctx, new Date(this.now()));
      const days = settingsView(org).metricRetentionDays;
      metricsPurged += await this.store.metrics.deleteOlderThan(ctx, new Date(this.now() - days * 86_400_000));
    }
    await this.store.rateCounters.purgeOlderThan(RATE_WINDOW_RETENTION_MS);
    await this.store.querySlots.purgeExpired();
    if (sessionsPurged || metricsPurged) this.logger.info('housekeeping.purged', { sessionsPurged, metricsPurged });
    return { sessionsPurged, metricsPurged };
  }

  async evaluateAlerts(): Promise<number> {
    let raised = 0;
    for (const org of await this.store.organizations.unscopedList()) {
      if (org.status !== 'active') continue;
      const ctx = systemContext(org.id);
      raised += (await this.alerts.evaluateThresholds(ctx)).length;
      // Limits charged outside admission (model tokens) are checked here.
      for (const limit of USAGE_LIMIT_KEYS) {
        const max = org.settings.usageLimits?.[limit];
        if (typeof max !== 'number' || USAGE_LIMITS[limit].period === 'now' || max <= 0) continue;
        const used = await this.usage.used(ctx, limit);
        if (used < max * NEAR_LIMIT_SHARE) continue;
        raised += (await this.alerts.emit(org.id, 'usage.near_limit', { subject: limit, message: `Usage of ${limit} is at ${Math.round(used)} of ${max} (${Math.round((used / max) * 100)}%).`, payload: { limit, used, max } })).length;
      }
      for (const provider of this.hooks.openBreakers?.(org.id) ?? []) {
        raised += (await this.alerts.emit(org.id, 'ai.breaker_open', { subject: provider.name, message: `The language-model provider ${provider.name} is unavailable (circuit breaker open); the built-in engine answers meanwhile.`, payload: { providerId: provider.id } })).length;
      }
    }
    return raised;
  }

  async verifyAuditChains(): Promise<number> {
    if (!this.hooks.verifyAudit) return 0;
    let raised = 0;
    for (const org of await this.store.organizations.unscopedList()) raised += (await this.reportAuditVerdict(org.id, await this.hooks.verifyAudit(org.id))).length;
    return raised;
  }

  async reportAuditVerdict(orgId: string, verdict: { ok: boolean; reason?: string; brokenAtSeq?: number | null }) {
    if (verdict.ok) return [];
    return this.alerts.emit(orgId, 'audit.chain_broken', { message: `The audit trail failed verification: ${verdict.reason ?? 'unknown reason'}`, payload: { brokenAtSeq: verdict.brokenAtSeq ?? null } });
  }
}
