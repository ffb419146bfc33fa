// Exponential smoothing (Holt-Winters recursions): level, optional damped trend, optional additive
// or multiplicative season; parameters by least squares, the variant by AICc.
import { mean } from '../stats/descriptive';
import { logistic, logit, nelderMead } from './optimize';
import type { FittedModel, ForecastModel } from './types';

export type TrendKind = 'none' | 'damped';
export type SeasonKind = 'none' | 'additive' | 'multiplicative';

export interface EtsSpec {
  trend: TrendKind;
  season: SeasonKind;
}

interface Params {
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
}

interface State {
  level: number;
  slope: number;
  seasonal: number[];
}

const PHI = [0.8, 0.98] as const;

function initialState(y: readonly number[], spec: EtsSpec, m: number): State {
  if (spec.season === 'none') {
    const k = Math.min(y.length, 10);
    const head = y.slice(0, k);
    const slope = spec.trend === 'none' || k < 2 ? 0 : (head[k - 1] - head[0]) / (k - 1);
    return { level: spec.trend === 'none' ? mean(y.slice(0, Math.min(y.length, 5))) : head[0], slope, seasonal: [] };
  }
  const first = mean(y.slice(0, m));
  const second = mean(y.slice(m, 2 * m));
  const slope = spec.trend === 'none' ? 0 : (second - first) / m;
  const seasonal = Array.from({ length: m }, (_, i) => {
    const levelAt = (k: number) => first + slope * (k - (m - 1) / 2);
    const a = y[i];
    const b = y[i + m];
    return spec.season === 'additive' ? (a - levelAt(i) + b - levelAt(i + m)) / 2 : (a / levelAt(i) + b / levelAt(i + m)) / 2;
  });
  return { level: first - slope * ((m - 1) / 2 + 1), slope, seasonal };
}

/** Runs the recursions; returns the one-step errors (scaled by the season for multiplicative) and the final state. */
function filter(y: readonly number[], spec: EtsSpec, m: number, p: Params, init: State) {
  let { level, slope } = init;
  const seasonal = [...init.seasonal];
  let sse = 0;
  let relativeSse = 0;
  for (let t = 0; t < y.length; t++) {
    const s = spec.season === 'none' ? 0 : seasonal[t % m];
    const base = level + p.phi * slope;
    const predicted = spec.season === 'multiplicative' ? base * s : base + s;
    const error = y[t] - predicted;
    sse += error * error;
    relativeSse += predicted !== 0 ? (error / predicted) ** 2 : 0;
    const deseasoned = spec.season === 'multiplicative' ? y[t] / s : y[t] - s;
    const newLevel = p.alpha * deseasoned + (1 - p.alpha) * base;
    if (spec.trend !== 'none') slope = p.beta * (newLevel - level) + (1 - p.beta) * p.phi * slope;
    if (spec.season === 'additive') seasonal[t % m] = p.gamma * (y[t] - newLevel) + (1 - p.gamma) * s;
    if (spec.season === 'multiplicative') seasonal[t % m] = p.gamma * (y[t] / newLevel) + (1 - p.gamma) * s;
    level = newLevel;
  }
  return { sse, relativeSse, state: { level, slope, seasonal }, phase: y.length % Math.max(m, 1) };
}

function paramsOf(x: number[], spec: EtsSpec): Params {
  let i = 0;
  const alpha = logistic(x[i++], 0.0001, 0.9999);
  const beta = spec.trend === 'none' ? 0 : logistic(x[i++], 0.0001, 0.9999);
  const gamma = spec.season === 'none' ? 0 : logistic(x[i++], 0.0001, 0.9999);
  const phi = spec.trend === 'damped' ? logistic(x[i++], PHI[0], PHI[1]) : 1;
  return { alpha, beta, gamma, phi };
}

export function etsLabel(spec: EtsSpec): string {
  return `ETS(${spec.season === 'multiplicative' ? 'M' : 'A'},${spec.trend === 'damped' ? 'Ad' : 'N'},${{ none: 'N', additive: 'A', multiplicative: 'M' }[spec.season]})`;
}

export interface EtsFit extends FittedModel {
  spec: EtsSpec;
  params: Params;
  aicc: number;
}

export function fitEts(y: readonly number[], spec: EtsSpec, season: number): EtsFit {
  const m = spec.season === 'none' ? 1 : season;
  const init = initialState(y, spec, m);
  const start = [logit(0.3, 0.0001, 0.9999)];
  if (spec.trend !== 'none') start.push(logit(0.1, 0.0001, 0.9999));
  if (spec.season !== 'none') start.push(logit(0.1, 0.0001, 0.9999));
  if (spec.trend === 'damped') start.push(logit(0.9, PHI[0], PHI[1]));
  const objective = (x: number[]) => {
    const r = filter(y, spec, m, paramsOf(x, spec), init);
    return Number.isFinite(r.sse) ? r.sse : Number.MAX_VALUE;
  };
  const params = paramsOf(nelderMead(objective, start, 60 * start.length, 1), spec);
  const run = filter(y, spec, m, params, init);
  const n = y.length;
  const k = start.length + 1 + (spec.trend === 'none' ? 0 : 1) + (spec.season === 'none' ? 0 : m - 1);
  const aicc = n * Math.log(run.sse / n) + 2 * k + (n - k - 1 > 0 ? (2 * k * (k + 1)) / (n - k - 1) : Number.POSITIVE_INFINITY);
  const sigma = Math.sqrt(run.sse / Math.max(1, n - k));
  const relativeSigma = Math.sqrt(run.relativeSse / Math.max(1, n - k));
  const { level, slope, seasonal } = run.state;
  const forecast = (h: number) =>
    Array.from({ length: h }, (_, i) => {
      let damp = 0;
      for (let j = 1, f = params.phi; j <= i + 1; j++, f *= params.phi) damp += f;
      const base = level + damp * slope;
      const s = spec.season === 'none' ? 0 : seasonal[(run.phase + i) % m];
      return spec.season === 'multiplicative' ? base * s : base + s;
    });
  return {
    label: etsLabel(spec),
    spec,
    params,
    aicc,
    forecast,
    errorSd: (h) => {
      const means = forecast(h);
      let cumulative = 1;
      return means.map((f, i) => {
        const sd = Math.sqrt(cumulative) * (spec.season === 'multiplicative' ? relativeSigma * Math.abs(f) : sigma);
        const j = i + 1;
        let damp = 0;
        for (let q = 1, g = params.phi; q <= j; q++, g *= params.phi) damp += g;
        const psi = params.alpha * (1 + params.beta * damp) + (m > 1 && j % m === 0 ? params.gamma * (1 - params.alpha) : 0);
        cumulative += psi * psi;
        return sd;
      });
    },
  };
}

/** The ETS variants worth fitting to a series with this season (multiplicative only for positive data). */
export function etsCandidates(y: readonly number[], season: number): EtsSpec[] {
  const seasons: SeasonKind[] = season > 1 && y.length >= 2 * season + 2 ? ['additive', ...(y.every((v) => v > 0) ? (['multiplicative'] as const) : [])] : ['none'];
  const trends: TrendKind[] = y.length >= 10 ? ['none', 'damped'] : ['none'];
  return seasons.flatMap((s) => trends.map((t) => ({ trend: t, season: s })));
}

export function fitBestEts(y: readonly number[], season: number): EtsFit {
  return etsCandidates(y, season)
    .map((spec) => fitEts(y, spec, season))
    .reduce((best, fit) => (fit.aicc < best.aicc ? fit : best));
}

export const etsModel: ForecastModel = {
  label: 'Exponential smoothing (ETS, chosen by AICc)',
  minLength: () => 4,
  fit: (y, season) => fitBestEts(y, season),
};
