import { chiSquareUpper, logGamma } from '../distributions';
import type { TestResult } from '../types';

function margins(table: readonly (readonly number[])[]) {
  const rows = table.map((r) => r.reduce((s, v) => s + v, 0));
  const cols = table[0].map((_, j) => table.reduce((s, r) => s + r[j], 0));
  const n = rows.reduce((s, v) => s + v, 0);
  return { rows, cols, n };
}

export function expectedCounts(table: readonly (readonly number[])[]): number[][] {
  const { rows, cols, n } = margins(table);
  return rows.map((r) => cols.map((c) => (r * c) / n));
}

/** Cramér's V from the uncorrected Pearson X². */
export function cramersV(table: readonly (readonly number[])[]): number {
  const expected = expectedCounts(table);
  const { n } = margins(table);
  let x2 = 0;
  table.forEach((row, i) => row.forEach((o, j) => (x2 += (o - expected[i][j]) ** 2 / expected[i][j])));
  const k = Math.min(table.length, table[0].length) - 1;
  return Math.sqrt(x2 / (n * k));
}

/** Pearson's chi-square test of independence; Yates' continuity correction for 2×2 only (R: chisq.test). */
export function chiSquare(table: readonly (readonly number[])[]): TestResult {
  const expected = expectedCounts(table);
  const is2x2 = table.length === 2 && table[0].length === 2;
  let x2 = 0;
  table.forEach((row, i) =>
    row.forEach((o, j) => {
      const e = expected[i][j];
      const yates = is2x2 ? Math.min(0.5, Math.abs(o - e)) : 0;
      x2 += (Math.abs(o - e) - yates) ** 2 / e;
    }),
  );
  const df = (table.length - 1) * (table[0].length - 1);
  const smallExpected = expected.some((r) => r.some((e) => e < 5));
  return {
    test: 'chi_square',
    method: is2x2 ? "Pearson's chi-square test with Yates' continuity correction" : "Pearson's chi-square test",
    statistic: x2,
    statisticName: 'X-squared',
    pValue: chiSquareUpper(x2, df),
    df,
    effectSize: cramersV(table),
    effectSizeName: "Cramér's V",
    details: { expected, smallExpected },
  };
}

function logChoose(n: number, k: number): number {
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
}

/** Fisher's exact test on a 2×2 table; statistic = sample odds ratio (a·d)/(b·c) (R: fisher.test p-value). */
export function fisherExact(table: readonly (readonly number[])[]): TestResult {
  const [[a, b], [c, d]] = table;
  const [r1, r2, c1] = [a + b, c + d, a + c];
  const lo = Math.max(0, c1 - r2);
  const hi = Math.min(r1, c1);
  const logP = (x: number) => logChoose(r1, x) + logChoose(r2, c1 - x);
  const logs: number[] = [];
  for (let x = lo; x <= hi; x++) logs.push(logP(x));
  const top = Math.max(...logs);
  const weights = logs.map((l) => Math.exp(l - top));
  const total = weights.reduce((s, w) => s + w, 0);
  const observed = weights[a - lo];
  // Tables no more likely than the observed, with R's relative tolerance for rounding.
  const pValue = Math.min(1, weights.filter((w) => w <= observed * (1 + 1e-7)).reduce((s, w) => s + w, 0) / total);
  const oddsRatio = b * c === 0 ? null : (a * d) / (b * c);
  return {
    test: 'fisher_exact',
    method: "Fisher's exact test",
    statistic: oddsRatio,
    statisticName: 'sample odds ratio',
    pValue,
    effectSize: oddsRatio,
    effectSizeName: 'odds ratio',
    details: { cramersV: cramersV(table) },
  };
}

/** Chi-square, or Fisher's exact test when the table is 2×2 and an expected count is below 5. */
export function independenceTest(table: readonly (readonly number[])[]): TestResult {
  const chi = chiSquare(table);
  return table.length === 2 && table[0].length === 2 && chi.details.smallExpected ? fisherExact(table) : chi;
}
