/** Settles a plan's time range and shape: growth and period comparisons, shares, ratios, ranking. */
import { measureTable } from './compile';
import type { MetricModel, SemanticModel } from './model';
import type { Filter, Measure, QueryPlan } from './plan';
import type { Parsed } from './outcome';
import { addDays, previousPeriod, shiftPeriod, type Period, type TimeMention } from './time';
import { tablesOf, walk } from './ast';

/** Resolves the periods a question names, including "same … last year" and "the … before". */
export function resolvePeriods(times: TimeMention[], base?: Period, splitRanges = false): Period[] {
  const out: Period[] = [];
  for (const t of times) {
    if (t.range && splitRanges && t.period) {
      const [first, last] = [+t.period.start.slice(0, 4), +t.period.end.slice(0, 4) - 1];
      out.push({ start: `${first}-01-01`, end: `${first + 1}-01-01`, label: String(first) }, { start: `${last}-01-01`, end: `${last + 1}-01-01`, label: String(last) });
      continue;
    }
    if (t.period && t.point === undefined) out.push(t.period);
    const anchor = out[out.length - 1] ?? base;
    if (t.shiftYears && anchor) out.push(shiftPeriod(anchor, t.shiftYears));
    if (t.previous && anchor) out.push(previousPeriod(anchor));
  }
  return out;
}

function union(periods: Period[]): Period {
  const start = periods.map((p) => p.start).sort()[0];
  const end = periods.map((p) => p.end).sort().reverse()[0];
  return { start, end, label: periods.map((p) => p.label).join(' and ') };
}

/** Columns a metric's own filter constrains (e.g. status for "revenue excludes cancelled"). */
function filterColumns(metric: MetricModel): Set<string> {
  const out = new Set<string>();
  if (metric.filter) walk(metric.filter, (e) => { if (e.k === 'col') out.add(`${e.table}.${e.column}`); });
  return out;
}

/** A question filtering on the very column a metric's filter fixes wants the unfiltered measure. */
function releaseConflictingFilters(plan: QueryPlan): void {
  plan.measures = plan.measures.map((m): Measure => {
    if (m.kind !== 'metric' || !m.metric.filter) return m;
    const cols = filterColumns(m.metric);
    const clash = plan.filters.some((f) => cols.has(`${f.table}.${f.column}`) && !(f.kind === 'values' && f.negated));
    return clash ? { kind: 'metric', metric: { ...m.metric, filter: undefined, tables: m.metric.tables.filter((t) => t === m.metric.factTable || tablesOf(m.metric.expr).has(t) || t === m.metric.time?.table) } } : m;
  });
}

const REVENUE_WORDS = /\b(revenue|net sales|sales|turnover)\b/;

function revenueMetric(model: SemanticModel, except: MetricModel): MetricModel | undefined {
  return model.metrics.find((m) => m !== except && REVENUE_WORDS.test(m.name)) ?? model.metrics.find((m) => m !== except && m.phrases.some((p) => REVENUE_WORDS.test(p.stems.join(' '))));
}

export function shapeAndTime(model: SemanticModel, plan: QueryPlan, p: Parsed, now: string): QueryPlan {
  const { cues } = p;
  const periods = resolvePeriods(p.times, undefined, cues.growth || cues.compare);
  const point = p.times.find((t) => t.point)?.point;
  const m0 = plan.measures[0];
  if (m0.kind === 'metric' && m0.metric.snapshot) {
    plan.asOf = point ?? (periods.length ? (periods[periods.length - 1].end > now ? now : addDays(periods[periods.length - 1].end, -1)) : now);
  } else if (point) {
    const t = p.times.find((x) => x.point)!;
    periods.push(t.period!);
  }
  releaseConflictingFilters(plan);

  if (periods.length >= 2 && (cues.growth || cues.compare)) {
    const [a, b] = periods;
    if (cues.growth) {
      const [current, previous] = a.start >= b.start ? [a, b] : [b, a];
      plan.shape = { kind: 'growth', current, previous };
    } else {
      plan.shape = { kind: 'periods', periods: [a, b] };
    }
  } else if (periods.length >= 1 && cues.growth && !(m0.kind === 'metric' && m0.metric.snapshot)) {
    plan.shape = { kind: 'growth', current: periods[0], previous: cues.yearOverYear ? shiftPeriod(periods[0], -1) : previousPeriod(periods[0]) };
  } else if (periods.length) {
    plan.period = periods.length === 1 ? periods[0] : union(periods);
  }
  if (m0.kind === 'metric' && m0.metric.snapshot) plan.period = undefined;

  if (plan.shape.kind === 'basic') shapeShares(model, plan, p);
  if (cues.rank) {
    const first = p.text.trim().split(' ')[0];
    const winnerOnly = !cues.rank.explicitN && /^(which|what|who|on|in|name)$/.test(first);
    if (plan.dims.length || plan.shape.kind === 'growth') plan.order = { desc: cues.rank.desc, limit: cues.rank.limit, winnerOnly };
  }
  if (cues.compare && plan.shape.kind === 'basic') {
    const multi = plan.filters.find((f) => f.kind === 'values' && f.values.length > 1 && !f.negated);
    if (multi && !plan.dims.some((d) => d.kind === 'column' && d.table === multi.table && d.column === multi.column)) {
      plan.dims.push({ kind: 'column', table: multi.table, column: multi.column, label: multi.column });
    }
  }
  return plan;
}

function shapeShares(model: SemanticModel, plan: QueryPlan, p: Parsed): void {
  const { cues } = p;
  const percent = cues.percent || /\bin %|\bpercent/.test(p.text);
  if (cues.ratioOf && plan.measures.length >= 2) {
    plan.shape = { kind: 'ratio', percent };
    plan.measures = plan.measures.slice(0, 2);
    return;
  }
  if (!cues.share) return;
  const part = [...plan.filters].reverse().find((f): f is Extract<Filter, { kind: 'values' }> => f.kind === 'values' && !f.negated);
  const m0 = plan.measures[0];
  if (part && /\b(of|from)\b/.test(p.text) && !(plan.dims.length && /\beach\b|'s share/.test(p.text))) {
    plan.filters = plan.filters.filter((f) => f !== part);
    plan.shape = { kind: 'partShare', part, percent: percent || /\bshare\b/.test(p.text) };
    return;
  }
  if (plan.dims.length && /\b(share|proportion|percent of total|percentage of total|of total|each)\b/.test(p.text) && plan.measures.length === 1) {
    plan.shape = { kind: 'shareOfTotal' };
    return;
  }
  if (percent && m0.kind === 'metric' && plan.measures.length === 1 && /margin|profit/.test(m0.metric.name + p.text)) {
    const revenue = revenueMetric(model, m0.metric);
    if (revenue && measureTable({ kind: 'metric', metric: revenue }) === m0.metric.factTable) {
      plan.measures = [m0, { kind: 'metric', metric: revenue }];
      plan.shape = { kind: 'ratio', percent: true };
    }
  }
}
