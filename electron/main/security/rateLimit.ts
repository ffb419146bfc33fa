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

interface Window {
  startedAt: number;
  count: number;
}

/** Counts attempts per key in fixed windows; memory is bounded by pruning expired windows. */
export class AttemptCounter {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly limit: RateLimit, private readonly now: () => number = Date.now) {}

  /** Records one attempt; returns the seconds to wait when the key is over its limit, else 0. */
  hit(key: string): number {
    const now = this.now();
    if (this.windows.size > 10_000) this.prune(now);
    const current = this.windows.get(key);
    const window = current && now - current.startedAt < this.limit.windowMs ? current : { startedAt: now, count: 0 };
    window.count += 1;
    this.windows.set(key, window);
    if (window.count <= this.limit.max) return 0;
    return Math.max(1, Math.ceil((window.startedAt + this.limit.windowMs - now) / 1000));
  }

  private prune(now: number): void {
    for (const [key, window] of this.windows) if (now - window.startedAt >= this.limit.windowMs) this.windows.delete(key);
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

/** Sign-in throttle per client address and per account e-mail; both must be under limit. */
export class SignInRateLimiter {
  private readonly byIp: AttemptCounter;
  private readonly byAccount: AttemptCounter;

  constructor(limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS, now: () => number = Date.now) {
    this.byIp = new AttemptCounter(limits.perIp, now);
    this.byAccount = new AttemptCounter(limits.perAccount, now);
  }

  /** Throws RateLimitError (→ 429 RATE_LIMITED) when this address or account tried too often. */
  check(ip: string | undefined, email: unknown): void {
    const ipWait = this.byIp.hit(`ip:${ip ?? 'unknown'}`);
    const account = typeof email === 'string' ? email.trim().toLowerCase() : '';
    const accountWait = account ? this.byAccount.hit(`account:${account}`) : 0;
    const wait = Math.max(ipWait, accountWait);
    if (wait > 0) throw new RateLimitError(wait);
  }
}
