import { normalQuantile, normalTwoSided } from '../distributions';
import type { TestResult } from '../types';

/** Two-proportion z-test (pooled) on 0/1 outcomes; z² equals R's prop.test(correct = FALSE) X². */
export function twoProportionsFromCounts(successA: number, nA: number, successB: number, nB: number): TestResult {
  const [pA, pB] = [successA / nA, successB / nB];
  const pooled = (successA + successB) / (nA + nB);
  const z = (pA - pB) / Math.sqrt(pooled * (1 - pooled) * (1 / nA + 1 / nB));
  const half = normalQuantile(0.975) * Math.sqrt((pA * (1 - pA)) / nA + (pB * (1 - pB)) / nB);
  return {
    test: 'two_proportions',
    method: 'Two-proportion z-test (pooled)',
    statistic: z,
    statisticName: 'z',
    pValue: Number.isFinite(z) ? normalTwoSided(z) : 1,
    effectSize: 2 * Math.asin(Math.sqrt(pA)) - 2 * Math.asin(Math.sqrt(pB)),
    effectSizeName: "Cohen's h",
    ci: [pA - pB - half, pA - pB + half],
    ciOf: 'difference in proportions',
    estimate: pA - pB,
    details: { proportionA: pA, proportionB: pB, nA, nB },
  };
}

export function twoProportions(a: readonly number[], b: readonly number[]): TestResult {
  const successes = (xs: readonly number[]) => xs.reduce((s, v) => s + v, 0);
  return twoProportionsFromCounts(successes(a), a.length, successes(b), b.length);
}
