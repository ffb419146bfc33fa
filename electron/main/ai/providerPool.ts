/** The live, resilient providers of each organization, rebuilt when their settings change, and
 *  the background health checks that let the router skip unhealthy ones. */
import { createHash } from 'node:crypto';
import type { RequestContext } from '../../../shared/types/auth';
import type { BreakerReading } from '../observability/metrics';
import type { ProviderConfigs } from './providers/providerConfigs';
import { createProvider, type ResolvedProvider } from './providers/registry';
import type { LlmProvider } from './providers/types';
import { DEFAULT_RESILIENCE, ResilientProvider, type ProviderHealthSnapshot, type ResilienceOptions } from './resilience';

interface PoolEntry {
  fingerprint: string;
  provider: ResilientProvider;
}

export class ProviderPool {
  private readonly byOrg = new Map<string, Map<string, PoolEntry>>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly configs: ProviderConfigs,
    private readonly resilience: ResilienceOptions = DEFAULT_RESILIENCE,
    private readonly create: (settings: ResolvedProvider) => LlmProvider = createProvider,
    private readonly admit: (settings: ResolvedProvider) => boolean = () => true,
  ) {}

  /** The organization's enabled providers in fallback order. */
  async forOrg(ctx: RequestContext): Promise<ResilientProvider[]> {
    const resolved = (await this.configs.resolved(ctx)).filter(this.admit);
    const previous = this.byOrg.get(ctx.orgId) ?? new Map<string, PoolEntry>();
    const next = new Map<string, PoolEntry>();
    for (const settings of resolved) {
      const fingerprint = createHash('sha256').update(JSON.stringify(settings)).digest('hex');
      const kept = previous.get(settings.id);
      next.set(settings.id, kept?.fingerprint === fingerprint ? kept : { fingerprint, provider: new ResilientProvider(this.create(settings), settings, this.resilience) });
    }
    this.byOrg.set(ctx.orgId, next);
    return [...next.values()].map((e) => e.provider);
  }

  /** Already-built provider of an organization (for status), if any. */
  known(orgId: string, providerId: string): ResilientProvider | undefined {
    return this.byOrg.get(orgId)?.get(providerId)?.provider;
  }

  /** Breaker state of every provider built so far (for /metrics). */
  breakerReadings(): BreakerReading[] {
    return [...this.byOrg.entries()].flatMap(([orgId, entries]) =>
      [...entries.entries()].map(([providerId, entry]) => ({ orgId, providerId, open: entry.provider.breakerState === 'open' })));
  }

  /** Health and breaker of every provider built so far (published for `aiser status`). */
  snapshots(): Array<{ orgId: string; providerId: string; health: ProviderHealthSnapshot }> {
    return [...this.byOrg.entries()].flatMap(([orgId, entries]) =>
      [...entries.entries()].map(([providerId, entry]) => ({ orgId, providerId, health: entry.provider.snapshot() })));
  }

  /** The organization's providers whose circuit breaker is open (alerts). */
  openBreakers(orgId: string): Array<{ id: string; name: string }> {
    return [...(this.byOrg.get(orgId)?.values() ?? [])]
      .filter((e) => e.provider.snapshot().breaker === 'open')
      .map((e) => ({ id: e.provider.settings.id, name: e.provider.settings.name }));
  }

  /** Pings every known provider once; failures mark them unhealthy, successes healthy again. */
  async checkAll(): Promise<void> {
    const all = [...this.byOrg.values()].flatMap((entries) => [...entries.values()].map((e) => e.provider));
    await Promise.all(all.map((p) => p.check()));
  }

  /** Runs checkAll every `intervalMs` in the background (does not keep the process alive). */
  startHealthChecks(intervalMs: number): void {
    this.stopHealthChecks();
    this.timer = setInterval(() => void this.checkAll(), intervalMs);
    this.timer.unref();
  }

  stopHealthChecks(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
