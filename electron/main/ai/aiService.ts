/** The AI facade the API talks to: provider settings and "test connection", health and status,
 *  and the shared router, cache and telemetry the chat pipeline uses. */
import { randomUUID } from 'node:crypto';
import { providerInputSchema, type AiStatus, type ProviderInput, type ProviderView } from '../../../shared/api/domains/ai';
import type { RequestContext } from '../../../shared/types/auth';
import type { Logger } from '../logging';
import type { SecretBox } from '../security/secrets';
import type { Store } from '../store';
import { AnswerCache, DEFAULT_CACHE_OPTIONS, type AnswerCacheOptions } from './answerCache';
import type { OfflineEngine } from './offlineEngine';
import { observeBreakers } from '../observability/metrics';
import { ProviderPool } from './providerPool';
import { ProviderConfigs } from './providers/providerConfigs';
import { createProvider, type ResolvedProvider } from './providers/registry';
import type { LlmProvider } from './providers/types';
import { DEFAULT_RESILIENCE, ResilientProvider, type ProviderHealthSnapshot, type ResilienceOptions } from './resilience';
import { SqlRouter } from './sqlRouter';
import { AiTelemetry } from './telemetry';

export interface AiServiceOptions {
  resilience?: Partial<ResilienceOptions>;
  cache?: Partial<AnswerCacheOptions>;
  /** Time the whole model fallback chain may take before the offline engine answers. */
  modelBudgetMs?: number;
  /** Background health-check period; 0 turns the checks off. */
  healthIntervalMs?: number;
  /** Builds the HTTP client for a provider (tests may wrap it). */
  createProvider?: (settings: ResolvedProvider) => LlmProvider;
  /** Whether a saved provider may be used on this machine (machine policy); all when omitted. */
  admitProvider?: (settings: ResolvedProvider) => boolean;
}

const UNKNOWN_HEALTH: ProviderHealthSnapshot = { status: 'unknown', breaker: 'closed', lastCheckedAt: null, lastError: null, latencyMs: { p50: null, p95: null, count: 0 } };

export class AiService {
  readonly configs: ProviderConfigs;
  readonly pool: ProviderPool;
  private readonly stopObservingBreakers: () => void;
  readonly router: SqlRouter;
  readonly cache: AnswerCache;
  readonly telemetry: AiTelemetry;
  private readonly resilience: ResilienceOptions;
  private readonly create: (settings: ResolvedProvider) => LlmProvider;

  constructor(store: Store, secrets: SecretBox, logger: Logger, readonly offline: OfflineEngine, private readonly options: AiServiceOptions = {}) {
    this.resilience = { ...DEFAULT_RESILIENCE, ...options.resilience };
    this.create = options.createProvider ?? createProvider;
    this.configs = new ProviderConfigs(store, secrets);
    this.pool = new ProviderPool(this.configs, this.resilience, this.create, options.admitProvider);
    this.router = new SqlRouter(this.pool, offline, options.modelBudgetMs);
    this.stopObservingBreakers = observeBreakers(() => this.pool.breakerReadings());
    this.cache = new AnswerCache({ ...DEFAULT_CACHE_OPTIONS, ...options.cache });
    this.telemetry = new AiTelemetry(store, logger);
  }

  start(): void {
    const interval = this.options.healthIntervalMs ?? 60_000;
    if (interval > 0) this.pool.startHealthChecks(interval);
  }

  dispose(): void {
    this.stopObservingBreakers();
    this.pool.stopHealthChecks();
  }

  async listProviders(ctx: RequestContext): Promise<ProviderView[]> {
    await this.pool.forOrg(ctx);
    const providers = await this.configs.list(ctx);
    return providers.map((p) => ({ ...p, health: this.pool.known(ctx.orgId, p.id)?.snapshot() ?? UNKNOWN_HEALTH }));
  }

  async saveProvider(ctx: RequestContext, input: ProviderInput): Promise<ProviderView> {
    const saved = await this.configs.save(ctx, input);
    await this.pool.forOrg(ctx);
    return { ...saved, health: this.pool.known(ctx.orgId, saved.id)?.snapshot() ?? UNKNOWN_HEALTH };
  }

  async removeProvider(ctx: RequestContext, id: string): Promise<void> {
    await this.configs.remove(ctx, id);
    await this.pool.forOrg(ctx);
  }

  /** "Test connection": one tiny request, no retries, with the provider's timeout. */
  async testProvider(ctx: RequestContext, input: { id: string } | ProviderInput): Promise<{ ok: boolean; latencyMs: number; model: string; message: string }> {
    const settings = 'kind' in input ? await this.unsavedSettings(ctx, input) : await this.configs.resolvedById(ctx, input.id);
    const probe = new ResilientProvider(this.create(settings), { ...settings, maxRetries: 0 }, this.resilience);
    const started = performance.now();
    await probe.check();
    const latencyMs = Math.round(performance.now() - started);
    const health = probe.snapshot();
    const ok = health.status === 'healthy';
    return { ok, latencyMs, model: settings.model, message: ok ? `Connected to ${settings.name} (${settings.model}) in ${latencyMs} ms.` : explainTestFailure(health.lastError) };
  }

  async checkHealth(ctx: RequestContext): Promise<AiStatus> {
    const providers = await this.pool.forOrg(ctx);
    await Promise.all(providers.map((p) => p.check()));
    return this.status(ctx);
  }

  async status(ctx: RequestContext): Promise<AiStatus> {
    const views = await this.listProviders(ctx);
    return {
      providers: views.map((v) => ({ id: v.id, name: v.name, kind: v.kind, model: v.model, enabled: v.enabled, health: v.health })),
      builtin: { available: true, latencyMs: this.telemetry.offlineLatencyOf(ctx.orgId).summary() },
      cache: this.cache.statsOf(ctx.orgId),
      routes: this.telemetry.routesOf(ctx.orgId),
    };
  }

  private async unsavedSettings(ctx: RequestContext, input: ProviderInput): Promise<ResolvedProvider> {
    const parsed = providerInputSchema.parse(input);
    // Testing an edited provider without retyping its key: reuse the stored one.
    const storedKey = parsed.id && parsed.apiKey === undefined ? await this.configs.keyForEndpoint(ctx, parsed.id, parsed.endpoint) : undefined;
    return { ...parsed, id: parsed.id ?? `test-${randomUUID()}`, apiKey: parsed.apiKey || storedKey };
  }
}

function explainTestFailure(error: string | null): string {
  const detail = error ?? 'no answer';
  if (/HTTP 401|HTTP 403/.test(detail)) return `The provider refused the API key (${detail.slice(0, 120)}). Check the key and its permissions.`;
  if (/HTTP 404/.test(detail)) return `The endpoint or model was not found (${detail.slice(0, 120)}). Check the URL and the model name.`;
  if (/No answer within/.test(detail)) return `${detail} Check that the server is running, or raise the timeout.`;
  return `Could not connect: ${detail.slice(0, 200)}. Check the endpoint URL and that the server is running.`;
}
