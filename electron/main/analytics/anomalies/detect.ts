// Anomaly detection: points flagged by any point method (confidence from severity and from how
// many methods agree) and level shifts; an unfinished last period is left out.
import { decompose } from '../series/decompose';
import { detectSeasonalities } from '../series/seasonality';
import type { Frequency } from '../series/time';
import { AnalyticsInputError } from '../stats/types';
import { validateSeries } from '../forecast/forecast';
import { movingAverage } from '../series/decompose';
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

const severity = (score: number, threshold: number) => Math.min(1, Math.max(0, 0.5 + (score - threshold) / (2 * threshold)));
const round = (x: number) => Math.round(x * 1000) / 1000;

/** A smooth yearly profile for long daily series, removed before the weekly analysis. */
function yearlyComponent(values: readonly number[]): number[] {
  const d = decompose(values, 365);
  return movingAverage(d.seasonal, 15);
}

export function detectAnomalies(input: readonly number[], options: AnomalyOptions = {}): AnomalyResult {
  const values = options.incompleteLast ? input.slice(0, -1) : [...input];
  validateSeries(values, MIN_ANOMALY_POINTS);
  if (options.season !== undefined && (!Number.isInteger(options.season) || options.season < 1)) {
    throw new AnalyticsInputError(`The season must be a whole number of periods ≥ 1 (got ${options.season}).`);
  }
  const found = options.season ? [options.season] : detectSeasonalities(values, options.frequency ?? 'index');
  const long = found.filter((p) => p > 52 && values.length >= 2 * p + 2);
  const yearly = long.length ? yearlyComponent(values) : values.map(() => 0);
  const working = values.map((v, i) => v - yearly[i]);
  const period = found.find((p) => p <= 52 && values.length >= 2 * p + 2) ?? (long.length ? 1 : found[0] && values.length >= 2 * found[0] + 2 ? found[0] : 1);

  const window = Math.min(Math.max(period, 6), Math.floor(values.length / 3));
  const seasonal = decompose(working, period).seasonal;
  const shifts = window >= 3 ? detectLevelShifts(working.map((v, i) => v - seasonal[i]), window) : [];
  const nearShift = (i: number) => shifts.some((s) => i >= s.index - Math.ceil(window / 2) && i < s.index + Math.ceil(window / 2));

  const scored = Object.entries(POINT_METHODS).map(([name, method]) => ({ name: name as PointMethodName, ...method.score(working, period) }));
  const anomalies: Anomaly[] = [];
  for (let i = 0; i < values.length; i++) {
    if (nearShift(i)) continue;
    const flagging = scored.filter((m) => m.scores[i] >= m.threshold);
    if (!flagging.length) continue;
    const main = scored[0];
    const expected = main.expected[i] + yearly[i];
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
      confidence: round(0.5 * severity(strongest, 3.5) + 0.5 * agreement),
      methods: flagging.map((m) => m.name),
    });
  }
  for (const s of shifts) {
    const expected = s.before + seasonal[s.index] + yearly[s.index];
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
  return { season: period, seasons: [...(period > 1 ? [period] : []), ...long], anomalies, examined: values.length };
}
