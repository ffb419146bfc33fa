// Anomaly detection methods as plug-ins. Point methods score every observation in noise units
// (a robust z); the level-shift method finds lasting changes of level.
import { decompose, type Decomposition } from '../series/decompose';
import { mad, median, quantile } from '../stats/descriptive';

export interface PointScores {
  /** Robust z-like score per point (|deviation| / noise scale). */
  scores: number[];
  /** Expected value per point (trend + season) and the noise scale behind the score. */
  expected: number[];
  scale: number[];
  threshold: number;
}

export interface PointMethod {
  label: string;
  /** `threshold`: the robust z from which a point counts as anomalous for this series. */
  score(values: readonly number[], period: number, threshold: number): PointScores;
}

const atLeast = (x: number, floor: number) => (Number.isFinite(x) ? Math.max(x, floor) : floor);

/**
 * The smallest noise scale believed, for nearly noise-free series whose MAD collapses: half the
 * residuals' mean absolute deviation (σ-equivalent), and 0.5% of the series' level, so that
 * decomposition error of a few tenths of a percent is never called an anomaly.
 */
function noiseFloor(values: readonly number[], remainder: readonly number[]): number {
  const centre = median(remainder);
  const meanAbs = remainder.reduce((s, r) => s + Math.abs(r - centre), 0) / Math.max(1, remainder.length);
  return Math.max(1e-9, Math.abs(median(values)) * 0.005, 0.5 * meanAbs * Math.sqrt(Math.PI / 2));
}

/**
 * Residuals from medians of k noisy values understate the noise (the median absorbs part of each
 * point): var(median) ≈ (π/2)σ²/k, for the seasonal median over the cycles used and the trend window.
 */
function absorbedNoiseFactor(n: number, period: number, cyclesEachSide: number | null, trendWindow: number): number {
  const cycles = period > 1 ? (cyclesEachSide === null ? n / period : Math.min(n / period, 2 * cyclesEachSide + 1)) : Number.POSITIVE_INFINITY;
  return Math.sqrt(1 + Math.PI / 2 / cycles) * Math.sqrt(1 + Math.PI / 2 / trendWindow);
}

function trendWindowOf(period: number): number {
  return Math.max(5, period > 1 ? period + 1 + (period % 2 ? 0 : 1) : 7);
}

function fromDecomposition(d: Decomposition, scale: number[], threshold: number): PointScores {
  const centre = median(d.remainder);
  return {
    scores: d.remainder.map((r, i) => Math.abs(r - centre) / scale[i]),
    expected: d.trend.map((t, i) => t + d.seasonal[i] + centre),
    scale,
    threshold,
  };
}

/** Residuals from one seasonal profile for the whole series, scaled by their global MAD. */
const robustZ: PointMethod = {
  label: 'Robust z-score on seasonal residuals',
  score(values, period, threshold) {
    const d = decompose(values, period);
    const scale = atLeast(mad(d.remainder) * absorbedNoiseFactor(values.length, d.period, null, trendWindowOf(d.period)), noiseFloor(values, d.remainder));
    return fromDecomposition(d, values.map(() => scale), threshold);
  },
};

/** STL-style: a season that may evolve (local window of cycles) and a local noise scale. */
const stl: PointMethod = {
  label: 'STL-style decomposition with local noise scale',
  score(values, period, threshold) {
    const d = decompose(values, period, { cyclesEachSide: 3 });
    const factor = absorbedNoiseFactor(values.length, d.period, 3, trendWindowOf(d.period));
    const global = atLeast(mad(d.remainder) * factor, noiseFloor(values, d.remainder));
    const half = Math.max(12, 2 * period);
    const scale = d.remainder.map((_, i) => {
      const from = Math.max(0, Math.min(i - half, d.remainder.length - 2 * half - 1));
      const local = mad(d.remainder.slice(from, from + 2 * half + 1)) * factor;
      // Only a locally noisier stretch changes the scale: a calm one must not turn ordinary noise into anomalies.
      return Math.max(atLeast(local, global), global);
    });
    return fromDecomposition(d, scale, threshold);
  },
};

/** Tukey's far-out fences (3 × IQR beyond the quartiles) on the seasonal residuals. */
const iqr: PointMethod = {
  label: 'Interquartile-range fences on seasonal residuals',
  score(values, period, threshold) {
    const d = decompose(values, period, { cyclesEachSide: 3 });
    const [q1, q3] = [quantile(d.remainder, 0.25), quantile(d.remainder, 0.75)];
    // In standard-deviation units (IQR = 1.349 σ for normal noise); Tukey's far fence, 3 IQR beyond a
    // quartile, is 3.5 IQR from the mid-quartile, so the threshold is widened by the same 1.349.
    const scale = (atLeast(q3 - q1, noiseFloor(values, d.remainder)) / 1.349) * absorbedNoiseFactor(values.length, d.period, 3, trendWindowOf(d.period));
    const centre = (q1 + q3) / 2;
    return {
      scores: d.remainder.map((r) => Math.abs(r - centre) / scale),
      expected: d.trend.map((t, i) => t + d.seasonal[i] + centre),
      scale: values.map(() => scale),
      threshold: threshold * 1.349,
    };
  },
};

export const POINT_METHODS = { robust_z: robustZ, stl, iqr } as const satisfies Record<string, PointMethod>;
export type PointMethodName = keyof typeof POINT_METHODS;
