/**
 * Benjamini-Hochberg adjusted p-values (R: p.adjust(p, "BH")), in the input order: a finding is
 * kept at false-discovery rate q when its adjusted p-value is at most q.
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const n = pValues.length;
  const order = pValues.map((p, i) => [p, i] as const).sort((x, y) => y[0] - x[0]);
  const adjusted = new Array<number>(n);
  let running = 1;
  order.forEach(([p, i], k) => {
    const rank = n - k;
    running = Math.min(running, (p * n) / rank);
    adjusted[i] = running;
  });
  return adjusted;
}
