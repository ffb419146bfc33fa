import { describe, expect, it } from 'vitest';
import { expectedShape, shapeProblem } from '.';

const result = (columns: Array<[string, string]>, rows: unknown[][]) => ({
  columns: columns.map(([name, kind]) => ({ name, kind })), rows: rows as Array<Array<string | number | null>>, rowCount: rows.length,
});

describe('expected answer shape from the question', () => {
  it('reads one number, a series per period, top N and lists', () => {
    expect(expectedShape('How many tickets were opened?')).toEqual({ kind: 'value' });
    expect(expectedShape('what was the total revenue in 2025')).toEqual({ kind: 'value' });
    expect(expectedShape('how many tickets per month in 2025')).toEqual({ kind: 'series', unit: 'month' });
    expect(expectedShape('month-by-month signups')).toEqual({ kind: 'series', unit: 'month' });
    expect(expectedShape('monthly revenue')).toEqual({ kind: 'series', unit: 'month' });
    expect(expectedShape('top 5 products by revenue')).toEqual({ kind: 'rows', limit: 5 });
    expect(expectedShape('the 3 campaigns with the largest budgets')).toEqual({ kind: 'rows', limit: 3 });
    expect(expectedShape('which customers never ordered')).toEqual({ kind: 'rows' });
    expect(expectedShape('list the name, email and city of customers in Spain')).toEqual({ kind: 'rows' });
  });

  it('does not guess when the wording is not clear', () => {
    expect(expectedShape('how many tickets by priority')).toEqual({ kind: 'any' });
    expect(expectedShape('show the total revenue')).toEqual({ kind: 'any' });
    expect(expectedShape('revenue of the Paris store')).toEqual({ kind: 'any' });
  });
});

describe('shape check of a candidate result', () => {
  const perMonth = result([['month', 'text'], ['n', 'integer']], [['2025-01', 3], ['2025-02', 4]]);
  const single = result([['n', 'integer']], [[7]]);
  const names = result([['name', 'text'], ['email', 'text']], [['Ann', 'a@x'], ['Bo', 'b@x'], ['Cy', 'c@x']]);

  it('says when one number was asked for and several rows came back', () => {
    expect(shapeProblem({ kind: 'value' }, perMonth)).toBe('The question asks for one number, but the query returned 2 rows.');
    expect(shapeProblem({ kind: 'value' }, single)).toBeUndefined();
  });

  it('says when a series has no period column', () => {
    expect(shapeProblem({ kind: 'series', unit: 'month' }, single)).toMatch(/series per month, but the query returned no month column/);
    expect(shapeProblem({ kind: 'series', unit: 'month' }, perMonth)).toBeUndefined();
    expect(shapeProblem({ kind: 'series', unit: 'year' }, result([['order_year', 'integer'], ['n', 'integer']], [[2024, 1], [2025, 2]]))).toBeUndefined();
  });

  it('says when a list collapsed into a total, or top N returned more rows', () => {
    expect(shapeProblem({ kind: 'rows' }, single)).toMatch(/the matching rows themselves, but the query returned a single total \(n\)/);
    expect(shapeProblem({ kind: 'rows' }, names)).toBeUndefined();
    expect(shapeProblem({ kind: 'rows', limit: 2 }, names)).toBe('The question asks for 2 rows at most, but the query returned 3.');
  });

  it('accepts an empty result and any shape when none is expected', () => {
    expect(shapeProblem({ kind: 'value' }, result([['n', 'integer']], []))).toBeUndefined();
    expect(shapeProblem({ kind: 'any' }, perMonth)).toBeUndefined();
  });
});
