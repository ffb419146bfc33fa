import { averageRanks, tieGroupSizes } from '../descriptive';
import { normalTwoSided } from '../distributions';
import type { TestResult } from '../types';

const EXACT_BELOW = 50;

/** P(U = k) for k = 0…m·n under H0, U = pairs with x > y; built up by where the largest value falls. */
export function exactUDistribution(m: number, n: number): number[] {
  // rows[j] = distribution for (i, j) while iterating i = 0…m
  let rows: number[][] = Array.from({ length: n + 1 }, () => [1]);
  for (let i = 1; i <= m; i++) {
    const next: number[][] = [[1]];
    for (let j = 1; j <= n; j++) {
      const dist = new Array<number>(i * j + 1).fill(0);
      const px = i / (i + j);
      const fromX = rows[j]; // (i−1, j): the largest is an x, adding j pairs
      for (let k = 0; k < fromX.length; k++) dist[k + j] += px * fromX[k];
      const fromY = next[j - 1]; // (i, j−1): the largest is a y, adding none
      for (let k = 0; k < fromY.length; k++) dist[k] += (1 - px) * fromY[k];
      next.push(dist);
    }
    rows = next;
  }
  return rows[n];
}

/** Rank-biserial correlation from U of a: positive when a tends to be larger. */
export function rankBiserial(uA: number, nA: number, nB: number): number {
  return (2 * uA) / (nA * nB) - 1;
}

/**
 * Mann-Whitney U (Wilcoxon rank-sum) test, statistic U of a (R: wilcox.test(a, b)$statistic):
 * exact below 50 per group without ties, otherwise normal with tie and continuity correction.
 */
export function mannWhitney(a: readonly number[], b: readonly number[]): TestResult {
  const [nA, nB] = [a.length, b.length];
  const ranks = averageRanks([...a, ...b]);
  let rankSumA = 0;
  for (let i = 0; i < nA; i++) rankSumA += ranks[i];
  const u = rankSumA - (nA * (nA + 1)) / 2;
  const ties = tieGroupSizes([...a, ...b]);
  const exact = nA < EXACT_BELOW && nB < EXACT_BELOW && ties.length === 0;
  let pValue: number;
  if (exact) {
    const dist = exactUDistribution(nA, nB);
    let tail = 0;
    if (u > (nA * nB) / 2) for (let k = Math.round(u); k < dist.length; k++) tail += dist[k];
    else for (let k = 0; k <= Math.round(u); k++) tail += dist[k];
    pValue = Math.min(1, 2 * tail);
  } else {
    const n = nA + nB;
    const tieTerm = ties.reduce((s, t) => s + t ** 3 - t, 0) / (n * (n - 1));
    const sigma = Math.sqrt(((nA * nB) / 12) * (n + 1 - tieTerm));
    const centred = u - (nA * nB) / 2;
    pValue = sigma === 0 ? 1 : normalTwoSided((centred - Math.sign(centred) * 0.5) / sigma);
  }
  return {
    test: 'mann_whitney',
    method: exact ? 'Mann-Whitney U test (exact)' : 'Mann-Whitney U test (normal approximation, tie and continuity corrected)',
    statistic: u,
    statisticName: 'U',
    pValue,
    effectSize: rankBiserial(u, nA, nB),
    effectSizeName: 'rank-biserial correlation',
    details: { exact, nA, nB, ties: ties.length > 0 },
  };
}
