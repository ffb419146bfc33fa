// Seasonality detection: a significant autocorrelation at the seasonal lag of the detrended series
// (the 90% test used by the Theta method in the M competitions).
import { mean } from '../stats/descriptive';
import { normalQuantile } from '../stats/distributions';
import { seasonCandidates, type Frequency } from './time';

export function autocorrelations(values: readonly number[], maxLag: number): number[] {
  const m = mean(values);
  const centred = values.map((v) => v - m);
  const denom = centred.reduce((s, v) => s + v * v, 0);
  const acf = [1];
  for (let lag = 1; lag <= maxLag; lag++) {
    let s = 0;
    for (let i = lag; i < centred.length; i++) s += centred[i] * centred[i - lag];
    acf.push(denom === 0 ? 0 : s / denom);
  }
  return acf;
}

/** Removes a centred moving average of `window` points (ends use the nearest full window). */
export function detrend(values: readonly number[], window: number): number[] {
  const n = values.length;
  const half = Math.floor(window / 2);
  if (n < window + 1) return values.map((v) => v - mean(values));
  const prefix = [0];
  for (const v of values) prefix.push(prefix[prefix.length - 1] + v);
  const avg = (from: number, to: number) => (prefix[to + 1] - prefix[from]) / (to - from + 1);
  return values.map((v, i) => {
    const from = Math.min(Math.max(0, i - half), n - window);
    return v - avg(from, from + window - 1);
  });
}

/** Whether `period` is a significant seasonal lag of `values` at `confidence` (one-sided). */
export function isSeasonal(values: readonly number[], period: number, confidence = 0.9): boolean {
  if (period < 2 || values.length < 2 * period + 2) return false;
  const detrended = detrend(values, period % 2 ? period : period + 1);
  const acf = autocorrelations(detrended, period);
  const cumulative = acf.slice(1, period).reduce((s, r) => s + r * r, 0);
  const limit = normalQuantile(confidence) * Math.sqrt((1 + 2 * cumulative) / values.length);
  return acf[period] > limit && acf[period] > 0.1;
}

/** Seasonal periods found for the frequency, strongest first; `[]` when none. */
export function detectSeasonalities(values: readonly number[], frequency: Frequency): number[] {
  return seasonCandidates(frequency).filter((p) => isSeasonal(values, p));
}

/**
 * The main one of several significant periods. Multiples of the true period correlate about as
 * strongly as the period itself (and its divisors do not), so: the shortest period close to the strongest.
 */
export function mainPeriod(values: readonly number[], periods: readonly number[]): number {
  if (periods.length < 2) return periods[0] ?? 1;
  const strength = periods.map((p) => ({ p, acf: autocorrelations(detrend(values, p % 2 ? p : p + 1), p)[p] }));
  const strongest = Math.max(...strength.map((s) => s.acf));
  return Math.min(...strength.filter((s) => s.acf >= strongest - 0.1).map((s) => s.p));
}

/** The main seasonal period (1 when none); calendar frequencies keep their natural order (weekly before yearly for daily data). */
export function detectSeason(values: readonly number[], frequency: Frequency): number {
  const found = detectSeasonalities(values, frequency);
  return frequency === 'index' ? mainPeriod(values, found) : (found[0] ?? 1);
}
