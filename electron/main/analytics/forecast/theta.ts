// The Theta method (Assimakopoulos & Nikolopoulos 2000) in Hyndman & Billah's form: simple
// exponential smoothing with drift equal to half the linear-trend slope, on seasonally adjusted data.
import { mean } from '../stats/descriptive';
import { logistic, logit, nelderMead } from './optimize';
import { noSeason, seasonalIndices } from './seasonalAdjust';
import type { FittedModel, ForecastModel } from './types';

function ses(y: readonly number[], alpha: number) {
  let level = y[0];
  let sse = 0;
  for (let t = 1; t < y.length; t++) {
    const e = y[t] - level;
    sse += e * e;
    level += alpha * e;
  }
  return { level, sse };
}

export function fitTheta(y: readonly number[], season: number): FittedModel {
  const seasons = season > 1 && y.length >= 2 * season ? seasonalIndices(y, season) : noSeason();
  const x = seasons.adjust(y);
  const n = x.length;
  const tMean = (n - 1) / 2;
  const xMean = mean(x);
  let num = 0;
  let den = 0;
  x.forEach((v, t) => {
    num += (t - tMean) * (v - xMean);
    den += (t - tMean) ** 2;
  });
  const slope = den ? num / den : 0;
  const alpha = logistic(nelderMead((p) => ses(x, logistic(p[0], 0.0001, 0.9999)).sse, [logit(0.5, 0.0001, 0.9999)], 40, 1)[0], 0.0001, 0.9999);
  const { level, sse } = ses(x, alpha);
  const sigma = Math.sqrt(sse / Math.max(1, n - 3));
  const adjustedForecast = (h: number) =>
    Array.from({ length: h }, (_, i) => level + (slope / 2) * (i + 1 / alpha - (1 - alpha) ** n / alpha));
  return {
    label: 'Theta',
    forecast: (h) => seasons.reseason(adjustedForecast(h), n),
    errorSd: (h) => {
      const means = adjustedForecast(h);
      return means.map((f, i) => {
        const sd = sigma * Math.sqrt(1 + i * alpha * alpha);
        return seasons.multiplicative ? sd * seasons.indices[(n + i) % seasons.indices.length] : sd;
      });
    },
  };
}

export const thetaModel: ForecastModel = { label: 'Theta method', minLength: () => 4, fit: fitTheta };
