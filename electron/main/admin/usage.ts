import type { RequestContext } from '../../../shared/types/auth';
import { USAGE_LIMITS, USAGE_LIMIT_KEYS, type UsageLimit } from '../../../shared/types/tenant';
import type { QuerySlot, Store } from '../store';

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

/** How long a running query's slot lasts unless renewed: an instance that dies mid-query stops
 *  counting against its organization's limit after this. Held slots are renewed well before. */
export const QUERY_SLOT_TTL_MS = 60_000;

/** How long a query without a concurrency limit runs before its slot is written to the store. */
export const UNLIMITED_SLOT_DELAY_MS = 1_000;

/** Consumption against each limit: counted limits from metric_records, concurrent queries from
 *  the slots held in the store by every instance sharing it. */
export class UsageMeter {
  /** Slot releases still being written: this instance's next count waits for them. */
  private readonly releasing = new Set<Promise<void>>();
  /** Charges still being written: this instance's next count waits for them. */
  private readonly charging = new Set<Promise<void>>();
  /** Per organization, this instance's unlimited queries whose slot is not in the store yet:
   *  each entry writes it now. */
  private readonly deferred = new Map<string, Set<() => Promise<unknown>>>();

  constructor(
    private readonly store: Store,
    private readonly now: () => Date = () => new Date(),
    private readonly slotTtlMs = QUERY_SLOT_TTL_MS,
    private readonly unlimitedSlotDelayMs = UNLIMITED_SLOT_DELAY_MS,
  ) {}

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
    await Promise.all([...this.charging]);
    const metric = USAGE_LIMITS[limit].metric;
    const since = this.periodStart(limit);
    if (!metric || !since) {
      await this.settled();
      return (await this.store.querySlots.count(ctx.orgId)) + (this.deferred.get(ctx.orgId)?.size ?? 0);
    }
    return this.store.metrics.sumSince(ctx, metric, since);
  }

  async charge(ctx: RequestContext, limit: UsageLimit, amount = 1, tags: Record<string, string> = {}): Promise<void> {
    const metric = USAGE_LIMITS[limit].metric;
    // Group-committed with other requests' writes (one sync for a burst of calls).
    if (!metric) return;
    const written = this.store.groupCommit.run((transaction) => this.store.metrics.recordMany(ctx, [{ name: metric, value: amount, tags: { userId: ctx.userId, ...tags } }], transaction));
    track(this.charging, written);
    await written;
  }

  /** Charges a call without making it wait for the write (for limits the organization has not
   *  set: nothing to refuse yet). Counting waits for it; a failed write is reported to `onError`. */
  chargeInBackground(ctx: RequestContext, limit: UsageLimit, onError: (error: unknown) => void): void {
    this.charge(ctx, limit).catch(onError);
  }

  /** Holds one running query for the organization until the returned release is called, or
   *  returns null when `max` queries already run across all instances (null max: no limit).
   *  Release resolves once the slot is free in the store (callers may leave it unawaited). */
  async hold(orgId: string, max: number | null = null): Promise<(() => Promise<void>) | null> {
    if (max === null) return this.holdUnlimited(orgId);
    // Queries this instance started without a limit count too: their slots are written first.
    await Promise.all([...(this.deferred.get(orgId) ?? [])].map((writeNow) => writeNow()));
    await this.settled();
    const slot = await this.store.querySlots.acquire(orgId, max, this.slotTtlMs);
    return slot ? this.releaser(slot) : null;
  }

  /** Without a limit a slot only counts running queries: most finish (or are answered from a
   *  cache) within a moment, so the slot is written to the store only if the query is still
   *  running after `unlimitedSlotDelayMs` (or a limit is asked for meanwhile), and until then
   *  this instance counts it itself. */
  private async holdUnlimited(orgId: string): Promise<() => Promise<void>> {
    const deferred = this.deferred.get(orgId) ?? new Set<() => Promise<unknown>>();
    this.deferred.set(orgId, deferred);
    const settle = () => {
      deferred.delete(writeNow);
      if (!deferred.size && this.deferred.get(orgId) === deferred) this.deferred.delete(orgId);
    };
    let written: Promise<(() => Promise<void>) | null> | null = null;
    const writeNow = (): Promise<unknown> => {
      if (!written) {
        clearTimeout(timer);
        written = this.store.groupCommit.run((transaction) => this.store.querySlots.acquire(orgId, null, this.slotTtlMs, transaction))
          .then((slot) => (slot ? this.releaser(slot) : null), () => null)
          .finally(settle);
      }
      return written;
    };
    const timer = setTimeout(writeNow, this.unlimitedSlotDelayMs);
    timer.unref();
    deferred.add(writeNow);
    let released: Promise<void> | null = null;
    return () => {
      if (released) return released;
      clearTimeout(timer);
      const pending = written;
      if (!pending) settle();
      released = pending ? pending.then((release) => release?.()) : Promise.resolve();
      return released;
    };
  }

  /** Renews a slot written to the store until the returned release frees it. */
  private releaser(slot: QuerySlot): () => Promise<void> {
    const renewal = setInterval(() => void this.store.querySlots.renew(slot, this.slotTtlMs).catch(() => undefined), Math.max(1, Math.floor(this.slotTtlMs / 3)));
    renewal.unref();
    let write: Promise<void> | null = null;
    return () => {
      if (write) return write;
      clearInterval(renewal);
      write = track(this.releasing, this.store.groupCommit.run((transaction) => this.store.querySlots.release(slot, transaction)));
      return write;
    };
  }

  private async settled(): Promise<void> {
    await Promise.all([...this.releasing]);
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

/** Keeps a write in `pending` until it settles (counts wait for them); the returned promise
 *  settles with it and never rejects. */
function track(pending: Set<Promise<void>>, write: Promise<unknown>): Promise<void> {
  const settled: Promise<void> = write.then(() => undefined, () => undefined).finally(() => pending.delete(settled));
  pending.add(settled);
  return settled;
}
