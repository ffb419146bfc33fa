import { describe, expect, it } from 'vitest';
import { detectFrequency, detectSeason, nextDates, parseHorizon, timeAxis } from '../index';
import { syntheticSeries } from '../../../../tests/support/syntheticSeries';

describe('time axes', () => {
  it('detects daily, weekly, monthly, quarterly and yearly dates and continues them', () => {
    expect(detectFrequency(['2024-01-01', '2024-01-02', '2024-01-03'])).toBe('daily');
    expect(detectFrequency(['2024-01-01', '2024-01-08', '2024-01-15'])).toBe('weekly');
    expect(detectFrequency(['2024-01-31', '2024-02-29', '2024-03-31'])).toBe('monthly');
    expect(detectFrequency(['2024-01-01', '2024-04-01', '2024-07-01'])).toBe('quarterly');
    expect(detectFrequency(['2021-01-01', '2022-01-01', '2023-01-01'])).toBe('yearly');
    expect(nextDates('2024-01-31', 'monthly', 3)).toEqual(['2024-02-29', '2024-03-31', '2024-04-30']);
    expect(nextDates('2024-01-15', 'monthly', 2)).toEqual(['2024-02-15', '2024-03-15']);
    expect(nextDates('2024-10-01', 'quarterly', 2)).toEqual(['2025-01-01', '2025-04-01']);
    expect(nextDates('2024-12-30', 'weekly', 1)).toEqual(['2025-01-06']);
    expect(nextDates('2024-02-28', 'daily', 2)).toEqual(['2024-02-29', '2024-03-01']);
  });

  it('continues integer indexes and refuses unsorted or duplicated times', () => {
    expect(timeAxis([1, 2, 3]).next(2)).toEqual([4, 5]);
    expect(timeAxis([0, 5, 10]).next(1)).toEqual([15]);
    expect(() => timeAxis(['2024-01-01', '2024-01-01'])).toThrow(/repeats/);
    expect(() => timeAxis([3, 2])).toThrow(/sort/);
    expect(() => timeAxis(['2024-01-01', 'soon'])).toThrow(/point 2/);
  });
});

describe('seasonality detection', () => {
  it('finds 12 in seasonal monthly data and none in a trend', () => {
    expect(detectSeason(syntheticSeries(3, 72, 12, 'multiplicative').values, 'monthly')).toBe(12);
    expect(detectSeason(syntheticSeries(4, 72, 12, 'trend_only').values, 'monthly')).toBe(1);
  });

  it('finds the period of an integer-indexed series, not a multiple of it', () => {
    expect(detectSeason(syntheticSeries(5, 120, 7, 'additive').values, 'index')).toBe(7);
    expect(detectSeason(syntheticSeries(6, 120, 4, 'additive').values, 'index')).toBe(4);
    expect(detectSeason(syntheticSeries(7, 120, 12, 'multiplicative').values, 'index')).toBe(12);
  });
});

describe('parseHorizon', () => {
  it.each([
    ['forecast revenue for the next quarter', 'monthly', 3],
    ['what will sales be over the next 6 months', 'monthly', 6],
    ['next year', 'monthly', 12],
    ['next quarter', 'weekly', 13],
    ['the coming two weeks', 'daily', 14],
    ['next 30 days', 'daily', 30],
    ['next year', 'quarterly', 4],
    ['forecast 8 periods ahead', 'index', 8],
  ] as const)('%s (%s) → %d periods', (text, frequency, periods) => {
    expect(parseHorizon(text, frequency)?.periods).toBe(periods);
  });

  it('is null when no horizon is named', () => {
    expect(parseHorizon('how are sales doing?', 'monthly')).toBeNull();
  });
});
