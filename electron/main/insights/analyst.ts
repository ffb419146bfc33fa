/** Runs the analysis a question asks for: reads its measure, filters and period with the NL→SQL
 *  engine, fetches the series or segments through the guarded query path, and builds the insight. */
import { AnalyticsInputError, MIN_ANOMALY_POINTS, MIN_FORECAST_POINTS } from '../analytics';
import type { Insight } from '../../../shared/api/domains/insights';
import type { QueryPlan } from '../nl2sql/plan';
import { previousPeriod, shiftPeriod, type Period } from '../nl2sql/time';
import { buildAnomalyInsight } from './build/anomalies';
import type { Subject } from './build/common';
import { buildCorrelationInsight } from './build/correlation';
import { buildForecastInsight } from './build/forecast';
import { buildRootCauseInsight } from './build/rootCause';
import { buildSignificanceInsight, groupsOf } from './build/significance';
import { buildWhatIfInsight, scenarioOf } from './build/whatIf';
import type { AnalysisIntent, Granularity } from './intent';
import { bucketOf, bucketPeriod, type EvidenceQuery, type Reading, type SeriesFetcher } from './series';

/** The question cannot be analysed as asked; the message says what to do instead. */
export class InsightUnavailableError extends Error {
  override name = 'InsightUnavailableError';
  constructor(message: string, readonly hint?: string) {
    super(message);
  }
}

export interface Analysis {
  insight: Insight;
  reading: Reading;
}

/** The analysis, or null when the engine cannot read the question's measure (the ordinary answer follows). */
export async function analyse(intent: AnalysisIntent, fetcher: SeriesFetcher): Promise<Analysis | null> {
  const reading = fetcher.read(intent.base);
  if (!reading) return null;
  const queries: EvidenceQuery[] = [];
  const subject: Subject = { metric: reading.metric, filters: filterWords(reading.plan), queries };
  try {
    const insight = await run(intent, reading, subject, fetcher);
    return insight ? { insight, reading } : null;
  } catch (error) {
    if (error instanceof AnalyticsInputError) throw new InsightUnavailableError(`Cannot analyse ${reading.metric.name} this way: ${error.message}`, 'Ask for a longer period or a coarser grain (by month instead of by day).');
    throw error;
  }
}

async function run(intent: AnalysisIntent, reading: Reading, subject: Subject, fetcher: SeriesFetcher): Promise<Insight | null> {
  const { plan } = reading;
  switch (intent.kind) {
    case 'forecast': {
      const unit = intent.granularity ?? timeUnitOf(plan) ?? (intent.horizon && ['day', 'week'].includes(intent.horizon.unit) ? intent.horizon.unit : 'month');
      const series = await fetcher.timeSeries(plan, unit);
      subject.queries.push(series.query);
      const history = series.incompleteLast ? series.points.slice(0, -1) : series.points;
      needPoints(history.length, MIN_FORECAST_POINTS, unit, reading.metric.name);
      return buildForecastInsight({ subject, unit, history, horizon: intent.horizon });
    }
    case 'anomalies': {
      const unit = intent.granularity ?? timeUnitOf(plan) ?? 'month';
      const series = await fetcher.timeSeries(plan, unit, { keepPeriod: true });
      subject.queries.push(series.query);
      needPoints(series.points.length - (series.incompleteLast ? 1 : 0), MIN_ANOMALY_POINTS, unit, reading.metric.name);
      return buildAnomalyInsight({ subject, unit, points: series.points, incompleteLast: series.incompleteLast });
    }
    case 'why': {
      const unit = intent.granularity ?? 'month';
      const after = plan.period ?? latestComplete(fetcher.now, unit);
      const before = intent.against === 'last-year' ? { ...shiftPeriod(after, -1), label: `${after.label} a year earlier` } : namedPrevious(after);
      const breakdowns = await fetcher.breakdowns(plan, reading.metric, before, after);
      subject.queries.push(...breakdowns.flatMap((b) => b.queries));
      if (!breakdowns.length) throw new InsightUnavailableError(`No way to split ${reading.metric.name} into segments was found in this data source.`, 'Add a glossary with the dimensions people compare (region, channel…).');
      const history = await fetcher.timeSeries({ ...plan, period: undefined }, 'month').catch(() => null);
      if (history) subject.queries.push(history.query);
      return buildRootCauseInsight({ subject, before, after, breakdowns, direction: intent.direction, history: history?.points ?? [] });
    }
    case 'significance': {
      const groups = groupsOf(plan, fetcher.now);
      if (!groups) throw new InsightUnavailableError('Name the two groups or periods to compare.', 'For example: "is revenue in Europe significantly different from North America?" or "… this year vs last year".');
      const unit = intent.granularity ?? 'month';
      const series = await Promise.all(groups.plans.map((p) => fetcher.timeSeries(p, unit, { keepPeriod: true })));
      subject.queries.push(...series.map((s) => s.query));
      subject.filters = subject.filters.filter((f) => !groups.labels.some((label) => f.includes(label)));
      return buildSignificanceInsight({ subject, unit, groups: series.map((s, i) => ({ label: groups.labels[i], points: s.incompleteLast ? s.points.slice(0, -1) : s.points })) });
    }
    case 'correlation': {
      const second = plan.measures[1] ? plan : fetcher.read(`${intent.terms[1]}`)?.plan;
      if (!second?.measures.length) throw new InsightUnavailableError(`Could not find a measure for “${intent.terms[1]}” in this data source.`, 'Name two measures, e.g. "correlation between orders and average order value".');
      const unit = intent.granularity ?? 'month';
      const measureB = plan.measures[1] ?? second.measures[0];
      const [a, b] = await Promise.all([fetcher.timeSeries(plan, unit, { keepPeriod: true }), fetcher.timeSeries({ ...plan, measures: [measureB] }, unit, { keepPeriod: true })]);
      subject.queries.push(a.query, b.query);
      return buildCorrelationInsight({ subject, unit, a, b, measureB });
    }
    case 'whatIf': {
      const scenario = scenarioOf(reading, intent, fetcher);
      const period = plan.period ?? lastTwelveMonths(fetcher.now);
      const totals = await Promise.all(scenario.parts.map((p) => fetcher.total(plan, p.measure, period)));
      subject.queries.push(...totals.map((t) => t.query));
      return buildWhatIfInsight({ subject, scenario, period, baseline: Object.fromEntries(scenario.parts.map((p, i) => [p.name, totals[i].value ?? Number.NaN])) });
    }
  }
}

function needPoints(have: number, need: number, unit: Granularity, metric: string): void {
  if (have < need) throw new InsightUnavailableError(`Only ${have} complete ${unit}${have === 1 ? '' : 's'} of ${metric} were found; at least ${need} are needed.`, `Ask by a finer grain (by ${unit === 'month' ? 'week' : 'day'}) or over a longer period.`);
}

function timeUnitOf(plan: QueryPlan): Granularity | undefined {
  const dim = plan.dims.find((d) => d.kind === 'time');
  return dim?.kind === 'time' ? dim.unit : undefined;
}

/** The filters as words: "Europe", "Online or Retail". */
export function filterWords(plan: QueryPlan): string[] {
  return plan.filters.flatMap((f) => (f.kind === 'values' && !f.negated ? [f.values.join(' or ')] : []));
}

function latestComplete(now: string, unit: Granularity): Period {
  const current = bucketPeriod(bucketOf(now, unit), unit);
  const previous = previousPeriod(current);
  return { ...previous, label: bucketPeriod(bucketOf(previous.start, unit), unit).label };
}

function namedPrevious(period: Period): Period {
  const before = previousPeriod(period);
  const months = monthsBetween(before.start, before.end);
  const label = months === 1 ? bucketPeriod(before.start.slice(0, 7), 'month').label : months === 3 ? bucketPeriod(bucketOf(before.start, 'quarter'), 'quarter').label : months === 12 && before.start.endsWith('-01-01') ? before.start.slice(0, 4) : `${before.start} to ${before.end}`;
  return { ...before, label };
}

function monthsBetween(start: string, end: string): number {
  return (+end.slice(0, 4) - +start.slice(0, 4)) * 12 + (+end.slice(5, 7) - +start.slice(5, 7));
}

function lastTwelveMonths(now: string): Period {
  const end = `${now.slice(0, 7)}-01`;
  const start = `${+end.slice(0, 4) - 1}${end.slice(4)}`;
  return { start, end, label: 'the last 12 months' };
}
