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
  score(values: readonly number[], period: number): PointScores;
}

const THRESHOLD = 3.5;
const positive = (x: number, fallback: number) => (x > 0 && Number.isFinite(x) ? x : fallback);

function noiseFloor(values: readonly number[]): number {
  const level = Math.abs(median(values));
  return Math.max(1e-9, level * 1e-6);
}

function fromDecomposition(values: readonly number[], d: Decomposition, scale: number[]): PointScores {
  const centre = median(d.remainder);
  return {
    scores: d.remainder.map((r, i) => Math.abs(r - centre) / scale[i]),
    expected: d.trend.map((t, i) => t + d.seasonal[i] + centre),
    scale,
    threshold: THRESHOLD,
  };
}

/** Residuals from one seasonal profile for the whole series, scaled by their global MAD. */
const robustZ: PointMethod = {
  label: 'Robust z-score on seasonal residuals',
  score(values, period) {
    const d = decompose(values, period);
    const scale = positive(mad(d.remainder), noiseFloor(values));
    return fromDecomposition(values, d, values.map(() => scale));
  },
};

/** STL-style: a season that may evolve (local window of cycles) and a local noise scale. */
const stl: PointMethod = {
  label: 'STL-style decomposition with local noise scale',
  score(values, period) {
    const d = decompose(values, period, { cyclesEachSide: 3 });
    const global = positive(mad(d.remainder), noiseFloor(values));
    const half = Math.max(12, 2 * period);
    const scale = d.remainder.map((_, i) => {
      const from = Math.max(0, Math.min(i - half, d.remainder.length - 2 * half - 1));
      const local = mad(d.remainder.slice(from, from + 2 * half + 1));
      // A locally calm stretch must not turn ordinary noise into anomalies.
      return Math.max(positive(local, global), global * 0.5);
    });
    return fromDecomposition(values, d, scale);
  },
};

/** Tukey's far-out fences (3 × IQR beyond the quartiles) on the seasonal residuals. */
const iqr: PointMethod = {
  label: 'Interquartile-range fences on seasonal residuals',
  score(values, period) {
    const d = decompose(values, period, { cyclesEachSide: 3 });
    const [q1, q3] = [quantile(d.remainder, 0.25), quantile(d.remainder, 0.75)];
    // In standard-deviation units (IQR = 1.349 σ for normal noise), so the fence 3 IQR beyond a quartile
    // (3.5 IQR from the mid-quartile) sits at 3.5 × 1.349.
    const scale = positive(q3 - q1, noiseFloor(values)) / 1.349;
    const centre = (q1 + q3) / 2;
    return {
      scores: d.remainder.map((r) => Math.abs(r - centre) / scale),
      expected: d.trend.map((t, i) => t + d.seasonal[i] + centre),
      scale: values.map(() => scale),
      threshold: 3.5 * 1.349,
    };
  },
};

export const POINT_METHODS = { robust_z: robustZ, stl, iqr } as const satisfies Record<string, PointMethod>;
export type PointMethodName = keyof typeof POINT_METHODS;
