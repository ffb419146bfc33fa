/** Cheap checks on an ordinary time-series answer: is the latest period anomalous, did the level
 *  shift, is next month on course to fall below the same month a year earlier? Cards only when significant. */
import { MIN_ANOMALY_POINTS } from '../analytics';
import type { Insight } from '../../../shared/api/domains/insights';
import type { QueryResult } from '../../../shared/api/domains/query';
import { humanizeColumn } from '../../../shared/charts/format';
import type { ValueFormat } from '../../../shared/charts/spec';
import { buildAnomalyInsight } from './build/anomalies';
import { buildForecastInsight } from './build/forecast';
import type { Granularity } from './intent';
import { bucketOf, type SeriesPoint } from './series';

const NON_ADDITIVE = /avg|average|mean|median|rate|ratio|percent|pct|share|margin/i;
/** Two years of months: enough for a seasonal forecast against the same month a year earlier. */
const FORECAST_HISTORY = 24;

export function proactiveInsights(result: QueryResult, options: { now: string; format: ValueFormat }): Insight[] {
  const series = timeSeriesOf(result);
  if (!series || series.points.length < MIN_ANOMALY_POINTS + 1) return [];
  const incompleteLast = series.points[series.points.length - 1].t >= bucketOf(options.now, series.unit);
  const subject = {
    metric: { name: humanizeColumn(series.measure).toLowerCase(), format: options.format, additive: !NON_ADDITIVE.test(series.measure) },
    filters: [], queries: [{ purpose: 'the answer’s query', sql: result.sql, sqlHash: result.sqlHash, rowCount: result.rowCount }],
  };
  const cards: Insight[] = [];
  const latest = buildAnomalyInsight({ subject, unit: series.unit, points: series.points, incompleteLast, latestOnly: true });
  if (latest?.significant) cards.push(latest);
  const history = incompleteLast ? series.points.slice(0, -1) : series.points;
  if (series.unit === 'month' && history.length >= FORECAST_HISTORY) {
    const ahead = buildForecastInsight({ subject, unit: 'month', history, horizon: { count: 1, unit: 'month' } });
    if (ahead.significant && (ahead.impact?.value ?? 0) < 0) cards.push({ ...ahead, kind: 'target' });
  }
  return cards;
}

/** A result that is one measure over time (period label first, number last). */
export function timeSeriesOf(result: Pick<QueryResult, 'columns' | 'rows' | 'truncated'>): { unit: Granularity; measure: string; points: SeriesPoint[] } | null {
  if (result.columns.length !== 2 || result.truncated) return null;
  const labels = result.rows.map((r) => String(r[0] ?? ''));
  const values = result.rows.map((r) => Number(r[1]));
  if (!values.length || values.some((v) => !Number.isFinite(v))) return null;
  const unit: Granularity | null = labels.every((l) => /^\d{4}-\d{2}$/.test(l)) ? 'month'
    : labels.every((l) => /^\d{4}-\d{2}-\d{2}/.test(l)) ? (daysApart(labels) === 7 ? 'week' : 'day')
      : labels.every((l) => /^\d{4}$/.test(l)) ? 'year' : null;
  if (!unit) return null;
  const points = labels.map((t, i) => ({ t: t.slice(0, unit === 'month' ? 7 : unit === 'year' ? 4 : 10), value: values[i] }));
  if (points.some((p, i) => i > 0 && p.t <= points[i - 1].t)) return null;
  return { unit, measure: result.columns[1].name, points };
}

function daysApart(labels: string[]): number {
  return labels.length > 1 ? Math.round((Date.parse(labels[1].slice(0, 10)) - Date.parse(labels[0].slice(0, 10))) / 86_400_000) : 1;
}
