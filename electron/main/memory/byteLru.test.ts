import { describe, expect, it } from 'vitest';
import { ByteLru, jsonBytes, stringBytes } from './byteLru';

const bySize = (maxBytes: number, maxEntries?: number) => {
  const evicted: string[] = [];
  const cache = new ByteLru<string>({ maxBytes, maxEntries, sizeOf: (value, key) => stringBytes(value) + stringBytes(key), onEvict: (key) => evicted.push(key) });
  return { cache, evicted };
};

describe('ByteLru', () => {
  it('never holds more bytes than its budget, evicting the least recently used first', () => {
    const { cache, evicted } = bySize(100);
    cache.set('a', 'x'.repeat(19)); // 40 bytes
    cache.set('b', 'x'.repeat(19));
    expect(cache.bytes).toBe(80);
    cache.get('a'); // b is now the oldest
    cache.set('c', 'x'.repeat(19));
    expect(evicted).toEqual(['b']);
    expect([...cache.entries()].map(([k]) => k)).toEqual(['a', 'c']);
    expect(cache.bytes).toBe(80);
    for (let i = 0; i < 1_000; i += 1) {
      cache.set(`k${i}`, 'v'.repeat(i % 30));
      expect(cache.bytes).toBeLessThanOrEqual(100);
    }
  });

  it('refuses a value larger than the whole budget instead of emptying the cache for it', () => {
    const { cache } = bySize(100);
    cache.set('small', 'x');
    expect(cache.set('huge', 'x'.repeat(100))).toBe(false);
    expect(cache.has('huge')).toBe(false);
    expect(cache.get('small')).toBe('x');
  });

  it('with keepLatest keeps the value in use even when it alone is over the budget, until the next store', () => {
    const cache = new ByteLru<string>({ maxBytes: 10, keepLatest: true, sizeOf: (value) => stringBytes(value) });
    cache.set('a', 'x');
    expect(cache.set('huge', 'x'.repeat(50))).toBe(true);
    expect([...cache.entries()].map(([k]) => k)).toEqual(['huge']);
    cache.set('b', 'y');
    expect([...cache.entries()].map(([k]) => k)).toEqual(['b']);
    expect(cache.bytes).toBe(2);
  });

  it('replacing a key accounts only the new value', () => {
    const { cache } = bySize(1_000);
    cache.set('a', 'x'.repeat(100));
    cache.set('a', 'x'.repeat(10));
    expect(cache.size).toBe(1);
    expect(cache.bytes).toBe(22);
    cache.delete('a');
    expect(cache.bytes).toBe(0);
  });

  it('also honours an entry cap, and trimTo shrinks to a smaller budget on demand', () => {
    const { cache, evicted } = bySize(10_000, 3);
    for (const k of ['a', 'b', 'c', 'd']) cache.set(k, 'x');
    expect(cache.size).toBe(3);
    expect(evicted).toEqual(['a']);
    expect(cache.trimTo(4)).toBe(2);
    expect([...cache.entries()]).toEqual([['d', 'x']]);
    expect(cache.bytes).toBe(4);
  });

  it('getOrCreate computes once and peek leaves recency alone', () => {
    const { cache } = bySize(1_000);
    let made = 0;
    const make = () => { made += 1; return 'value'; };
    expect(cache.getOrCreate('a', make)).toBe('value');
    expect(cache.getOrCreate('a', make)).toBe('value');
    expect(made).toBe(1);
    cache.set('b', 'y');
    cache.peek('a');
    cache.trimTo(cache.bytes - 1);
    expect(cache.has('a')).toBe(false);
    expect(cache.has('b')).toBe(true);
  });

  it('deleteWhere drops matching entries and their bytes', () => {
    const { cache } = bySize(1_000);
    cache.set('org1:a', 'x');
    cache.set('org2:b', 'y');
    expect(cache.deleteWhere((_v, key) => key.startsWith('org1:'))).toBe(1);
    expect(cache.bytes).toBe(stringBytes('y') + stringBytes('org2:b'));
  });

  it('rejects a budget that is not positive with a message saying what is wrong', () => {
    expect(() => new ByteLru({ maxBytes: 0, sizeOf: () => 1 })).toThrow(/positive memory budget/);
  });

  it('sizes JSON-shaped values by their text', () => {
    expect(jsonBytes({ a: 'bc' })).toBe(2 * '{"a":"bc"}'.length);
    expect(jsonBytes(undefined)).toBe(0);
  });
});
