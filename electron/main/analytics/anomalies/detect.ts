// Anomaly detection: points flagged by any point method (confidence from severity and from how
// many methods agree) and level shifts; an unfinished last period is left out.
import { decompose } from '../series/decompose';
import { detectSeasonalities, mainPeriod } from '../series/seasonality';
import type { Frequency } from '../series/time';
import { AnalyticsInputError } from '../stats/types';
import { validateSeries } from '../series/validate';
import { movingAverage } from '../series/decompose';
import { normalQuantile } from '../stats/distributions';
import { detectLevelShifts, LEVEL_SHIFT_THRESHOLD } from './levelShift';
import { POINT_METHODS, type PointMethodName } from './methods';

export const MIN_ANOMALY_POINTS = 8;

export type AnomalyMethodName = PointMethodName | 'level_shift';

export interface Anomaly {
  index: number;
  kind: 'spike' | 'dip' | 'level_shift';
  value: number;
  expected: number;
  lo: number;
  hi: number;
  /** Deviation in noise standard deviations (the largest across the methods that flagged it). */
  score: number;
  /** 0–1, from severity and agreement across methods. */
  confidence: number;
  methods: AnomalyMethodName[];
}

export interface AnomalyOptions {
  season?: number;
  frequency?: Frequency;
  /** The last point is an unfinished period (e.g. the current month so far): never flag it. */
  incompleteLast?: boolean;
}

export interface AnomalyResult {
  season: number;
  /** Every seasonal period removed (e.g. [7, 365] for long daily data). */
  seasons: number[];
  anomalies: Anomaly[];
  /** Points examined (without an unfinished last period). */
  examined: number;
}

/**
 * The robust z from which a point is anomalous: 3.5, raised for long series so that pure Gaussian
 * noise yields a false alarm in about one series in ten (a Bonferroni bound over the points).
 */
export function anomalyThreshold(points: number): number {
  return Math.max(3.5, normalQuantile(1 - 0.1 / (2 * points)));
}

const severity = (score: number, threshold: number) => Math.min(1, Math.max(0, 0.5 + (score - threshold) / (2 * threshold)));
const round = (x: number) => Math.round(x * 1000) / 1000;

/** Seasons longer than this (yearly for daily data) are removed as a smooth profile before the short one is analysed. */
const LONG_SEASON = 52;

function longSeasonComponent(values: readonly number[], period: number): number[] {
  const smooth = Math.max(3, Math.round(period / 24));
  return movingAverage(decompose(values, period).seasonal, smooth % 2 ? smooth : smooth + 1);
}

export function detectAnomalies(input: readonly number[], options: AnomalyOptions = {}): AnomalyResult {
  const values = options.incompleteLast ? input.slice(0, -1) : [...input];
  validateSeries(values, MIN_ANOMALY_POINTS);
  if (options.season !== undefined && (!Number.isInteger(options.season) || options.season < 1)) {
    throw new AnalyticsInputError(`The season must be a whole number of periods ≥ 1 (got ${options.season}).`);
  }
  const fits = (p: number) => p > 1 && values.length >= 2 * p + 2;
  const found = (options.season ? [options.season] : detectSeasonalities(values, options.frequency ?? 'index')).filter(fits);
  const long = found.filter((p) => p > LONG_SEASON).slice(0, 1);
  const longComponent = long.length ? longSeasonComponent(values, long[0]) : values.map(() => 0);
  const working = values.map((v, i) => v - longComponent[i]);
  const period = mainPeriod(working, found.filter((p) => p <= LONG_SEASON));

  const window = Math.min(Math.max(period, 6), Math.floor(values.length / 3));
  const seasonal = decompose(working, period).seasonal;
  const shifts = window >= 3 ? detectLevelShifts(working.map((v, i) => v - seasonal[i]), window) : [];
  const nearShift = (i: number) => shifts.some((s) => i >= s.index - Math.ceil(window / 2) && i < s.index + Math.ceil(window / 2));

  const threshold = anomalyThreshold(values.length);
  const scored = Object.entries(POINT_METHODS).map(([name, method]) => ({ name: name as PointMethodName, ...method.score(working, period, threshold) }));
  const anomalies: Anomaly[] = [];
  for (let i = 0; i < values.length; i++) {
    if (nearShift(i)) continue;
    const flagging = scored.filter((m) => m.scores[i] >= m.threshold);
    // One method alone is often a quirk of its fit: it must then be far beyond its threshold.
    if (!flagging.length || (flagging.length === 1 && flagging[0].scores[i] < 1.5 * flagging[0].threshold)) continue;
    // Expected value and range from the first method (in registry order) that flagged the point, so the value lies outside its range.
    const main = flagging[0];
    const expected = main.expected[i] + longComponent[i];
    const band = main.threshold * main.scale[i];
    const strongest = Math.max(...flagging.map((m) => m.scores[i]));
    const agreement = flagging.length / scored.length;
    anomalies.push({
      index: i,
      kind: values[i] >= expected ? 'spike' : 'dip',
      value: values[i],
      expected,
      lo: expected - band,
      hi: expected + band,
      score: round(strongest),
      confidence: round(0.5 * severity(strongest, threshold) + 0.5 * agreement),
      methods: flagging.map((m) => m.name),
    });
  }
  for (const s of shifts) {
    const expected = s.before + seasonal[s.index] + longComponent[s.index];
    const band = LEVEL_SHIFT_THRESHOLD * s.scale;
    anomalies.push({
      index: s.index,
      kind: 'level_shift',
      value: values[s.index],
      expected,
      lo: expected - band,
      hi: expected + band,
      score: round(s.score),
      confidence: round(0.5 * severity(s.score, LEVEL_SHIFT_THRESHOLD) + 0.5 * (1 - s.pValue)),
      methods: ['level_shift'],
    });
  }
  anomalies.sort((a, b) => a.index - b.index);
  return { season: period > 1 ? period : (long[0] ?? 1), seasons: [...(period > 1 ? [period] : []), ...long], anomalies, examined: values.length };
}
