import { describe, expect, it } from 'vitest';
import { isVolatileSql, ResultCache } from './resultCache';
import type { ResultPage } from './types';

const page = (text: string): ResultPage[] => [{ columns: [{ name: 'x', kind: 'text' }], rows: [[text]], offset: 0, done: true }];

describe('ResultCache', () => {
  it('when the server is idle, drops the entries untouched since the cutoff and keeps the ones used after it', () => {
    let now = 0;
    const cache = new ResultCache({ maxBytes: 70_000, maxBytesPerSource: 70_000, maxEntryBytes: 30_000, ttlMs: 600_000 }, () => now);
    cache.set('a', 'stale', page('s'));
    cache.set('a', 'used', page('u'));
    now = 100;
    cache.get('a', 'used');
    cache.set('b', 'new', page('n'));
    expect(cache.dropUntouchedSince(50)).toBe(1);
    expect(cache.get('a', 'stale')).toBeUndefined();
    expect(cache.get('a', 'used')).toBeDefined();
    expect(cache.get('b', 'new')).toBeDefined();
  });

  it('evicts the least recently used entries beyond its byte budgets, overall and per source', () => {
    const big = 'x'.repeat(1000);
    const cache = new ResultCache({ maxBytes: 7000, maxBytesPerSource: 4500, maxEntryBytes: 3000, ttlMs: 60_000 });
    cache.set('a', 'q1', page(big));
    cache.set('a', 'q2', page(big));
    expect(cache.get('a', 'q1')).toBeDefined(); // q1 is now the most recently used of source a
    cache.set('a', 'q3', page(big));
    expect(cache.get('a', 'q2')).toBeUndefined();
    expect(cache.get('a', 'q1')?.[0].rows).toEqual([[big]]);
    cache.set('b', 'q1', page(big));
    cache.set('b', 'q2', page(big));
    expect(cache.bytes).toBeLessThanOrEqual(7000);
    expect(cache.get('a', 'q3')).toBeUndefined();
    expect(cache.get('b', 'q2')).toBeDefined();
    cache.set('c', 'huge', page('y'.repeat(5000)));
    expect(cache.get('c', 'huge')).toBeUndefined();
  });

  it('hands out copies, expires entries and drops a source', () => {
    let now = 0;
    const cache = new ResultCache({ maxBytes: 1e6, maxBytesPerSource: 1e6, maxEntryBytes: 1e6, ttlMs: 100 }, () => now);
    cache.set('a', 'q', page('v'));
    cache.get('a', 'q')![0].rows[0][0] = 'changed';
    expect(cache.get('a', 'q')![0].rows).toEqual([['v']]);
    now = 100;
    expect(cache.get('a', 'q')).toBeUndefined();
    cache.set('a', 'q', page('v'));
    now = 250;
    cache.prune();
    expect(cache.bytes).toBe(0);
    cache.set('a', 'q', page('v'));
    cache.dropSource('a');
    expect(cache.size).toBe(0);
    expect(cache.bytes).toBe(0);
  });

  it('recognises SQL that reads the clock or random numbers', () => {
    expect(isVolatileSql("SELECT date('now')")).toBe(true);
    expect(isVolatileSql('SELECT current_date')).toBe(true);
    expect(isVolatileSql('SELECT now() AS t')).toBe(true);
    expect(isVolatileSql('SELECT random()')).toBe(true);
    expect(isVolatileSql("SELECT * FROM t WHERE day >= '2024-01-01' AND name = 'nowhere'")).toBe(false);
  });
});
