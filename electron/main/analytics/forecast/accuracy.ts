// Forecast error measures as the M competitions define them.

/** Symmetric MAPE in percent: 200·|y − f| / (|y| + |f|), averaged (0 when both are 0). */
export function smape(actual: readonly number[], forecast: readonly number[]): number {
  let s = 0;
  actual.forEach((y, i) => {
    const d = Math.abs(y) + Math.abs(forecast[i]);
    s += d === 0 ? 0 : (200 * Math.abs(y - forecast[i])) / d;
  });
  return s / actual.length;
}

/** Mean absolute seasonal difference of the training data, the MASE denominator. */
export function maseScale(training: readonly number[], season: number): number {
  const m = season > 1 && training.length > season ? season : 1;
  let s = 0;
  for (let t = m; t < training.length; t++) s += Math.abs(training[t] - training[t - m]);
  return training.length > m ? s / (training.length - m) : Number.NaN;
}

export function mase(actual: readonly number[], forecast: readonly number[], scale: number): number {
  const mae = actual.reduce((s, y, i) => s + Math.abs(y - forecast[i]), 0) / actual.length;
  if (mae === 0) return 0;
  return scale > 0 ? mae / scale : Number.POSITIVE_INFINITY;
}
