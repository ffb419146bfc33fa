import { describe, expect, it } from 'vitest';
import { lttb } from './lttb';

describe('lttb', () => {
  it('reduces a long series to the threshold keeping first, last and peaks', () => {
    const n = 100_000;
    const xs = Array.from({ length: n }, (_, i) => i);
    const ys = xs.map((i) => (i === 54_321 ? 1000 : Math.sin(i / 1000)));
    const out = lttb(xs, ys, 2000);
    expect(out.x).toHaveLength(2000);
    expect(out.x[0]).toBe(0);
    expect(out.x[1999]).toBe(n - 1);
    expect(out.y).toContain(1000);
    expect([...out.x].sort((a, b) => a - b)).toEqual(out.x);
  });
  it('returns short series unchanged', () => {
    expect(lttb([1, 2, 3], [4, 5, 6], 10)).toEqual({ x: [1, 2, 3], y: [4, 5, 6] });
  });
});
