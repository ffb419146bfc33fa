import client from 'prom-client';

/** Prometheus metrics of this process. One registry per process (like prom-client's default):
 *  counters are recorded where the work happens and read by `/metrics`. Organization ids (never
 *  names) label per-tenant series, so a scrape scoped to one organization can drop the others. */

export const ORG_LABEL = 'org';

const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry, prefix: 'aiser_' });

const durationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export const metrics = {
  registry,
  httpRequests: new client.Counter({ name: 'aiser_http_requests_total', help: 'API calls served over HTTP, by call and status.', labelNames: ['call', 'status'], registers: [registry] }),
  httpDuration: new client.Histogram({ name: 'aiser_http_request_duration_seconds', help: 'Time to answer an API call over HTTP.', labelNames: ['call'], buckets: durationBuckets, registers: [registry] }),
  answers: new client.Counter({ name: 'aiser_answers_total', help: 'Questions answered, by route (offline, llm, cache) and outcome.', labelNames: [ORG_LABEL, 'route', 'outcome'], registers: [registry] }),
  answerDuration: new client.Histogram({ name: 'aiser_answer_duration_seconds', help: 'Time to answer a question.', labelNames: ['route'], buckets: durationBuckets, registers: [registry] }),
  providerCalls: new client.Counter({ name: 'aiser_provider_calls_total', help: 'Language-model calls, by provider and result.', labelNames: [ORG_LABEL, 'provider', 'result'], registers: [registry] }),
  tokens: new client.Counter({ name: 'aiser_llm_tokens_total', help: 'Language-model tokens used.', labelNames: [ORG_LABEL], registers: [registry] }),
  cache: new client.Counter({ name: 'aiser_answer_cache_total', help: 'Answer-cache lookups, by result (hit, miss).', labelNames: ['result'], registers: [registry] }),
  queries: new client.Counter({ name: 'aiser_source_queries_total', help: 'Guarded source queries, by outcome.', labelNames: [ORG_LABEL, 'outcome'], registers: [registry] }),
  queryDuration: new client.Histogram({ name: 'aiser_source_query_duration_seconds', help: 'Time a guarded source query took.', buckets: durationBuckets, registers: [registry] }),
  activeCalls: new client.Gauge({ name: 'aiser_active_calls', help: 'API calls in progress (the request queue).', registers: [registry] }),
  breakerOpen: new client.Gauge({
    name: 'aiser_provider_breaker_open', help: '1 while a provider’s circuit breaker is open.', labelNames: [ORG_LABEL, 'provider'], registers: [registry],
    collect() {
      this.reset();
      for (const source of breakerSources) for (const b of source()) this.set({ org: b.orgId, provider: b.providerId }, b.open ? 1 : 0);
    },
  }),
};

export interface BreakerReading {
  orgId: string;
  providerId: string;
  open: boolean;
}

const breakerSources = new Set<() => BreakerReading[]>();

/** Registers where breaker states are read at scrape time; returns the unregister function. */
export function observeBreakers(source: () => BreakerReading[]): () => void {
  breakerSources.add(source);
  return () => breakerSources.delete(source);
}

/** Seconds since `startedAt` (performance.now() milliseconds). */
export function secondsSince(startedAt: number): number {
  return (performance.now() - startedAt) / 1000;
}
