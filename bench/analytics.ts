// Analytics benchmark on our own generated series: automatic forecasts against seasonal naive
// (accuracy and interval coverage, same run), time to forecast 1,000 monthly series of 100 points
// (target < 60 s), forecasts on families outside the main generator, and anomaly precision/recall
// on series with injected spikes, dips and level shifts.
import { FORECAST_MODELS } from '../electron/main/analytics/index';
import { evaluateAnomalies, evaluateForecasts, type AnomalyEvaluation, type ForecastEvaluation } from '../tests/support/analyticsEvaluation';
import { STRESS_FAMILIES, syntheticSeries } from '../tests/support/syntheticSeries';

const SERIES = 1000;
const LENGTH = 100;
const HORIZON = 12;
const round = (x: number, digits = 4) => Number(x.toFixed(digits));

function accuracy(r: ForecastEvaluation) {
  return {
    series: r.series,
    auto: { smape: round(r.auto.smape), mase: round(r.auto.mase), coverage80: round(r.auto.coverage80), coverage95: round(r.auto.coverage95) },
    seasonal_naive: { smape: round(r.seasonalNaive.smape), mase: round(r.seasonalNaive.mase) },
    smape_ratio_vs_seasonal_naive: round(r.auto.smape / r.seasonalNaive.smape),
    mase_ratio_vs_seasonal_naive: round(r.auto.mase / r.seasonalNaive.mase),
    chosen: r.chosen,
  };
}

const detection = (r: AnomalyEvaluation) => ({ ...r, precision: round(r.precision), recall: round(r.recall), levelShiftRecall: round(r.levelShiftRecall) });

/** Generating the series and forecasting them with seasonal naive: the floor the automatic choice is timed against. */
function seasonalNaiveMs(seeds: readonly number[]): number {
  const started = performance.now();
  for (const seed of seeds) FORECAST_MODELS.seasonal_naive.fit(syntheticSeries(seed, LENGTH, 12).values, 12).forecast(HORIZON);
  return performance.now() - started;
}

export async function benchAnalytics() {
  const seeds = Array.from({ length: SERIES }, (_, i) => 200_000 + i);
  const started = performance.now();
  const monthly = evaluateForecasts(seeds, LENGTH, 12, HORIZON);
  const totalMs = performance.now() - started;
  const naiveMs = seasonalNaiveMs(seeds);
  const daily = evaluateForecasts(seeds.slice(0, 200), 140, 7, 14);
  const stress = Object.fromEntries(
    Object.entries(STRESS_FAMILIES).map(([name, generate]) => [name, accuracy(evaluateForecasts(seeds.slice(0, 100), LENGTH, 12, HORIZON, generate))]),
  );
  return {
    forecast_monthly: {
      ...accuracy(monthly),
      total_seconds_1000_series: round(totalMs / 1000, 2),
      target_seconds: 60,
      ms_per_series: round(monthly.msPerSeries, 2),
      generate_and_seasonal_naive_ms_per_series: round(naiveMs / SERIES, 3),
    },
    forecast_daily: { ...accuracy(daily), ms_per_series: round(daily.msPerSeries, 2) },
    forecast_monthly_stress_families: stress,
    anomalies_monthly: detection(evaluateAnomalies(seeds.slice(0, 300), 120, 12)),
    anomalies_daily: detection(evaluateAnomalies(seeds.slice(300, 500), 200, 7)),
  };
}
