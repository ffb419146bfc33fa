// Automatic forecasting: detect the season, backtest every method from rolling origins, keep the
// lowest MASE, and widen its model-based intervals by how far the backtest errors actually fell.
import { normalQuantile } from '../stats/distributions';
import { AnalyticsInputError } from '../stats/types';
import { validateSeries } from '../series/validate';
import { detectSeason } from '../series/seasonality';
import type { Frequency } from '../series/time';
import { backtest, planBacktest, type MethodBacktest } from './backtest';
import { FORECAST_METHODS, fitMethods, type ForecastMethod } from './registry';

export const MIN_FORECAST_POINTS = 8;

export interface ForecastOptions {
  horizon: number;
  /** Fixed seasonal period; detected from the data (and `frequency`) when omitted. */
  season?: number;
  frequency?: Frequency;
  /** Candidate methods (default: all); one method skips the choice but still backtests. */
  methods?: readonly ForecastMethod[];
}

export interface ForecastPoint {
  step: number;
  mean: number;
  lo80: number;
  hi80: number;
  lo95: number;
  hi95: number;
}

export interface ForecastResult {
  method: ForecastMethod;
  /** The fitted model, e.g. "ETS(A,Ad,M)". */
  model: string;
  season: number;
  horizon: number;
  points: ForecastPoint[];
  backtest: {
    mase: number | null;
    smape: number | null;
    horizon: number;
    origins: number;
    /** Every candidate's errors, best first. */
    candidates: Array<{ method: ForecastMethod; model: string; mase: number; smape: number }>;
  };
  /** How much the model's own intervals were widened to match the backtest errors (1 = not at all). */
  intervalScale: number;
}

/** Pseudo-observations that pull the interval scale towards the model's own variance when the backtest is short. */
const PRIOR_WEIGHT = 8;

function intervalScale(chosen: MethodBacktest | undefined): number {
  if (!chosen) return 1.25;
  let sum = 0;
  let count = 0;
  for (const o of chosen.origins) {
    o.actual.forEach((y, i) => {
      const sd = o.errorSd[i];
      if (sd > 0 && Number.isFinite(sd)) {
        sum += ((y - o.forecast[i]) / sd) ** 2;
        count++;
      }
    });
  }
  const scale = Math.sqrt((PRIOR_WEIGHT + sum) / (PRIOR_WEIGHT + count));
  return Math.min(3, Math.max(1, scale));
}

export function forecast(values: readonly number[], options: ForecastOptions): ForecastResult {
  validateSeries(values, MIN_FORECAST_POINTS);
  const { horizon } = options;
  if (!Number.isInteger(horizon) || horizon < 1) throw new AnalyticsInputError(`The horizon must be a whole number of periods ≥ 1 (got ${horizon}).`);
  const requested = options.season ?? detectSeason(values, options.frequency ?? 'index');
  const season = requested > 1 && values.length >= 2 * requested + 2 ? requested : 1;
  const methods = options.methods?.length ? options.methods : FORECAST_METHODS;
  const plan = planBacktest(values.length, season, horizon);
  const results = plan ? backtest(values, season, methods, plan).sort((a, b) => a.mase - b.mase || methods.indexOf(a.method) - methods.indexOf(b.method)) : [];
  const method = results[0]?.method ?? (methods.includes('combination') ? 'combination' : methods[0]);
  const fit = fitMethods(values, season, [method]).get(method)!;
  const means = fit.forecast(horizon);
  const scale = intervalScale(results[0]);
  const sds = fit.errorSd(horizon).map((s) => s * scale);
  const [z80, z95] = [normalQuantile(0.9), normalQuantile(0.975)];
  return {
    method,
    model: fit.label,
    season,
    horizon,
    points: means.map((mean, i) => ({ step: i + 1, mean, lo80: mean - z80 * sds[i], hi80: mean + z80 * sds[i], lo95: mean - z95 * sds[i], hi95: mean + z95 * sds[i] })),
    backtest: {
      mase: results[0]?.mase ?? null,
      smape: results[0]?.smape ?? null,
      horizon: plan?.horizon ?? 0,
      origins: plan?.origins.length ?? 0,
      candidates: results.map((r) => ({ method: r.method, model: r.label, mase: r.mase, smape: r.smape })),
    },
    intervalScale: scale,
  };
}
