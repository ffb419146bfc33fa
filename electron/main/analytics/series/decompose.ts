// STL-style decomposition: robust trend (running median, then moving average) and a seasonal
// component from the median of each phase, over all cycles or a local window of cycles.
import { median } from '../stats/descriptive';

export interface Decomposition {
  period: number;
  trend: number[];
  seasonal: number[];
  remainder: number[];
}

export function runningMedian(values: readonly number[], window: number): number[] {
  const half = Math.floor(window / 2);
  const n = values.length;
  return values.map((_, i) => {
    const from = Math.max(0, Math.min(i - half, n - window));
    return median(values.slice(Math.max(0, from), Math.min(n, Math.max(0, from) + window)));
  });
}

export function movingAverage(values: readonly number[], window: number): number[] {
  const half = Math.floor(window / 2);
  const n = values.length;
  return values.map((_, i) => {
    const from = Math.max(0, i - half);
    const to = Math.min(n - 1, i + half);
    let s = 0;
    for (let k = from; k <= to; k++) s += values[k];
    return s / (to - from + 1);
  });
}

function seasonalProfile(detrended: readonly number[], period: number, cyclesEachSide: number | null): number[] {
  const n = detrended.length;
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const same: number[] = [];
    for (let k = i % period; k < n; k += period) {
      if (cyclesEachSide === null || Math.abs(k - i) <= cyclesEachSide * period) same.push(detrended[k]);
    }
    out[i] = median(same);
  }
  // Centre so each full cycle sums to zero around its own mean.
  const level = movingAverage(out, period % 2 ? period : period + 1);
  return out.map((s, i) => s - level[i]);
}

export interface DecomposeOptions {
  /** Local seasonal window in cycles each side (STL-like evolving season); null = one profile for all. */
  cyclesEachSide?: number | null;
  /** Trend window in points (default: a bit more than one period, at least 5). */
  trendWindow?: number;
}

export function decompose(values: readonly number[], period: number, options: DecomposeOptions = {}): Decomposition {
  const n = values.length;
  const seasonalOn = period > 1 && n >= 2 * period;
  const baseWindow = options.trendWindow ?? Math.max(5, seasonalOn ? period + 1 + (period % 2 ? 0 : 1) : 7);
  const window = Math.min(baseWindow % 2 ? baseWindow : baseWindow + 1, n % 2 ? n : n - 1);
  let seasonal = new Array<number>(n).fill(0);
  let trend: number[] = [];
  for (let pass = 0; pass < 2; pass++) {
    const adjusted = values.map((v, i) => v - seasonal[i]);
    trend = movingAverage(runningMedian(adjusted, window), 3);
    if (!seasonalOn) break;
    seasonal = seasonalProfile(values.map((v, i) => v - trend[i]), period, options.cyclesEachSide ?? null);
  }
  return { period: seasonalOn ? period : 1, trend, seasonal, remainder: values.map((v, i) => v - trend[i] - seasonal[i]) };
}
