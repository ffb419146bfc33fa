// Nelder-Mead minimisation for the few smoothing parameters of a model (bounded through a logistic map).

export function nelderMead(f: (x: number[]) => number, start: number[], maxEvaluations = 200, step = 0.5): number[] {
  const d = start.length;
  let simplex = [start, ...start.map((_, i) => start.map((v, j) => (i === j ? v + step : v)))];
  let values = simplex.map(f);
  let evaluations = simplex.length;
  const add = (a: number[], b: number[], k: number) => a.map((v, i) => v + k * (b[i] - v));
  while (evaluations < maxEvaluations) {
    const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]).map(([, i]) => i);
    simplex = order.map((i) => simplex[i]);
    values = order.map((i) => values[i]);
    if (Math.abs(values[d] - values[0]) <= 1e-10 * (Math.abs(values[0]) + 1e-10)) break;
    const centroid = start.map((_, j) => simplex.slice(0, d).reduce((s, p) => s + p[j], 0) / d);
    const reflected = add(centroid, simplex[d], -1);
    const fr = f(reflected);
    evaluations++;
    if (fr < values[0]) {
      const expanded = add(centroid, simplex[d], -2);
      const fe = f(expanded);
      evaluations++;
      [simplex[d], values[d]] = fe < fr ? [expanded, fe] : [reflected, fr];
    } else if (fr < values[d - 1]) {
      [simplex[d], values[d]] = [reflected, fr];
    } else {
      const contracted = add(centroid, simplex[d], fr < values[d] ? -0.5 : 0.5);
      const fc = f(contracted);
      evaluations++;
      if (fc < Math.min(fr, values[d])) {
        [simplex[d], values[d]] = [contracted, fc];
      } else {
        simplex = simplex.map((p, i) => (i === 0 ? p : add(simplex[0], p, 0.5)));
        values = simplex.map((p, i) => (i === 0 ? values[0] : f(p)));
        evaluations += d;
      }
    }
  }
  let best = 0;
  values.forEach((v, i) => (v < values[best] ? (best = i) : 0));
  return simplex[best];
}

export const logistic = (x: number, lo: number, hi: number) => lo + (hi - lo) / (1 + Math.exp(-x));
export const logit = (y: number, lo: number, hi: number) => -Math.log((hi - lo) / (y - lo) - 1);
