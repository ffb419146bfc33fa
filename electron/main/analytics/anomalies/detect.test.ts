// Anomaly detection on generated series with injected spikes, dips and level shifts (held-out seeds).
import { describe, expect, it } from 'vitest';
import { evaluateAnomalies } from '../../../../tests/support/analyticsEvaluation';
import { gaussian, prng } from '../../../../tests/support/syntheticSeries';
import { detectAnomalies } from '../index';

const HELD_OUT = Array.from({ length: 120 }, (_, i) => 70_000 + i);

function noisySeasonal(seed: number, length: number, season: number, noise = 2): number[] {
  const normal = gaussian(prng(seed));
  return Array.from({ length }, (_, t) => 200 + 0.3 * t + 20 * Math.sin((2 * Math.PI * t) / season) + noise * normal());
}

describe('detectAnomalies on held-out labelled series', () => {
  it('monthly: precision and recall of injected anomalies', () => {
    const r = evaluateAnomalies(HELD_OUT, 120, 12);
    expect(r.precision).toBeGreaterThanOrEqual(0.85);
    expect(r.recall).toBeGreaterThanOrEqual(0.85);
    expect(r.levelShiftRecall).toBeGreaterThanOrEqual(0.9);
  });

  it('daily with a weekly season: precision and recall of injected anomalies', () => {
    const r = evaluateAnomalies(HELD_OUT.slice(0, 60), 200, 7);
    expect(r.precision).toBeGreaterThanOrEqual(0.85);
    expect(r.recall).toBeGreaterThanOrEqual(0.85);
  });
});

describe('detectAnomalies', () => {
  it('flags a spike with its expected value, a range that excludes it, and agreement across methods', () => {
    const values = noisySeasonal(11, 96, 12);
    values[50] += 40;
    const result = detectAnomalies(values, { frequency: 'monthly' });
    expect(result.season).toBe(12);
    const spike = result.anomalies.find((a) => a.index === 50)!;
    expect(spike.kind).toBe('spike');
    expect(spike.value).toBe(values[50]);
    expect(Math.abs(spike.expected - (values[50] - 40))).toBeLessThan(6);
    expect(spike.hi).toBeLessThan(spike.value);
    expect(spike.lo).toBeLessThan(spike.expected);
    expect(spike.methods.length).toBeGreaterThanOrEqual(2);
    expect(spike.confidence).toBeGreaterThan(0.8);
    expect(spike.score).toBeGreaterThan(10);
  });

  it('reports a level shift at its first point, without flagging the points around it', () => {
    const values = noisySeasonal(12, 96, 12);
    for (let t = 60; t < 96; t++) values[t] -= 30;
    const result = detectAnomalies(values, { frequency: 'monthly' });
    const shifts = result.anomalies.filter((a) => a.kind === 'level_shift');
    expect(shifts).toHaveLength(1);
    expect(Math.abs(shifts[0].index - 60)).toBeLessThanOrEqual(1);
    expect(shifts[0].methods).toEqual(['level_shift']);
    expect(result.anomalies.filter((a) => a.kind !== 'level_shift' && Math.abs(a.index - 60) < 6)).toEqual([]);
  });

  it('a stronger deviation gets a higher score and confidence', () => {
    const values = noisySeasonal(13, 96, 12);
    values[30] -= 12;
    values[70] -= 60;
    const found = detectAnomalies(values, { season: 12 }).anomalies;
    const [mild, strong] = [found.find((a) => a.index === 30)!, found.find((a) => a.index === 70)!];
    expect(strong.kind).toBe('dip');
    expect(strong.score).toBeGreaterThan(mild.score);
    expect(strong.confidence).toBeGreaterThanOrEqual(mild.confidence);
  });

  it('never flags an unfinished last period', () => {
    const values = noisySeasonal(14, 60, 12);
    values[59] = values[59] * 0.3; // the current month so far
    expect(detectAnomalies(values, { season: 12 }).anomalies.some((a) => a.index === 59)).toBe(true);
    const partial = detectAnomalies(values, { season: 12, incompleteLast: true });
    expect(partial.anomalies.some((a) => a.index === 59)).toBe(false);
    expect(partial.examined).toBe(59);
  });

  it('finds nothing in plain noise around a season most of the time', () => {
    const flagged = Array.from({ length: 30 }, (_, k) => detectAnomalies(noisySeasonal(500 + k, 120, 12), { season: 12 }).anomalies.length);
    expect(flagged.reduce((s, v) => s + v, 0) / flagged.length).toBeLessThan(0.5);
  });

  it('removes a yearly season from long daily data before looking at the weekly one', () => {
    const normal = gaussian(prng(15));
    const values = Array.from({ length: 3 * 365 }, (_, t) => 500 + 80 * Math.sin((2 * Math.PI * t) / 365) + 30 * Math.sin((2 * Math.PI * t) / 7) + 5 * normal());
    values[800] += 60;
    const result = detectAnomalies(values, { frequency: 'daily' });
    expect(result.seasons).toEqual([7, 365]);
    expect(result.anomalies.map((a) => a.index)).toContain(800);
    expect(result.anomalies.length).toBeLessThanOrEqual(4);
  });

  it('a long hourly-like series with a slow weekly swing: finds the one spike and no level shifts', () => {
    const normal = gaussian(prng(16));
    const values = Array.from({ length: 5000 }, (_, t) => 100 + 10 * Math.sin((2 * Math.PI * t) / 24) + 5 * Math.sin((2 * Math.PI * t) / 168) + 2 * normal());
    values[4500] += 40;
    const result = detectAnomalies(values);
    expect(result.season).toBe(24);
    expect(result.anomalies.map((a) => [a.index, a.kind])).toEqual([[4500, 'spike']]);
  });

  it('refuses too few points', () => {
    expect(() => detectAnomalies([1, 2, 3, 4])).toThrow(/at least 8/);
  });
});
