// Seasonal naive: each future point repeats the value one season earlier (naive when no season).
import type { FittedModel, ForecastModel } from './types';

export function fitSeasonalNaive(y: readonly number[], season: number): FittedModel {
  const m = season > 1 && y.length >= season + 1 ? season : 1;
  const n = y.length;
  let sse = 0;
  for (let t = m; t < n; t++) sse += (y[t] - y[t - m]) ** 2;
  const sigma = Math.sqrt(sse / Math.max(1, n - m));
  return {
    label: m > 1 ? 'Seasonal naive' : 'Naive',
    forecast: (h) => Array.from({ length: h }, (_, i) => y[n - m + (i % m)]),
    errorSd: (h) => Array.from({ length: h }, (_, i) => sigma * Math.sqrt(Math.floor(i / m) + 1)),
  };
}

export const seasonalNaiveModel: ForecastModel = { label: 'Seasonal naive', minLength: (m) => Math.max(2, m + 1), fit: fitSeasonalNaive };
