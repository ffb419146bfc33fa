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
  // Each phase's values form their own subsequence; a point takes the median of its phase, over all
  // cycles or the neighbouring ones.
  for (let phase = 0; phase < period && phase < n; phase++) {
    const same: number[] = [];
    for (let k = phase; k < n; k += period) same.push(detrended[k]);
    const whole = cyclesEachSide === null ? median(same) : 0;
    same.forEach((_, c) => {
      out[phase + c * period] = cyclesEachSide === null ? whole : median(same.slice(Math.max(0, c - cyclesEachSide), c + cyclesEachSide + 1));
    });
  }
  // Centre so the full cycle around each point (kept inside the series) sums to zero.
  const prefix = [0];
  for (const v of out) prefix.push(prefix[prefix.length - 1] + v);
  return out.map((s, i) => {
    const from = Math.max(0, Math.min(i - Math.floor(period / 2), n - period));
    return s - (prefix[from + period] - prefix[from]) / period;
  });
}

/** A running window is off-centre near the ends, so there the trend continues the slope of the nearest centred stretch. */
function straightenEnds(trend: number[], window: number): number[] {
  const n = trend.length;
  const half = Math.floor(window / 2);
  if (n < 2 * window + 1) return trend;
  const out = [...trend];
  const startSlope = (trend[half + window] - trend[half]) / window;
  const endSlope = (trend[n - 1 - half] - trend[n - 1 - half - window]) / window;
  for (let i = 0; i < half; i++) out[i] = trend[half] - startSlope * (half - i);
  for (let i = n - half; i < n; i++) out[i] = trend[n - 1 - half] + endSlope * (i - (n - 1 - half));
  return out;
}

/** The classical centred moving average over one full cycle (2×m for even m), ends continued straight. */
function cycleAverage(values: readonly number[], period: number): number[] {
  const n = values.length;
  const half = Math.floor(period / 2);
  const out = values.map((_, t) => {
    if (t - half < 0 || t + half >= n) return Number.NaN;
    let s = period % 2 ? values[t - half] + values[t + half] : (values[t - half] + values[t + half]) / 2;
    for (let k = t - half + 1; k < t + half; k++) s += values[k];
    return s / period;
  });
  const first = half;
  const last = n - 1 - half;
  const span = Math.min(period, last - first);
  const [startSlope, endSlope] = span > 0 ? [(out[first + span] - out[first]) / span, (out[last] - out[last - span]) / span] : [0, 0];
  return out.map((v, t) => (t < first ? out[first] - startSlope * (first - t) : t > last ? out[last] + endSlope * (t - last) : v));
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
  for (let pass = 0; pass < 3; pass++) {
    const adjusted = values.map((v, i) => v - seasonal[i]);
    // First a moving average over whole cycles, which cancels the season; then robust passes on the adjusted series.
    trend = pass === 0 && seasonalOn ? cycleAverage(values, period) : straightenEnds(movingAverage(runningMedian(adjusted, window), 3), window);
    if (!seasonalOn) break;
    if (pass < 2) seasonal = seasonalProfile(values.map((v, i) => v - trend[i]), period, options.cyclesEachSide ?? null);
  }
  return { period: seasonalOn ? period : 1, trend, seasonal, remainder: values.map((v, i) => v - trend[i] - seasonal[i]) };
}
