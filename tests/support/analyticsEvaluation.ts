// Scores automatic forecasts against seasonal naive and anomaly detection against injected labels.
import { detectAnomalies, FORECAST_MODELS, forecast, mase, maseScale, smape } from '../../electron/main/analytics/index';
import { seriesWithAnomalies, syntheticSeries } from './syntheticSeries';

export interface ForecastEvaluation {
  series: number;
  auto: { smape: number; mase: number; coverage80: number; coverage95: number };
  seasonalNaive: { smape: number; mase: number };
  chosen: Record<string, number>;
  msPerSeries: number;
}

export function evaluateForecasts(
  seeds: readonly number[],
  length: number,
  season: number,
  horizon: number,
  generate: (seed: number, length: number) => number[] = (seed, n) => syntheticSeries(seed, n, season).values,
): ForecastEvaluation {
  let [autoSmape, autoMase, naiveSmape, naiveMase, in80, in95, points, ms] = [0, 0, 0, 0, 0, 0, 0, 0];
  const chosen: Record<string, number> = {};
  for (const seed of seeds) {
    const values = generate(seed, length + horizon);
    const [train, test] = [values.slice(0, length), values.slice(length)];
    const started = performance.now();
    const result = forecast(train, { horizon, season });
    ms += performance.now() - started;
    chosen[result.method] = (chosen[result.method] ?? 0) + 1;
    const means = result.points.map((p) => p.mean);
    const naive = FORECAST_MODELS.seasonal_naive.fit(train, season).forecast(horizon);
    const scale = maseScale(train, season);
    autoSmape += smape(test, means);
    autoMase += mase(test, means, scale);
    naiveSmape += smape(test, naive);
    naiveMase += mase(test, naive, scale);
    result.points.forEach((p, i) => {
      in80 += test[i] >= p.lo80 && test[i] <= p.hi80 ? 1 : 0;
      in95 += test[i] >= p.lo95 && test[i] <= p.hi95 ? 1 : 0;
      points++;
    });
  }
  const n = seeds.length;
  return {
    series: n,
    auto: { smape: autoSmape / n, mase: autoMase / n, coverage80: in80 / points, coverage95: in95 / points },
    seasonalNaive: { smape: naiveSmape / n, mase: naiveMase / n },
    chosen,
    msPerSeries: ms / n,
  };
}

export interface AnomalyEvaluation {
  series: number;
  injected: number;
  flagged: number;
  precision: number;
  recall: number;
  levelShiftRecall: number;
}

/** A flag matches an injected point anomaly at the same index, a level shift within two points. */
export function evaluateAnomalies(seeds: readonly number[], length: number, season: number): AnomalyEvaluation {
  let [injected, flagged, truePositives, found, shifts, shiftsFound] = [0, 0, 0, 0, 0, 0];
  for (const seed of seeds) {
    const series = seriesWithAnomalies(seed, length, season);
    const result = detectAnomalies(series.values, { season });
    const matches = (a: { index: number; kind: string }, b: { index: number; kind: string }) =>
      a.kind === 'level_shift' || b.kind === 'level_shift' ? a.kind === b.kind && Math.abs(a.index - b.index) <= 2 : a.index === b.index;
    injected += series.injected.length;
    flagged += result.anomalies.length;
    truePositives += result.anomalies.filter((a) => series.injected.some((b) => matches(a, b))).length;
    found += series.injected.filter((b) => result.anomalies.some((a) => matches(a, b))).length;
    const levelShifts = series.injected.filter((b) => b.kind === 'level_shift');
    shifts += levelShifts.length;
    shiftsFound += levelShifts.filter((b) => result.anomalies.some((a) => matches(a, b))).length;
  }
  return {
    series: seeds.length,
    injected,
    flagged,
    precision: flagged ? truePositives / flagged : 1,
    recall: injected ? found / injected : 1,
    levelShiftRecall: shifts ? shiftsFound / shifts : 1,
  };
}
