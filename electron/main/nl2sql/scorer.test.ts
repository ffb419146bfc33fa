import { describe, expect, it } from 'vitest';
import { normaliseCell, resultsMatch } from './scorer';

describe('execution-accuracy scorer', () => {
  const gold = { columns: ['region', 'revenue'], rows: [['North', 10.004], ['South', 20]] };

  it('ignores column order, column names and extra columns', () => {
    expect(resultsMatch(gold, { columns: ['total', 'id', 'name'], rows: [[20, 2, 'South'], [10, 1, 'North']] }, false)).toBe(true);
  });

  it('rounds numbers to 2 decimals and reads numeric strings as numbers', () => {
    expect(normaliseCell('10.001')).toBe(normaliseCell(10));
    expect(resultsMatch(gold, { columns: ['a', 'b'], rows: [['North', '10.00'], ['South', '20.001']] }, false)).toBe(true);
  });

  it('requires the same number of rows and the same values', () => {
    expect(resultsMatch(gold, { columns: ['a', 'b'], rows: [['North', 10]] }, false)).toBe(false);
    expect(resultsMatch(gold, { columns: ['a', 'b'], rows: [['North', 10], ['South', 21]] }, false)).toBe(false);
  });

  it('keeps rows together: values must match row by row, not column by column', () => {
    expect(resultsMatch(gold, { columns: ['a', 'b'], rows: [['North', 20], ['South', 10]] }, false)).toBe(false);
  });

  it('compares order only when the gold query is ordered', () => {
    const reversed = { columns: ['a', 'b'], rows: [['South', 20], ['North', 10]] };
    expect(resultsMatch(gold, reversed, false)).toBe(true);
    expect(resultsMatch(gold, reversed, true)).toBe(false);
  });
});
