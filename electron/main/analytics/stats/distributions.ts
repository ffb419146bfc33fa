// Tail probabilities and quantiles, all from jstat; written as tails so small p-values keep
// their precision (1 − cdf would cancel).
import jStat from 'jstat';

/** P(|T| ≥ |t|) for Student's t with `df` degrees of freedom. */
export function tTwoSided(t: number, df: number): number {
  if (!Number.isFinite(t)) return Number.isNaN(t) ? Number.NaN : 0;
  return Math.min(1, jStat.ibeta(df / (df + t * t), df / 2, 0.5));
}

/** P(|Z| ≥ |z|) for the standard normal. */
export function normalTwoSided(z: number): number {
  if (!Number.isFinite(z)) return Number.isNaN(z) ? Number.NaN : 0;
  return Math.min(1, jStat.erfc(Math.abs(z) / Math.SQRT2));
}

/** P(Z ≤ z) for the standard normal. */
export function normalCdf(z: number): number {
  return z < 0 ? jStat.erfc(-z / Math.SQRT2) / 2 : 1 - jStat.erfc(z / Math.SQRT2) / 2;
}

/**
 * P(X² ≥ x) for chi-square with `df` degrees of freedom. In the far tail 1 − cdf cancels, so for
 * whole df (every contingency test) the survival function's closed form is summed instead:
 * e^(−y)·Σ y^i/i! for even df, erfc(√y) + e^(−y)·Σ y^(i+½)/Γ(i+3/2) for odd df (y = x/2).
 */
export function chiSquareUpper(x: number, df: number): number {
  if (x <= 0) return 1;
  const viaCdf = Math.max(0, 1 - jStat.chisquare.cdf(x, df));
  if (viaCdf > 1e-3 || !Number.isInteger(df) || df > 2000) return viaCdf;
  const y = x / 2;
  const odd = df % 2 === 1;
  let total = odd ? jStat.erfc(Math.sqrt(y)) : 0;
  for (let i = 0; i < Math.floor(df / 2); i++) {
    const shape = odd ? i + 0.5 : i;
    total += Math.exp(-y + shape * Math.log(y) - jStat.gammaln(shape + 1));
  }
  return Math.min(1, total);
}

export function normalQuantile(p: number): number {
  return jStat.normal.inv(p, 0, 1);
}

export function tQuantile(p: number, df: number): number {
  return jStat.studentt.inv(p, df);
}

export function logGamma(x: number): number {
  return jStat.gammaln(x);
}
