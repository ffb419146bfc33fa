// Descriptive statistics on plain number arrays.

export interface Descriptive {
  n: number;
  mean: number;
  sd: number;
  variance: number;
  min: number;
  q1: number;
  median: number;
  q3: number;
  max: number;
  iqr: number;
  sum: number;
  /** Coefficient of variation (sd / |mean|); null when the mean is 0. */
  cv: number | null;
}

export function sum(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}

export function mean(values: readonly number[]): number {
  return values.length ? sum(values) / values.length : Number.NaN;
}

/** Sample variance (n − 1 denominator). */
export function variance(values: readonly number[]): number {
  const n = values.length;
  if (n < 2) return Number.NaN;
  const m = mean(values);
  let s = 0;
  for (const v of values) s += (v - m) ** 2;
  return s / (n - 1);
}

export function sd(values: readonly number[]): number {
  return Math.sqrt(variance(values));
}

/** Quantile by linear interpolation between order statistics (R's default, type 7). */
export function quantile(values: readonly number[], p: number): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return quantileSorted(sorted, p);
}

export function quantileSorted(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** Median absolute deviation, scaled (×1.4826) to estimate the standard deviation of normal data. */
export function mad(values: readonly number[]): number {
  const m = median(values);
  return 1.4826 * median(values.map((v) => Math.abs(v - m)));
}

/** Ranks 1…n, ties given their average rank. */
export function averageRanks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(values.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1][0] === order[i][0]) j++;
    const rank = (i + j + 2) / 2;
    for (let k = i; k <= j; k++) ranks[order[k][1]] = rank;
    i = j + 1;
  }
  return ranks;
}

/** Sizes of the groups of tied values (only groups larger than one). */
export function tieGroupSizes(values: readonly number[]): number[] {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.values()].filter((c) => c > 1);
}

export function describe(values: readonly number[]): Descriptive {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const m = mean(sorted);
  const v = variance(sorted);
  const q1 = n ? quantileSorted(sorted, 0.25) : Number.NaN;
  const q3 = n ? quantileSorted(sorted, 0.75) : Number.NaN;
  return {
    n,
    mean: m,
    sd: Math.sqrt(v),
    variance: v,
    min: n ? sorted[0] : Number.NaN,
    q1,
    median: n ? quantileSorted(sorted, 0.5) : Number.NaN,
    q3,
    max: n ? sorted[n - 1] : Number.NaN,
    iqr: q3 - q1,
    sum: sum(sorted),
    cv: m === 0 || !n ? null : Math.sqrt(v) / Math.abs(m),
  };
}
