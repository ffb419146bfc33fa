import type { RequestContext } from '../../../shared/types/auth';
import { USAGE_LIMITS, USAGE_LIMIT_KEYS, type UsageLimit } from '../../../shared/types/tenant';
import type { Store } from '../store';

export interface UsageLine {
  limit: UsageLimit;
  label: string;
  unit: string;
  period: string;
  used: number;
  /** null: no limit set. */
  max: number | null;
  /** When the period restarts (null for `now`). */
  resetsAt: string | null;
}

/** Consumption against each limit: counted limits from metric_records, concurrent queries from
 *  the calls running in this process. */
export class UsageMeter {
  private readonly running = new Map<string, number>();

  constructor(private readonly store: Store, private readonly now: () => Date = () => new Date()) {}

  periodStart(limit: UsageLimit): Date | null {
    const now = this.now();
    const period = USAGE_LIMITS[limit].period;
    if (period === 'day') return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    if (period === 'month') return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
    return null;
  }

  periodEnd(limit: UsageLimit): Date | null {
    const start = this.periodStart(limit);
    if (!start) return null;
    return USAGE_LIMITS[limit].period === 'day'
      ? new Date(start.getTime() + 86_400_000)
      : new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
  }

  async used(ctx: RequestContext, limit: UsageLimit): Promise<number> {
    const metric = USAGE_LIMITS[limit].metric;
    const since = this.periodStart(limit);
    if (!metric || !since) return this.running.get(ctx.orgId) ?? 0;
    return this.store.metrics.sumSince(ctx, metric, since);
  }

  async charge(ctx: RequestContext, limit: UsageLimit, amount = 1, tags: Record<string, string> = {}): Promise<void> {
    const metric = USAGE_LIMITS[limit].metric;
    if (metric) await this.store.metrics.record(ctx, { name: metric, value: amount, tags: { userId: ctx.userId, ...tags } });
  }

  /** Holds one running query for the organization until the returned release is called. */
  hold(orgId: string): () => void {
    this.running.set(orgId, (this.running.get(orgId) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.running.get(orgId) ?? 1) - 1;
      if (left > 0) this.running.set(orgId, left);
      else this.running.delete(orgId);
    };
  }

  async report(ctx: RequestContext, limits: Record<string, number>): Promise<UsageLine[]> {
    return Promise.all(USAGE_LIMIT_KEYS.map(async (limit) => {
      const facts = USAGE_LIMITS[limit];
      const max = limits[limit];
      return {
        limit, label: facts.label, unit: facts.unit, period: facts.period,
        used: Math.round((await this.used(ctx, limit)) * 100) / 100,
        max: typeof max === 'number' ? max : null,
        resetsAt: this.periodEnd(limit)?.toISOString() ?? null,
      };
    }));
  }
}
