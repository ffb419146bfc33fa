// Rolling-origin evaluation: refit each method on the data up to an origin, forecast the points after it.
import { mase, maseScale, smape } from './accuracy';
import { fitMethods, type ForecastMethod } from './registry';

export interface OriginErrors {
  origin: number;
  actual: number[];
  forecast: number[];
  /** The model's own standard deviation for each step, to calibrate intervals. */
  errorSd: number[];
  mase: number;
  smape: number;
}

export interface MethodBacktest {
  method: ForecastMethod;
  label: string;
  mase: number;
  smape: number;
  origins: OriginErrors[];
}

export interface BacktestPlan {
  horizon: number;
  origins: number[];
}

/** The shortest training set worth fitting with this season. */
export function minimumTraining(season: number): number {
  return season > 1 ? Math.max(2 * season + 2, 8) : 6;
}

/** Up to `maxOrigins` origins, the last leaving `horizon` points to check, stepping back by half a horizon. */
export function planBacktest(n: number, season: number, horizon: number, maxOrigins = 3): BacktestPlan | null {
  const minTrain = Math.min(minimumTraining(season), Math.max(6, n - 1));
  const h = Math.min(horizon, n - minTrain);
  if (h < 1) return null;
  const step = Math.max(1, Math.floor(h / 2));
  const origins: number[] = [];
  for (let o = n - h; o >= minTrain && origins.length < maxOrigins; o -= step) origins.push(o);
  return origins.length ? { horizon: h, origins } : null;
}

const average = (xs: number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;

export function backtest(values: readonly number[], season: number, methods: readonly ForecastMethod[], plan: BacktestPlan): MethodBacktest[] {
  const byMethod = new Map<ForecastMethod, OriginErrors[]>(methods.map((m) => [m, []]));
  const labels = new Map<ForecastMethod, string>();
  for (const origin of plan.origins) {
    const training = values.slice(0, origin);
    const actual = values.slice(origin, origin + plan.horizon);
    const m = training.length >= 2 * season ? season : 1;
    const scale = maseScale(training, season);
    const fits = fitMethods(training, m, methods);
    for (const [method, fit] of fits) {
      const forecast = fit.forecast(actual.length);
      labels.set(method, fit.label);
      byMethod.get(method)!.push({ origin, actual, forecast, errorSd: fit.errorSd(actual.length), mase: mase(actual, forecast, scale), smape: smape(actual, forecast) });
    }
  }
  return methods.map((method) => {
    const origins = byMethod.get(method)!;
    return { method, label: labels.get(method) ?? method, mase: average(origins.map((o) => o.mase)), smape: average(origins.map((o) => o.smape)), origins };
  });
}
