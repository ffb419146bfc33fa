// Forecast accuracy and interval coverage on held-out generated series (seeds not used while
// developing), against seasonal naive computed in the same run.
import { describe, expect, it } from 'vitest';
import { evaluateForecasts } from '../../../../tests/support/analyticsEvaluation';
import { syntheticSeries } from '../../../../tests/support/syntheticSeries';
import { forecast } from '../index';

const HELD_OUT = Array.from({ length: 150 }, (_, i) => 90_000 + i);

describe('automatic forecasting on held-out series', () => {
  it('monthly (season 12, 100 points, 12 ahead): beats seasonal naive on sMAPE and MASE; 95% intervals cover 90–98%', () => {
    const r = evaluateForecasts(HELD_OUT, 100, 12, 12);
    expect(r.auto.smape).toBeLessThan(r.seasonalNaive.smape);
    expect(r.auto.mase).toBeLessThan(r.seasonalNaive.mase);
    expect(r.auto.coverage95).toBeGreaterThanOrEqual(0.9);
    expect(r.auto.coverage95).toBeLessThanOrEqual(0.98);
    expect(r.auto.coverage80).toBeGreaterThanOrEqual(0.7);
    expect(r.auto.coverage80).toBeLessThanOrEqual(0.9);
  });

  it('daily (season 7, 140 points, 14 ahead): beats seasonal naive; 95% intervals cover 90–98%', () => {
    const r = evaluateForecasts(HELD_OUT.slice(0, 60), 140, 7, 14);
    expect(r.auto.smape).toBeLessThan(r.seasonalNaive.smape);
    expect(r.auto.mase).toBeLessThan(r.seasonalNaive.mase);
    expect(r.auto.coverage95).toBeGreaterThanOrEqual(0.9);
    expect(r.auto.coverage95).toBeLessThanOrEqual(0.98);
  });
});

describe('forecast()', () => {
  it('detects a monthly season, continues a multiplicative pattern and keeps the peak month on top', () => {
    const { values } = syntheticSeries(4242, 96, 12, 'multiplicative');
    const result = forecast(values, { horizon: 12, frequency: 'monthly' });
    expect(result.season).toBe(12);
    const peakMonth = values.slice(-12).indexOf(Math.max(...values.slice(-12)));
    const means = result.points.map((p) => p.mean);
    expect(means.indexOf(Math.max(...means))).toBe(peakMonth);
    for (const p of result.points) {
      expect(p.lo95).toBeLessThan(p.lo80);
      expect(p.lo80).toBeLessThan(p.mean);
      expect(p.hi80).toBeLessThan(p.hi95);
    }
    // Intervals widen with the horizon.
    expect(result.points[11].hi95 - result.points[11].lo95).toBeGreaterThan(result.points[0].hi95 - result.points[0].lo95);
    expect(result.backtest.candidates.map((c) => c.method).sort()).toEqual(['combination', 'ets', 'seasonal_naive', 'theta']);
    expect(result.backtest.mase).toBe(Math.min(...result.backtest.candidates.map((c) => c.mase)));
  });

  it('reports season 1 for a series without seasonality and forecasts a trend onward', () => {
    const values = Array.from({ length: 40 }, (_, t) => 100 + 2 * t + (t % 3) * 0.5);
    const result = forecast(values, { horizon: 5, frequency: 'monthly' });
    expect(result.season).toBe(1);
    expect(result.points[4].mean).toBeGreaterThan(values[values.length - 1]);
  });

  it('honours a fixed season and a single method', () => {
    const { values } = syntheticSeries(77, 60, 4, 'additive');
    const result = forecast(values, { horizon: 8, season: 4, methods: ['seasonal_naive'] });
    expect(result.method).toBe('seasonal_naive');
    expect(result.points.map((p) => p.mean)).toEqual([...values.slice(-4), ...values.slice(-4)]);
  });

  it('refuses too few points and a bad horizon', () => {
    expect(() => forecast([1, 2, 3], { horizon: 2 })).toThrow(/at least 8/);
    expect(() => forecast(Array.from({ length: 20 }, (_, i) => i), { horizon: 0 })).toThrow(/horizon/);
    expect(() => forecast([1, 2, 3, 4, 5, Number.NaN, 7, 8, 9], { horizon: 2 })).toThrow(/Point 6/);
  });
});
