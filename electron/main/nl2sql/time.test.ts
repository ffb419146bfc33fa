import { describe, expect, it } from 'vitest';
import { findTimeMentions, previousPeriod, shiftPeriod } from './time';

const D = '2026-07-01';
const range = (text: string, now = D) => {
  const m = findTimeMentions(` ${text} `, now)[0];
  return m?.period ? [m.period.start, m.period.end] : undefined;
};

describe('time expressions (half-open ranges relative to D)', () => {
  it('handles relative calendar periods', () => {
    expect(range('today')).toEqual(['2026-07-01', '2026-07-02']);
    expect(range('yesterday')).toEqual(['2026-06-30', '2026-07-01']);
    expect(range('this year')).toEqual(['2026-01-01', '2026-07-01']);
    expect(range('ytd')).toEqual(['2026-01-01', '2026-07-01']);
    expect(range('last year')).toEqual(['2025-01-01', '2026-01-01']);
    expect(range('last quarter')).toEqual(['2026-04-01', '2026-07-01']);
    expect(range('last month')).toEqual(['2026-06-01', '2026-07-01']);
    expect(range('qtd', '2026-08-15')).toEqual(['2026-07-01', '2026-08-15']);
    expect(range('over the past year')).toEqual(['2025-07-01', '2026-07-01']);
  });

  it('handles last N days/weeks/months', () => {
    expect(range('the last 30 days')).toEqual(['2026-06-01', '2026-07-01']);
    expect(range('last 12 months')).toEqual(['2025-07-01', '2026-07-01']);
    expect(range('past six months', '2026-03-20')).toEqual(['2025-09-01', '2026-03-01']);
    // 2026-07-01 is a Wednesday; weeks start on Monday 2026-06-29.
    expect(range('last 2 weeks')).toEqual(['2026-06-15', '2026-06-29']);
    expect(range('last week')).toEqual(['2026-06-22', '2026-06-29']);
  });

  it('handles named years, quarters, months, halves and days', () => {
    expect(range('in 2025')).toEqual(['2025-01-01', '2026-01-01']);
    expect(range('in Q3 2024'.toLowerCase())).toEqual(['2024-07-01', '2024-10-01']);
    expect(range('march 2025')).toEqual(['2025-03-01', '2025-04-01']);
    expect(range('first half of 2026')).toEqual(['2026-01-01', '2026-07-01']);
    expect(range('on november 28 , 2025')).toEqual(['2025-11-28', '2025-11-29']);
    expect(range('on 2025-02-03')).toEqual(['2025-02-03', '2025-02-04']);
    expect(range('in september')).toEqual(['2025-09-01', '2025-10-01']);
  });

  it('handles "since", "so far" and points in time', () => {
    expect(range('since 2024')).toEqual(['2024-01-01', D]);
    expect(range('2026 so far')).toEqual(['2026-01-01', D]);
    expect(findTimeMentions(' at the end of 2025 ', D)[0].point).toBe('2025-12-31');
  });

  it('marks relative references to another period', () => {
    const [, same] = findTimeMentions(' last month vs the same month last year ', D);
    expect(same.shiftYears).toBe(-1);
    const [, before] = findTimeMentions(' last quarter vs the quarter before ', D);
    expect(before.previous).toBe(true);
    expect(shiftPeriod({ start: '2026-01-01', end: '2026-07-01', label: 'ytd' }, -1)).toMatchObject({ start: '2025-01-01', end: '2025-07-01' });
    expect(previousPeriod({ start: '2026-04-01', end: '2026-07-01', label: 'Q2' })).toMatchObject({ start: '2026-01-01', end: '2026-04-01' });
    expect(previousPeriod({ start: '2026-06-17', end: '2026-07-01', label: '14 days' })).toMatchObject({ start: '2026-06-03', end: '2026-06-17' });
  });
});
