/** Per-answer metrics (→ metric_records) and the audit event every AI operation writes, plus the
 *  in-memory counters `ai/status` reports. */
import type { RequestContext } from '../../../shared/types/auth';
import type { Logger } from '../logging';
import type { JsonObject, NewMetricRecord, Store, StoreTransaction } from '../store';
import { metrics } from '../observability/metrics';
import { LatencyWindow } from './latency';
import type { LlmCall } from './sqlRouter';

export type AnswerRoute = 'offline' | 'llm' | 'cache' | 'none';

export interface AnswerRecord {
  sourceId: string;
  route: AnswerRoute;
  providerId?: string;
  outcome: 'answer' | 'clarification' | 'refusal' | 'error' | 'cancelled';
  latencyMs: number;
  cached: boolean;
  confidence: number;
  sqlHash?: string;
  repairs: number;
  calls: LlmCall[];
  errorCode?: string;
  /** Why a language model was asked (complexity, low offline confidence, or the person's choice). */
  routedBecause?: string[];
}

export class AiTelemetry {
  readonly answerLatency = new LatencyWindow();
  /** Built-in engine latency per organization (status pages show only the caller's own). */
  private readonly offlineLatencyByOrg = new Map<string, LatencyWindow>();
  /** Answers per route, per organization: `ai/status` shows only the caller's own. */
  private readonly routesByOrg = new Map<string, Record<string, number>>();

  constructor(private readonly store: Store, private readonly logger: Logger) {}

  /** Counts the answer, then commits its metrics in the store's group commit — in the same
   *  transaction as `alongside` (the chat turn's own writes), whose result it returns — and appends
   *  its audit event (group-committed too). Telemetry failures are logged; `alongside`'s are thrown. */
  async recordAnswer<T = undefined>(ctx: RequestContext, record: AnswerRecord, alongside?: (transaction: StoreTransaction) => Promise<T>): Promise<T | undefined> {
    this.answerLatency.add(record.latencyMs);
    if (record.route === 'offline') this.offlineLatencyOf(ctx.orgId).add(record.latencyMs);
    const routes = this.routesByOrg.get(ctx.orgId) ?? {};
    routes[record.route] = (routes[record.route] ?? 0) + 1;
    this.routesByOrg.set(ctx.orgId, routes);
    const inputTokens = sum(record.calls, (c) => c.usage.inputTokens);
    const outputTokens = sum(record.calls, (c) => c.usage.outputTokens);
    const costUsd = sum(record.calls, (c) => c.costUsd);
    const tags = { route: record.route, provider: record.providerId ?? 'builtin', outcome: record.outcome, cached: String(record.cached) };
    exportAnswerMetrics(ctx.orgId, record, inputTokens + outputTokens);
    const details: JsonObject = {
      route: record.route, provider: record.providerId ?? null, outcome: record.outcome, cached: record.cached, confidence: record.confidence,
      latencyMs: Math.round(record.latencyMs), sqlHash: record.sqlHash ?? null, repairs: record.repairs, inputTokens, outputTokens, costUsd,
      modelCalls: record.calls.map((c) => ({ provider: c.providerId, ok: c.ok, latencyMs: Math.round(c.latencyMs), error: c.error ?? null })),
      errorCode: record.errorCode ?? null,
      ...(record.routedBecause?.length ? { routedBecause: record.routedBecause } : {}),
    };
    const metrics: NewMetricRecord[] = [{ name: 'ai.answer.latency_ms', value: record.latencyMs, tags }];
    if (record.calls.length) metrics.push({ name: 'ai.tokens', value: inputTokens + outputTokens, tags }, { name: 'ai.cost_usd', value: costUsd, tags });
    const logged = (error: unknown) => this.logger.error('ai.telemetry_failed', { error });
    const audited = this.store.audit.append(ctx, { action: 'ai.answer', target: record.sourceId, details }).then(() => undefined, logged);
    const written = this.store.groupCommit.run(async (transaction) => {
      const result = alongside ? await alongside(transaction) : undefined;
      await this.store.metrics.recordMany(ctx, metrics, transaction);
      return result;
    });
    const [result] = await Promise.all([alongside ? written : written.catch((error: unknown) => { logged(error); return undefined; }), audited]);
    return result;
  }

  offlineLatencyOf(orgId: string): LatencyWindow {
    const window = this.offlineLatencyByOrg.get(orgId) ?? new LatencyWindow();
    this.offlineLatencyByOrg.set(orgId, window);
    return window;
  }

  routesOf(orgId: string): Record<string, number> {
    return { ...this.routesByOrg.get(orgId) };
  }

  /** SQL from a model that the guard refused: audited with the reason, never executed. */
  async recordRefusedSql(ctx: RequestContext, input: { sourceId: string; providerId?: string; sql: string; reason: string }): Promise<void> {
    await this.store.audit.append(ctx, {
      action: 'ai.sql_refused', target: input.sourceId,
      details: { provider: input.providerId ?? 'builtin', reason: input.reason, sql: input.sql.slice(0, 2000) },
    });
  }
}

function sum<T>(items: readonly T[], pick: (item: T) => number): number {
  return items.reduce((total, item) => total + pick(item), 0);
}

function exportAnswerMetrics(orgId: string, record: AnswerRecord, tokens: number): void {
  metrics.answers.inc({ org: orgId, route: record.route, outcome: record.outcome });
  metrics.answerDuration.observe({ route: record.route }, record.latencyMs / 1000);
  metrics.cache.inc({ result: record.cached ? 'hit' : 'miss' });
  for (const call of record.calls) metrics.providerCalls.inc({ org: orgId, provider: call.providerId, result: call.ok ? 'ok' : 'error' });
  if (tokens > 0) metrics.tokens.inc({ org: orgId }, tokens);
}
