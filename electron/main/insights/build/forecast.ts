/** Forecast insight: the automatic model's path with 80%/95% bands, against the same periods a
 *  year before, with the backtest error as the measure of trust. */
import { forecast, type ForecastResult, type Frequency } from '../../analytics';
import type { Insight } from '../../../../shared/api/domains/insights';
import { Facts } from '../facts';
import type { Granularity, Horizon } from '../intent';
import { forecastActions } from '../recommendations';
import { bucketPeriod, bucketWords, nextBucket, type SeriesPoint } from '../series';
import { evidenceOf, insightOf, priorityOf, subjectWords, type Subject } from './common';

export const FREQUENCY: Record<Granularity, Frequency> = { day: 'daily', week: 'weekly', month: 'monthly', quarter: 'quarterly', year: 'yearly' };
const DAYS: Record<Granularity, number> = { day: 1, week: 7, month: 30.4375, quarter: 91.3125, year: 365.25 };
const DEFAULT_STEPS: Record<Granularity, number> = { day: 28, week: 12, month: 6, quarter: 4, year: 2 };
const PER_YEAR: Record<Granularity, number> = { day: 365, week: 52, month: 12, quarter: 4, year: 1 };

/** Periods of the series' grain the horizon covers ("next quarter" on monthly data = 3). */
export function stepsFor(horizon: Horizon | undefined, unit: Granularity): number {
  if (!horizon) return DEFAULT_STEPS[unit];
  return Math.max(1, Math.ceil((horizon.count * DAYS[horizon.unit]) / DAYS[unit] - 0.01));
}

export interface ForecastInput {
  subject: Subject;
  unit: Granularity;
  /** Complete periods only, oldest first. */
  history: SeriesPoint[];
  horizon?: Horizon;
}

/** Trust in a forecast from its out-of-sample error (MASE < 1 beats the naive forecast). */
function confidenceFrom(result: ForecastResult): number {
  const error = result.backtest.mase;
  if (error === null) return 0.5;
  return Math.max(0.3, Math.min(0.92, 1 - error / 2.2));
}

export function buildForecastInsight(input: ForecastInput): Insight {
  const { subject, unit, history } = input;
  const steps = stepsFor(input.horizon, unit);
  const result = forecast(history.map((p) => p.value), { horizon: steps, frequency: FREQUENCY[unit] });
  const facts = new Facts(subject.metric.format);
  const labels: string[] = [];
  for (let i = 0, t = history[history.length - 1].t; i < steps; i++) labels.push((t = nextBucket(t, unit)));
  const [first, last] = [labels[0], labels[labels.length - 1]];
  const horizonLabel = steps === 1 ? bucketWords(first, unit) : `${bucketWords(first, unit)} to ${bucketWords(last, unit)}`;
  const additive = subject.metric.additive;
  const means = result.points.map((p) => p.mean);
  const projected = additive ? means.reduce((s, x) => s + x, 0) : means.reduce((s, x) => s + x, 0) / means.length;
  const yearBack = PER_YEAR[unit] > 1 ? labels.map((_, i) => history[history.length - PER_YEAR[unit] + i]).filter((p): p is SeriesPoint => Boolean(p)) : [];
  const comparable = yearBack.length === steps ? (additive ? sum(yearBack) : sum(yearBack) / steps) : null;
  const change = comparable ? (projected - comparable) / Math.abs(comparable) : null;
  const confidence = confidenceFrom(result);
  const what = subjectWords(subject);
  const total = facts.value(additive ? `forecast total ${horizonLabel}` : `forecast average ${horizonLabel}`, projected);
  const comparisonLabel = 'the same periods a year earlier';
  const vs = change !== null && comparable !== null ? `, ${change >= 0 ? '▲' : '▼'} ${facts.share('change on a year earlier', change)} on ${comparisonLabel} (${facts.value('same periods a year earlier', comparable)})` : '';
  const headline = `${what} is forecast at ${total} ${additive ? 'in total' : 'on average'} for ${horizonLabel}${vs}.`;
  const p0 = result.points[0];
  const level80 = facts.value('prediction interval 80%', 0.8, 'fraction-percent');
  const level95 = facts.value('prediction interval 95%', 0.95, 'fraction-percent');
  const firstWords = bucketWords(first, unit);
  const beat = result.backtest.mase !== null && result.backtest.mase < 1;
  const summary = `${firstWords} is expected at ${facts.value(`${firstWords} forecast`, p0.mean)}; there is an ${level80} chance it lands between ${facts.value(`${firstWords} 80% low`, p0.lo80)} and ${facts.value(`${firstWords} 80% high`, p0.hi80)}. `
    + `Tested on held-back history, this method ${beat ? 'beat' : 'did not beat'} simply repeating last season's figures${beat ? '' : ', so treat the range with care'}.`;
  const { mase, smape } = result.backtest;
  const statistics = `Model ${result.model} (season ${facts.count('season length', result.season)}), chosen by rolling-origin backtest over ${facts.count('backtest origins', result.backtest.origins)} origins: `
    + `MASE ${mase !== null ? facts.stat('backtest MASE', mase) : 'n/a'}, sMAPE ${smape !== null ? facts.value('backtest sMAPE', smape, 'percent') : 'n/a'}. `
    + `${level95} interval for ${firstWords}: ${facts.value(`${firstWords} 95% low`, p0.lo95)}–${facts.value(`${firstWords} 95% high`, p0.hi95)}; intervals widened ×${facts.stat('interval scale', result.intervalScale)} to match backtest errors.`;
  return insightOf(subject, {
    kind: 'forecast', headline, summary, statistics, confidence,
    impact: change !== null && comparable !== null ? { value: projected - comparable, text: facts.value('forecast difference', projected - comparable), description: `${additive ? 'Total' : 'Average'} over ${horizonLabel} against ${comparisonLabel}` } : null,
    priority: priorityOf(change, confidence, (change ?? 0) < 0),
    significant: change !== null && Math.abs(change) >= 0.05 && confidence >= 0.6,
    evidence: evidenceOf(subject, facts, {
      method: `Automatic forecast: ${result.model}, chosen among seasonal naive, exponential smoothing, Theta and their combination by the lowest backtest MASE`,
      inputs: [`${history.length} complete ${unit}s of ${subject.metric.name}, ${bucketWords(history[0].t, unit)} to ${bucketWords(history[history.length - 1].t, unit)}`],
      parameters: { method: result.method, model: result.model, season: result.season, horizon: steps, frequency: FREQUENCY[unit], intervalScale: round(result.intervalScale) },
      backtest: { mase, smape, folds: result.backtest.origins },
      scope: [...subject.filters, horizonLabel],
    }),
    recommendations: forecastActions(facts, { metric: subject.metric.name, horizonLabel, firstLabel: firstWords, firstLo: p0.lo80, firstHi: p0.hi80, change, comparisonLabel }),
    chart: {
      kind: 'band', title: `${what}: forecast for ${horizonLabel}`, format: subject.metric.format, yLabel: subject.metric.name,
      points: [
        ...history.map((p) => ({ t: p.t, actual: p.value, mean: null, lo80: null, hi80: null, lo95: null, hi95: null })),
        ...result.points.map((p, i) => ({ t: labels[i], actual: null, mean: p.mean, lo80: p.lo80, hi80: p.hi80, lo95: p.lo95, hi95: p.hi95 })),
      ],
    },
    period: { start: bucketPeriod(first, unit).start, end: bucketPeriod(last, unit).end, label: horizonLabel },
  });
}

function sum(points: SeriesPoint[]): number {
  return points.reduce((s, p) => s + p.value, 0);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
