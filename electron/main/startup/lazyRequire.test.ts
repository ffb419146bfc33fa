import { describe, expect, it } from 'vitest';
import { lazyRequire } from './lazyRequire';

describe('lazyRequire', () => {
  it('loads a package on first use and hands back the same export afterwards', () => {
    const load = lazyRequire<{ Parser: new () => unknown }>('node-sql-parser');
    const first = load();
    expect(typeof first.Parser).toBe('function');
    expect(load()).toBe(first);
  });

  it('names a missing package when it is first used, not when declared', () => {
    const load = lazyRequire('aiser-no-such-package');
    expect(() => load()).toThrow(/aiser-no-such-package/);
  });
});
