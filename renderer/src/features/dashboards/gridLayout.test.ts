import { describe, expect, it } from 'vitest';
import { clampItem, nextFreeSpot, resolveLayout } from './gridLayout';

describe('resolveLayout', () => {
  it('pushes an overlapped widget below the moved one', () => {
    const items = [{ id: 'a', x: 0, y: 0, w: 6, h: 4 }, { id: 'b', x: 6, y: 0, w: 6, h: 4 }];
    const out = resolveLayout(items, { id: 'a', x: 6, y: 0, w: 6, h: 4 });
    expect(out.find((i) => i.id === 'a')).toEqual({ id: 'a', x: 6, y: 0, w: 6, h: 4 });
    expect(out.find((i) => i.id === 'b')).toEqual({ id: 'b', x: 6, y: 4, w: 6, h: 4 });
  });
  it('floats widgets up into free space', () => {
    const out = resolveLayout([{ id: 'a', x: 0, y: 7, w: 4, h: 3 }]);
    expect(out[0].y).toBe(0);
  });
  it('keeps widgets inside the 12 columns and at least 2×2', () => {
    expect(clampItem({ id: 'a', x: 11, y: -3, w: 6, h: 1 })).toEqual({ id: 'a', x: 6, y: 0, w: 6, h: 2 });
  });
  it('finds the next free spot for a new widget', () => {
    expect(nextFreeSpot([{ id: 'a', x: 0, y: 0, w: 6, h: 4 }])).toEqual({ x: 6, y: 0 });
    expect(nextFreeSpot([{ id: 'a', x: 0, y: 0, w: 12, h: 4 }])).toEqual({ x: 0, y: 4 });
  });
});
