import { averageRanks, mean } from '../descriptive';
import { normalQuantile, tTwoSided } from '../distributions';
import type { TestResult } from '../types';

export function correlation(a: readonly number[], b: readonly number[]): number {
  const [ma, mb] = [mean(a), mean(b)];
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < a.length; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

function tOfR(r: number, n: number): number {
  return r * Math.sqrt((n - 2) / (1 - r * r));
}

/** 95% interval by Fisher's z; `seScale` widens the standard error (1.06 for Spearman, Fieller et al.). */
function fisherZInterval(r: number, n: number, seScale = 1): [number, number] | undefined {
  if (n <= 3) return undefined;
  const z = Math.atanh(r);
  const half = (normalQuantile(0.975) * Math.sqrt(seScale)) / Math.sqrt(n - 3);
  return [Math.tanh(z - half), Math.tanh(z + half)];
}

/** Pearson's r with a two-sided t-test (n − 2 df) and a Fisher-z interval (R: cor.test). */
export function pearson(a: readonly number[], b: readonly number[]): TestResult {
  const n = a.length;
  const r = correlation(a, b);
  const t = tOfR(r, n);
  return {
    test: 'pearson',
    method: "Pearson's product-moment correlation",
    statistic: r,
    statisticName: 'r',
    pValue: tTwoSided(t, n - 2),
    df: n - 2,
    effectSize: r,
    effectSizeName: 'r',
    ci: fisherZInterval(r, n),
    ciOf: 'r',
    estimate: r,
    details: { t, n },
  };
}

/** Spearman's rho (average ranks for ties) with the t approximation (R: cor.test(method = "spearman", exact = FALSE)). */
export function spearman(a: readonly number[], b: readonly number[]): TestResult {
  const n = a.length;
  const rho = correlation(averageRanks(a), averageRanks(b));
  const t = tOfR(rho, n);
  return {
    test: 'spearman',
    method: "Spearman's rank correlation",
    statistic: rho,
    statisticName: 'rho',
    pValue: tTwoSided(t, n - 2),
    df: n - 2,
    effectSize: rho,
    effectSizeName: 'rho',
    ci: fisherZInterval(rho, n, 1.06),
    ciOf: 'rho',
    estimate: rho,
    details: { t, n },
  };
}
