import { mean, variance } from '../descriptive';
import { tQuantile, tTwoSided } from '../distributions';
import type { TestResult } from '../types';

/** Cohen's d: the mean difference over the pooled standard deviation. */
export function cohensD(a: readonly number[], b: readonly number[]): number {
  const pooled = ((a.length - 1) * variance(a) + (b.length - 1) * variance(b)) / (a.length + b.length - 2);
  return (mean(a) - mean(b)) / Math.sqrt(pooled);
}

/** Welch's two-sample t-test of mean(a) − mean(b), unequal variances (R: t.test(a, b)). */
export function welchT(a: readonly number[], b: readonly number[]): TestResult {
  const [ma, mb] = [mean(a), mean(b)];
  const [qa, qb] = [variance(a) / a.length, variance(b) / b.length];
  const se = Math.sqrt(qa + qb);
  const t = (ma - mb) / se;
  const df = (qa + qb) ** 2 / (qa ** 2 / (a.length - 1) + qb ** 2 / (b.length - 1));
  const half = tQuantile(0.975, df) * se;
  return {
    test: 'welch_t',
    method: 'Welch two-sample t-test',
    statistic: t,
    statisticName: 't',
    pValue: tTwoSided(t, df),
    df,
    effectSize: cohensD(a, b),
    effectSizeName: "Cohen's d",
    ci: [ma - mb - half, ma - mb + half],
    ciOf: 'mean difference',
    estimate: ma - mb,
    details: { meanA: ma, meanB: mb, nA: a.length, nB: b.length },
  };
}
