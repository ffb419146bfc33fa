/** Resilience around one provider, built from cockatiel policies: bulkhead → retry (transient
 *  errors only, exponential backoff with jitter) → circuit breaker → per-attempt timeout. */
import {
  BrokenCircuitError, BulkheadRejectedError, CircuitState, ConsecutiveBreaker, ExponentialBackoff, TaskCancelledError, TimeoutStrategy,
  bulkhead, circuitBreaker, handleWhen, retry, timeout, wrap, type IPolicy,
} from 'cockatiel';
import { LatencyWindow } from './latency';
import type { ResolvedProvider } from './providers/registry';
import { ProviderError, isTransient, type ChatRequest, type ChatResult, type LlmProvider, type StreamChunk } from './providers/types';

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface ResilienceOptions {
  /** Consecutive failures that open the breaker. */
  breakerThreshold: number;
  /** How long an open breaker waits before letting a trial call through. */
  breakerCooldownMs: number;
  retryInitialDelayMs: number;
  retryMaxDelayMs: number;
  /** Calls allowed to wait for a bulkhead slot. */
  bulkheadQueue: number;
}

export const DEFAULT_RESILIENCE: ResilienceOptions = {
  breakerThreshold: 5, breakerCooldownMs: 30_000, retryInitialDelayMs: 250, retryMaxDelayMs: 4_000, bulkheadQueue: 32,
};

const countsAsFailure = (error: Error) => error instanceof TaskCancelledError || isTransient(error);

export interface ProviderHealthSnapshot {
  status: 'healthy' | 'unhealthy' | 'unknown';
  breaker: BreakerState;
  lastCheckedAt: string | null;
  lastError: string | null;
  latencyMs: { p50: number | null; p95: number | null; count: number };
}

/** A provider behind its policies, with the health the router and the status call read. */
export class ResilientProvider {
  readonly latency = new LatencyWindow();
  private readonly breaker;
  private readonly policy: IPolicy;
  /** Bulkhead and breaker for streams (no retry, no per-attempt timeout: the stream bounds itself). */
  private readonly streamGate: IPolicy;
  private openedAt = 0;
  private lastError: string | null = null;
  private lastCheckedAt: string | null = null;
  private status: ProviderHealthSnapshot['status'] = 'unknown';

  constructor(
    readonly provider: LlmProvider,
    readonly settings: ResolvedProvider,
    private readonly options: ResilienceOptions = DEFAULT_RESILIENCE,
  ) {
    this.breaker = circuitBreaker(handleWhen(countsAsFailure), {
      halfOpenAfter: options.breakerCooldownMs,
      breaker: new ConsecutiveBreaker(options.breakerThreshold),
    });
    this.breaker.onBreak(() => (this.openedAt = Date.now()));
    const retries = retry(handleWhen(countsAsFailure), {
      maxAttempts: settings.maxRetries,
      backoff: new ExponentialBackoff({ initialDelay: options.retryInitialDelayMs, maxDelay: options.retryMaxDelayMs }),
    });
    const slots = bulkhead(settings.maxConcurrent, options.bulkheadQueue);
    this.policy = wrap(slots, retries, this.breaker, timeout(settings.timeoutMs, TimeoutStrategy.Aggressive));
    this.streamGate = wrap(slots, this.breaker);
  }

  get id(): string {
    return this.provider.id;
  }

  /** Closed, open, or half-open (cool-down over: the next call is a trial). */
  get breakerState(): BreakerState {
    const state = this.breaker.state;
    if (state === CircuitState.HalfOpen) return 'half-open';
    if (state === CircuitState.Open || state === CircuitState.Isolated) {
      return Date.now() - this.openedAt >= this.options.breakerCooldownMs ? 'half-open' : 'open';
    }
    return 'closed';
  }

  /** Worth trying now: breaker not open and the last health check did not fail. */
  get available(): boolean {
    return this.breakerState !== 'open' && this.status !== 'unhealthy';
  }

  /** One chat call through the policies; `signal` is the caller's cancel. */
  async chat(request: Omit<ChatRequest, 'signal'>, signal?: AbortSignal): Promise<ChatResult> {
    const started = performance.now();
    try {
      const result = await this.policy.execute(({ signal: inner }) => this.provider.chat({ ...request, signal: inner }), signal);
      this.record(null, performance.now() - started);
      return result;
    } catch (error) {
      const failure = this.explain(error, signal);
      // A failed call counts against the breaker; only a failed health check marks the provider unhealthy.
      if (failure.failure !== 'cancelled') this.lastError = failure.message;
      throw failure;
    }
  }

  /** Streams text deltas (then the usage) through the bulkhead and breaker, without retries (a retry would repeat
   *  text already shown); the whole stream is bounded by the provider's timeout. */
  async *stream(request: Omit<ChatRequest, 'signal'>, signal?: AbortSignal): AsyncIterable<StreamChunk> {
    const started = performance.now();
    const bounded = AbortSignal.any([AbortSignal.timeout(this.settings.timeoutMs), ...(signal ? [signal] : [])]);
    let iterator: AsyncIterator<StreamChunk> | undefined;
    try {
      // The request is sent and the first chunk read inside the gate: a failing provider counts against the breaker.
      const opened = await this.streamGate.execute(async () => {
        const it = this.provider.stream({ ...request, signal: bounded })[Symbol.asyncIterator]();
        iterator = it;
        return { it, first: await it.next() };
      }, signal);
      for (let next = opened.first; ; next = await opened.it.next()) {
        if (next.done) break;
        if (next.value.type === 'done' || next.value.text) yield next.value;
        if (next.value.type === 'done') break;
      }
      this.record(null, performance.now() - started);
    } catch (error) {
      const failure = bounded.aborted && !signal?.aborted ? new ProviderError('timeout', `No answer within ${this.settings.timeoutMs} ms.`, this.provider.id) : this.explain(error, signal);
      if (failure.failure !== 'cancelled') this.lastError = failure.message;
      throw failure;
    } finally {
      await iterator?.return?.();
    }
  }

  /** Background health check: a minimal request outside the retry policy, through the breaker. */
  async check(): Promise<void> {
    const started = performance.now();
    try {
      await this.breaker.execute(({ signal }) => timeout(this.settings.timeoutMs, TimeoutStrategy.Aggressive).execute(({ signal: inner }) => this.provider.ping(inner), signal));
      this.record(null, performance.now() - started);
    } catch (error) {
      this.record(this.explain(error).message, null);
    }
  }

  snapshot(): ProviderHealthSnapshot {
    return { status: this.status, breaker: this.breakerState, lastCheckedAt: this.lastCheckedAt, lastError: this.lastError, latencyMs: this.latency.summary() };
  }

  private record(error: string | null, latencyMs: number | null): void {
    this.lastCheckedAt = new Date().toISOString();
    this.lastError = error;
    this.status = error ? 'unhealthy' : 'healthy';
    if (latencyMs !== null) this.latency.add(latencyMs);
  }

  private explain(error: unknown, signal?: AbortSignal): ProviderError {
    const id = this.provider.id;
    if (signal?.aborted) return new ProviderError('cancelled', 'The request was cancelled.', id);
    if (error instanceof ProviderError) return error;
    if (error instanceof TaskCancelledError) return new ProviderError('timeout', `No answer within ${this.settings.timeoutMs} ms.`, id);
    if (error instanceof BrokenCircuitError) return new ProviderError('server', 'The provider failed repeatedly; calls are paused for a while (circuit open).', id);
    if (error instanceof BulkheadRejectedError) return new ProviderError('rate-limited', 'Too many requests are waiting for this provider.', id);
    return new ProviderError('network', error instanceof Error ? error.message : String(error), id);
  }
}
