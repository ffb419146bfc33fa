// Level shifts: the median of the seasonally adjusted series after a point against before it,
// net of the trend, in noise units; each shift keeps only its strongest point.
import { mad, median } from '../stats/descriptive';
import { welchT } from '../stats/tests/welchT';

export interface LevelShift {
  index: number;
  before: number;
  after: number;
  /** |shift| in noise standard deviations. */
  score: number;
  /** Two-sided p-value of a Welch t-test between the windows. */
  pValue: number;
  scale: number;
}

export const LEVEL_SHIFT_THRESHOLD = 3;

/** The split near `guess` that best fits two constant levels (least squares). */
function refine(adjusted: readonly number[], guess: number, window: number, slope: number): number {
  const from = Math.max(1, guess - Math.floor(window / 2));
  const to = Math.min(adjusted.length - 1, guess + Math.floor(window / 2));
  const lo = Math.max(0, from - window);
  const hi = Math.min(adjusted.length, to + window);
  const x = adjusted.slice(lo, hi).map((v, i) => v - slope * i);
  let best = guess;
  let bestSse = Number.POSITIVE_INFINITY;
  for (let split = from; split <= to; split++) {
    const k = split - lo;
    const sse = [x.slice(0, k), x.slice(k)].reduce((s, part) => {
      const m = part.reduce((a, v) => a + v, 0) / part.length;
      return s + part.reduce((a, v) => a + (v - m) ** 2, 0);
    }, 0);
    if (sse < bestSse) [best, bestSse] = [split, sse];
  }
  return best;
}

const sseAroundMean = (xs: readonly number[]) => {
  const m = xs.reduce((a, v) => a + v, 0) / xs.length;
  return xs.reduce((a, v) => a + (v - m) ** 2, 0);
};

function sseAroundLine(xs: readonly number[]): number {
  const n = xs.length;
  const tMean = (n - 1) / 2;
  const xMean = xs.reduce((a, v) => a + v, 0) / n;
  let num = 0;
  let den = 0;
  xs.forEach((v, t) => {
    num += (t - tMean) * (v - xMean);
    den += (t - tMean) ** 2;
  });
  const slope = den ? num / den : 0;
  return xs.reduce((a, v, t) => a + (v - xMean - slope * (t - tMean)) ** 2, 0);
}

/** Share of the straight line's squared error left by a step at `index`: low for a real jump, near 1 for a slow swing. */
const STEP_VS_LINE = 0.75;

function stepLike(adjusted: readonly number[], index: number, window: number): boolean {
  const before = adjusted.slice(Math.max(0, index - window), index);
  const after = adjusted.slice(index, index + window);
  const line = sseAroundLine([...before, ...after]);
  return line === 0 || sseAroundMean(before) + sseAroundMean(after) <= STEP_VS_LINE * line;
}

export function detectLevelShifts(adjusted: readonly number[], window: number): LevelShift[] {
  const n = adjusted.length;
  if (n < 2 * window + 1) return [];
  const diffs = adjusted.slice(1).map((v, i) => v - adjusted[i]);
  // Noise from successive differences (a shift is one large difference among many); never below
  // 0.5% of the level, so nearly noise-free series do not turn drift into shifts.
  const scale = Math.max(mad(diffs) / Math.SQRT2, Math.abs(median(adjusted)) * 0.005, 1e-9);
  const lagged: number[] = [];
  for (let t = window; t < n; t++) lagged.push((adjusted[t] - adjusted[t - window]) / window);
  const slope = median(lagged);
  const candidates: LevelShift[] = [];
  for (let t = window; t + window <= n; t++) {
    const before = median(adjusted.slice(t - window, t));
    const after = median(adjusted.slice(t, t + window));
    const shift = after - before - slope * window;
    candidates.push({ index: t, before, after, score: Math.abs(shift) / scale, pValue: 1, scale });
  }
  const found: LevelShift[] = [];
  for (const c of [...candidates].sort((a, b) => b.score - a.score)) {
    if (c.score < LEVEL_SHIFT_THRESHOLD) break;
    if (found.some((f) => Math.abs(f.index - c.index) < window)) continue;
    const index = refine(adjusted, c.index, window, slope);
    if (index < 2 || index > n - 2 || !stepLike(adjusted, index, window)) continue;
    const test = welchT(adjusted.slice(index, index + window), adjusted.slice(Math.max(0, index - window), index));
    const pValue = Number.isFinite(test.pValue) ? test.pValue : 0;
    if (pValue < 0.01) found.push({ ...c, index, pValue });
  }
  return found.sort((a, b) => a.index - b.index);
}
