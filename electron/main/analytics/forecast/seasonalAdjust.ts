// Classical decomposition seasonal indices, for models that forecast the seasonally adjusted series.
import { mean } from '../stats/descriptive';

export interface SeasonalIndices {
  multiplicative: boolean;
  indices: number[];
  adjust(values: readonly number[]): number[];
  /** Re-applies the season to forecasts that start right after `length` observations. */
  reseason(forecasts: readonly number[], length: number): number[];
}

function centredMovingAverage(y: readonly number[], m: number): Array<number | null> {
  const half = Math.floor(m / 2);
  return y.map((_, t) => {
    if (t - half < 0 || t + half >= y.length) return null;
    if (m % 2) return mean(y.slice(t - half, t + half + 1));
    let s = (y[t - half] + y[t + half]) / 2;
    for (let k = t - half + 1; k < t + half; k++) s += y[k];
    return s / m;
  });
}

export function seasonalIndices(y: readonly number[], m: number): SeasonalIndices {
  const multiplicative = y.every((v) => v > 0);
  const trend = centredMovingAverage(y, m);
  const sums = new Array<number>(m).fill(0);
  const counts = new Array<number>(m).fill(0);
  y.forEach((v, t) => {
    const tr = trend[t];
    if (tr === null) return;
    sums[t % m] += multiplicative ? v / tr : v - tr;
    counts[t % m]++;
  });
  const raw = sums.map((s, i) => (counts[i] ? s / counts[i] : multiplicative ? 1 : 0));
  const centre = mean(raw);
  const indices = raw.map((v) => (multiplicative ? v / centre : v - centre));
  const at = (t: number) => indices[t % m];
  return {
    multiplicative,
    indices,
    adjust: (values) => values.map((v, t) => (multiplicative ? v / at(t) : v - at(t))),
    reseason: (forecasts, length) => forecasts.map((f, i) => (multiplicative ? f * at(length + i) : f + at(length + i))),
  };
}

export function noSeason(): SeasonalIndices {
  return { multiplicative: false, indices: [0], adjust: (v) => [...v], reseason: (f) => [...f] };
}
