// Forecast models as plug-ins; `combination` averages other fitted members instead of fitting its own.
import { etsModel } from './ets';
import { seasonalNaiveModel } from './seasonalNaive';
import { thetaModel } from './theta';
import type { FittedModel, ForecastModel } from './types';

const COMBINED = ['ets', 'theta'] as const;

export function combineFits(members: readonly FittedModel[]): FittedModel {
  const average = (rows: number[][]) => rows[0].map((_, i) => rows.reduce((s, r) => s + r[i], 0) / rows.length);
  return {
    label: `Combination of ${members.map((m) => m.label).join(' and ')}`,
    forecast: (h) => average(members.map((m) => m.forecast(h))),
    // The average of the members' standard deviations bounds the combination's (errors correlate positively).
    errorSd: (h) => average(members.map((m) => m.errorSd(h))),
  };
}

export const FORECAST_MODELS = {
  seasonal_naive: seasonalNaiveModel,
  ets: etsModel,
  theta: thetaModel,
  combination: { label: 'Combination (mean of ETS and Theta)', minLength: () => 4, members: COMBINED },
} as const satisfies Record<string, ForecastModel | { label: string; minLength(m: number): number; members: readonly string[] }>;

export type ForecastMethod = keyof typeof FORECAST_MODELS;
export const FORECAST_METHODS = Object.keys(FORECAST_MODELS) as ForecastMethod[];

/** Fits every requested method on `values`, fitting each member of a combination only once. */
export function fitMethods(values: readonly number[], season: number, methods: readonly ForecastMethod[]): Map<ForecastMethod, FittedModel> {
  const fitted = new Map<ForecastMethod, FittedModel>();
  const fitOne = (name: ForecastMethod): FittedModel => {
    const cached = fitted.get(name);
    if (cached) return cached;
    const model = FORECAST_MODELS[name];
    const fit = 'members' in model ? combineFits(model.members.map((m) => fitOne(m))) : model.fit(values, season);
    fitted.set(name, fit);
    return fit;
  };
  const out = new Map<ForecastMethod, FittedModel>();
  for (const name of methods) out.set(name, fitOne(name));
  return out;
}
