import { describe, expect, it } from 'vitest';
import { MemoryHitCounter, RateLimitError, SignInRateLimiter } from './rateLimit';

describe('SignInRateLimiter', () => {
  it('limits per account and per address, with a retry hint, and resets after the window', async () => {
    let now = 0;
    const limiter = new SignInRateLimiter({ perIp: { max: 5, windowMs: 60_000 }, perAccount: { max: 2, windowMs: 60_000 } }, new MemoryHitCounter(() => now), () => now);
    await limiter.check('10.0.0.1', 'Ana@Acme.com');
    await limiter.check('10.0.0.2', 'ana@acme.com');
    let error: unknown;
    try {
      await limiter.check('10.0.0.3', ' ANA@acme.com ');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterSeconds).toBe(60);
    expect((error as RateLimitError).hint).toMatch(/60 seconds/);

    for (const email of ['b@x.io', 'c@x.io']) await limiter.check('10.0.0.9', email);
    for (const email of ['d@x.io', 'e@x.io', 'f@x.io']) await limiter.check('10.0.0.9', email);
    await expect(limiter.check('10.0.0.9', 'g@x.io')).rejects.toThrow(RateLimitError);

    now = 60_000;
    await expect(limiter.check('10.0.0.9', 'ana@acme.com')).resolves.toBeUndefined();
  });
});
