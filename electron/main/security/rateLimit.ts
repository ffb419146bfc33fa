import { createHash } from 'node:crypto';

/** Fixed-window attempt counters, used to slow down password guessing in server mode. */

export class RateLimitError extends Error {
  override name = 'RateLimitError';
  readonly hint: string;
  constructor(readonly retryAfterSeconds: number) {
    super('Too many sign-in attempts. Please wait before trying again.');
    this.hint = `Try again in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}.`;
  }
}

export interface RateLimit {
  /** Attempts allowed per window. */
  max: number;
  windowMs: number;
}

export interface CountedWindow {
  /** Hits in the current window, including this one. */
  hits: number;
  windowStartedAt: number;
}

/** Where hits are counted: in this process, or in the store so every instance over it shares one count. */
export interface HitCounter {
  hit(bucket: string, windowMs: number): Promise<CountedWindow>;
}

/** Counts in this process (desktop mode, or a server without a shared store); memory is bounded by pruning expired windows. */
export class MemoryHitCounter implements HitCounter {
  private readonly windows = new Map<string, CountedWindow>();

  constructor(private readonly now: () => number = Date.now) {}

  async hit(bucket: string, windowMs: number): Promise<CountedWindow> {
    const now = this.now();
    if (this.windows.size > 10_000) this.prune(now, windowMs);
    const current = this.windows.get(bucket);
    const window = current && now - current.windowStartedAt < windowMs ? current : { windowStartedAt: now, hits: 0 };
    window.hits += 1;
    this.windows.set(bucket, window);
    return { ...window };
  }

  private prune(now: number, windowMs: number): void {
    for (const [bucket, window] of this.windows) if (now - window.windowStartedAt >= windowMs) this.windows.delete(bucket);
  }
}

export interface SignInLimits {
  perIp: RateLimit;
  perAccount: RateLimit;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {
  perIp: { max: 20, windowMs: 60_000 },
  perAccount: { max: 10, windowMs: 60_000 },
};

/** E-mail addresses are hashed so the shared counter table holds no personal data. */
function accountBucket(email: string): string {
  return `signin:account:${createHash('sha256').update(email).digest('hex')}`;
}

/** Sign-in throttle per client address and per account e-mail; both must be under limit. */
export class SignInRateLimiter {
  constructor(
    private readonly limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS,
    private readonly counter: HitCounter = new MemoryHitCounter(),
    private readonly now: () => number = Date.now,
  ) {}

  /** Throws RateLimitError (→ 429 RATE_LIMITED) when this address or account tried too often. */
  async check(ip: string | undefined, email: unknown): Promise<void> {
    const ipWait = await this.hit(`signin:ip:${ip ?? 'unknown'}`, this.limits.perIp);
    const account = typeof email === 'string' ? email.trim().toLowerCase() : '';
    const accountWait = account ? await this.hit(accountBucket(account), this.limits.perAccount) : 0;
    const wait = Math.max(ipWait, accountWait);
    if (wait > 0) throw new RateLimitError(wait);
  }

  /** Seconds to wait when the bucket is over its limit, else 0. */
  private async hit(bucket: string, limit: RateLimit): Promise<number> {
    const window = await this.counter.hit(bucket, limit.windowMs);
    if (window.hits <= limit.max) return 0;
    return Math.max(1, Math.ceil((window.windowStartedAt + limit.windowMs - this.now()) / 1000));
  }
}
