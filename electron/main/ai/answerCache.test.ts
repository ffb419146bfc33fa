import { describe, expect, it } from 'vitest';
import { AnswerCache, type CachedAnswer, type CacheKeyParts } from './answerCache';

const parts: CacheKeyParts = { orgId: 'o1', role: 'analyst', expertise: 'analyst', sourceId: 's1', schemaVersion: 'v1', glossaryVersion: 'g1', question: 'Revenue by region?', conversationState: '', mode: 'auto', policyFingerprint: 'p1' };
const answer = (rowCount = 3): CachedAnswer => ({
  kind: 'answer', headline: 'h', actions: [], mappings: [], confidence: 0.9, followUps: [],
  result: { columns: [], rows: [], rowCount, truncated: false }, route: { engine: 'offline', cached: false, durationMs: 1 },
});

describe('AnswerCache', () => {
  it('hits on the same normalised question and misses when any key part differs', () => {
    const cache = new AnswerCache();
    cache.set(parts, answer());
    expect(cache.get({ ...parts, question: '  revenue BY region ' })).toBeDefined();
    for (const change of [{ orgId: 'o2' }, { role: 'executive' as const }, { expertise: 'expert' }, { schemaVersion: 'v2' }, { glossaryVersion: 'g2' }, { conversationState: 'abc' }, { mode: 'llm' }, { policyFingerprint: 'p2' }]) {
      expect(cache.get({ ...parts, ...change })).toBeUndefined();
    }
    expect(cache.hits).toBe(1);
  });

  it('expires entries after the TTL and keeps only answers with few rows', () => {
    let now = 0;
    const cache = new AnswerCache({ ttlMs: 100, maxEntries: 10, maxBytes: 1_000_000, maxRows: 5 }, () => now);
    cache.set(parts, answer());
    cache.set({ ...parts, question: 'big' }, answer(50));
    expect(cache.get({ ...parts, question: 'big' })).toBeUndefined();
    now = 101;
    expect(cache.get(parts)).toBeUndefined();
  });

  it('drops a source’s entries made under an older schema or glossary version', () => {
    const cache = new AnswerCache();
    cache.set(parts, answer());
    cache.set({ ...parts, schemaVersion: 'v2', question: 'other' }, answer());
    expect(cache.invalidateSource('o1', 's1', { schemaVersion: 'v2', glossaryVersion: 'g1' })).toBe(1);
    expect(cache.size).toBe(1);
  });

  it('evicts the least recently used entry beyond the capacity', () => {
    const cache = new AnswerCache({ ttlMs: 1000, maxEntries: 2, maxBytes: 1_000_000, maxRows: 10 });
    cache.set({ ...parts, question: 'a' }, answer());
    cache.set({ ...parts, question: 'b' }, answer());
    cache.get({ ...parts, question: 'a' });
    cache.set({ ...parts, question: 'c' }, answer());
    expect(cache.get({ ...parts, question: 'b' })).toBeUndefined();
    expect(cache.get({ ...parts, question: 'a' })).toBeDefined();
  });

  it('bounds memory in bytes: evicts least recently used entries until the total fits, and skips one that never fits', () => {
    const withRows = (n: number): CachedAnswer => ({ ...answer(), result: { columns: [{ name: 'x', kind: 'text' }], rows: Array.from({ length: n }, (_, i) => [`row-${i}-${'x'.repeat(40)}`]), rowCount: n, truncated: false } } as CachedAnswer);
    const probe = new AnswerCache();
    probe.set({ ...parts, question: 'a' }, withRows(10));
    const oneEntry = probe.bytes;
    expect(oneEntry).toBeGreaterThan(0);
    const cache = new AnswerCache({ ttlMs: 1000, maxEntries: 100, maxBytes: Math.floor(oneEntry * 2.5), maxRows: 100 });
    cache.set({ ...parts, question: 'a' }, withRows(10));
    cache.set({ ...parts, question: 'b' }, withRows(10));
    cache.get({ ...parts, question: 'a' });
    cache.set({ ...parts, question: 'c' }, withRows(10));
    expect(cache.size).toBe(2);
    expect(cache.get({ ...parts, question: 'b' })).toBeUndefined();
    expect(cache.get({ ...parts, question: 'a' })).toBeDefined();
    expect(cache.bytes).toBeLessThanOrEqual(Math.floor(oneEntry * 2.5));
    cache.set({ ...parts, question: 'huge' }, withRows(90));
    expect(cache.get({ ...parts, question: 'huge' })).toBeUndefined();
    expect(cache.size).toBe(2);
  });

  it('gives the bytes of removed entries back (expiry and invalidation)', () => {
    let now = 0;
    const cache = new AnswerCache({ ttlMs: 100, maxEntries: 10, maxBytes: 1_000_000, maxRows: 5 }, () => now);
    cache.set(parts, answer());
    cache.set({ ...parts, question: 'other' }, answer());
    expect(cache.invalidateSource('o1', 's1')).toBe(2);
    expect(cache.bytes).toBe(0);
    cache.set(parts, answer());
    now = 101;
    cache.get(parts);
    expect(cache.bytes).toBe(0);
  });
});
