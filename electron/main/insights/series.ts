/** Fetches what an analysis needs — a time series, a metric per segment for two periods, two
 *  measures side by side — by reading the question with the offline NL→SQL engine and deriving
 *  query plans from its plan. Every statement runs through the guarded query path (guard, masking,
 *  row policies, lineage, audit); nothing of the rows is kept beyond the aggregates shown. */
import type { QueryResult } from '../../../shared/api/domains/query';
import type { ValueFormat } from '../../../shared/charts/spec';
import type { Evidence } from '../../../shared/api/domains/insights';
import { compilePlan, measureAlias } from '../nl2sql/compile';
import type { Nl2SqlEngine } from '../nl2sql/engine';
import { joinDistance, NoJoinPathError } from '../nl2sql/joins';
import type { MetricModel } from '../nl2sql/model';
import type { Dimension, Measure, QueryPlan } from '../nl2sql/plan';
import { renderSelect } from '../nl2sql/render';
import { addDays, addMonths, isoDate, type Period } from '../nl2sql/time';
import type { Granularity } from './intent';

export type RunSql = (sql: string, purpose: string) => Promise<QueryResult>;
export type EvidenceQuery = Evidence['queries'][number];

/** Below this the engine's reading is a guess: the chat asks instead of analysing. */
const MIN_READING_CONFIDENCE = 0.6;
/** Dimensions scanned for a root cause (nearest to the metric's table first). */
const MAX_DIMENSIONS = 6;
const MAX_SEGMENTS = 60;

export interface Reading {
  plan: QueryPlan;
  confidence: number;
  explanation: string;
  metric: MetricInfo;
}

export interface MetricInfo {
  name: string;
  format: ValueFormat;
  /** A sum or count: segments add up to the total, missing periods are zero. */
  additive: boolean;
  /** Numerator and denominator when the metric is a ratio of two additive parts (average order value). */
  parts?: { numerator: Measure; denominator: Measure };
}

export interface SeriesPoint {
  t: string;
  value: number;
}

export interface TimeSeries {
  unit: Granularity;
  points: SeriesPoint[];
  /** The last point is a period still running (relative to the data's reference date). */
  incompleteLast: boolean;
  query: EvidenceQuery;
}

export interface SegmentValues {
  label: string;
  before: number;
  after: number;
}

export interface DimensionBreakdown {
  dimension: string;
  segments: SegmentValues[];
  /** For ratio metrics: numerator and denominator per segment. */
  parts?: { numerator: SegmentValues[]; denominator: SegmentValues[] };
  queries: EvidenceQuery[];
}

const FORMATS: Record<string, ValueFormat> = { currency: 'currency', integer: 'integer', number: 'number', percent: 'percent' };

export class SeriesFetcher {
  constructor(private readonly engine: Nl2SqlEngine, private readonly run: RunSql) {}

  /** The data's reference date ("now"): the glossary's, else today. */
  get now(): string {
    return this.engine.model.now ?? isoDate(new Date());
  }

  /** The engine's reading of the question's measure, filters and period; null when unsure. */
  read(text: string): Reading | null {
    const answer = this.engine.ask(text);
    if (!answer.plan || answer.refusal || answer.clarification || answer.confidence < MIN_READING_CONFIDENCE) return null;
    const measure = answer.plan.measures[0];
    if (!measure) return null;
    return { plan: answer.plan, confidence: answer.confidence, explanation: answer.explanation, metric: metricInfo(measure) };
  }

  /** The plan's first measure per time bucket, oldest first, until the reference date. */
  async timeSeries(plan: QueryPlan, unit: Granularity, options: { keepPeriod?: boolean } = {}): Promise<TimeSeries> {
    const period = options.keepPeriod && plan.period ? { ...plan.period, end: minDate(plan.period.end, this.now) } : undefined;
    const derived: QueryPlan = { ...plan, measures: [plan.measures[0]], dims: [{ kind: 'time', unit, label: unit }], period, shape: { kind: 'basic' }, order: undefined, having: undefined };
    const sql = this.sql(derived);
    const result = await this.run(sql, `${metricInfo(plan.measures[0]).name} by ${unit}`);
    const raw = result.rows.map((row) => ({ t: bucketLabel(row, unit), value: Number(row[row.length - 1]) })).filter((p) => p.t && Number.isFinite(p.value));
    const points = dropPartialStart(fillGaps(raw, unit, metricInfo(plan.measures[0]).additive), unit, metricInfo(plan.measures[0]).additive);
    const current = bucketOf(this.now, unit);
    const upToNow = points.filter((p) => p.t <= current);
    return { unit, points: upToNow, incompleteLast: upToNow.length > 0 && upToNow[upToNow.length - 1].t === current, query: queryOf(sql, result, `${metricInfo(plan.measures[0]).name} by ${unit}`) };
  }

  /** The metric per segment of each relevant dimension, in two periods (root cause). */
  async breakdowns(plan: QueryPlan, metric: MetricInfo, before: Period, after: Period): Promise<DimensionBreakdown[]> {
    const out: DimensionBreakdown[] = [];
    for (const dim of this.dimensions(plan)) {
      try {
        if (metric.parts) {
          const numerator = await this.segmentValues(plan, metric.parts.numerator, dim, before, after);
          if (numerator.segments.length < 2) continue;
          const denominator = await this.segmentValues(plan, metric.parts.denominator, dim, before, after);
          const ratio = (n: number, d: number) => (d ? n / d : 0);
          const segments = numerator.segments.map((n) => {
            const d = denominator.segments.find((x) => x.label === n.label) ?? { before: 0, after: 0 };
            return { label: n.label, before: ratio(n.before, d.before), after: ratio(n.after, d.after) };
          });
          out.push({ dimension: dim.label, segments, parts: { numerator: numerator.segments, denominator: denominator.segments }, queries: [numerator.query, denominator.query] });
          continue;
        }
        const values = await this.segmentValues(plan, plan.measures[0], dim, before, after);
        if (values.segments.length < 2) continue;
        out.push({ dimension: dim.label, segments: values.segments, queries: [values.query] });
      } catch (error) {
        if (error instanceof NoJoinPathError) continue;
        throw error;
      }
    }
    return out;
  }

  /** The metric's total in one period (what-if base, headline figures). */
  async total(plan: QueryPlan, measure: Measure, period: Period | undefined): Promise<{ value: number | null; query: EvidenceQuery }> {
    const derived: QueryPlan = { ...plan, measures: [measure], dims: [], period, shape: { kind: 'basic' }, order: undefined, having: undefined };
    const sql = this.sql(derived);
    const purpose = `${metricInfo(measure).name}${period ? ` in ${period.label}` : ''}`;
    const result = await this.run(sql, purpose);
    const value = Number(result.rows[0]?.[result.rows[0].length - 1]);
    return { value: Number.isFinite(value) ? value : null, query: queryOf(sql, result, purpose) };
  }

  /** Dimension columns the metric can be split by, nearest first; those the question pins to one value are left out. */
  dimensions(plan: QueryPlan): Extract<Dimension, { kind: 'column' }>[] {
    const model = this.engine.model;
    const fact = plan.measures[0].kind === 'metric' ? plan.measures[0].metric.factTable : plan.measures[0].table;
    const pinned = new Set(plan.filters.filter((f) => f.kind === 'values' && f.values.length === 1 && !f.negated).map((f) => `${f.table}.${f.column}`));
    const found: Array<{ dim: Extract<Dimension, { kind: 'column' }>; distance: number }> = [];
    for (const table of model.tables.values()) {
      const distance = joinDistance(model, fact, table.name);
      if (!Number.isFinite(distance)) continue;
      for (const column of table.columns) {
        const values = column.distinctValues?.length ?? 0;
        if (column.role !== 'dimension' || column.pii || values < 2 || values > MAX_SEGMENTS || pinned.has(`${table.name}.${column.name}`)) continue;
        found.push({ dim: { kind: 'column', table: table.name, column: column.name, label: column.label }, distance });
      }
    }
    return found.sort((a, b) => a.distance - b.distance || a.dim.label.localeCompare(b.dim.label)).slice(0, MAX_DIMENSIONS).map((f) => f.dim);
  }

  /** The glossary's metrics (for what-if formulas). */
  metrics(): MetricModel[] {
    return this.engine.model.metrics;
  }

  sql(plan: QueryPlan): string {
    return renderSelect(compilePlan(this.engine.model, plan), this.engine.model.dialect);
  }

  private async segmentValues(plan: QueryPlan, measure: Measure, dim: Dimension, before: Period, after: Period): Promise<{ segments: SegmentValues[]; query: EvidenceQuery }> {
    const derived: QueryPlan = { ...plan, measures: [measure], dims: [dim], period: undefined, shape: { kind: 'periods', periods: [before, after] }, order: undefined, having: undefined };
    const sql = this.sql(derived);
    const purpose = `${metricInfo(measure).name} by ${dim.label}, ${before.label} and ${after.label}`;
    const result = await this.run(sql, purpose);
    const segments = result.rows.map((row) => ({ label: String(row[0] ?? '(none)'), before: numberOr0(row[row.length - 2]), after: numberOr0(row[row.length - 1]) }));
    return { segments, query: queryOf(sql, result, purpose) };
  }
}

function numberOr0(value: unknown): number {
  const n = Number(value);
  return value === null || !Number.isFinite(n) ? 0 : n;
}

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

function queryOf(sql: string, result: QueryResult, purpose: string): EvidenceQuery {
  return { purpose, sql, sqlHash: result.sqlHash, rowCount: result.rowCount };
}

export function metricInfo(measure: Measure): MetricInfo {
  if (measure.kind === 'metric') {
    const m = measure.metric;
    const expr = m.expr;
    const additive = expr.k === 'fn' && ['SUM', 'COUNT'].includes(expr.name);
    return { name: m.name, format: FORMATS[m.format ?? ''] ?? 'number', additive, parts: ratioParts(measure) };
  }
  const additive = measure.kind === 'agg' && ['SUM', 'COUNT', 'COUNT_DISTINCT'].includes(measure.fn);
  return { name: measure.label, format: /count|number/i.test(measure.label) || (measure.kind === 'agg' && measure.fn.startsWith('COUNT')) ? 'integer' : 'number', additive };
}

/** "SUM(a) * 1.0 / COUNT(DISTINCT b)" → two additive metrics with the same filter and time column. */
function ratioParts(measure: Extract<Measure, { kind: 'metric' }>): MetricInfo['parts'] {
  const expr = measure.metric.expr;
  if (expr.k !== 'bin' || expr.op !== '/') return undefined;
  const strip = (e: typeof expr.left): typeof expr.left => (e.k === 'bin' && e.op === '*' && e.right.k === 'num' && e.right.value === 1 ? strip(e.left) : e);
  const [top, bottom] = [strip(expr.left), strip(expr.right)];
  const summable = (e: typeof top) => e.k === 'fn' && ['SUM', 'COUNT'].includes(e.name);
  if (!summable(top) || !summable(bottom)) return undefined;
  const part = (e: typeof top, suffix: string): Measure => ({ kind: 'metric', metric: { ...measure.metric, name: `${measure.metric.name} ${suffix}`, alias: `${measureAlias(measure)}_${suffix}`, expr: e, format: 'number' } });
  return { numerator: part(top, 'numerator'), denominator: part(bottom, 'denominator') };
}

/** The bucket label of a row: 'YYYY-MM-DD' (day, week start), 'YYYY-MM', 'YYYY', 'YYYY-Qn'. */
function bucketLabel(row: readonly unknown[], unit: Granularity): string {
  const text = (v: unknown) => (v instanceof Date ? isoDate(v) : String(v ?? '')).slice(0, 10);
  if (unit === 'quarter') return `${text(row[0]).slice(0, 4)}-Q${Number(row[1])}`;
  if (unit === 'year') return text(row[0]).slice(0, 4);
  if (unit === 'month') return text(row[0]).slice(0, 7);
  return text(row[0]);
}

/** The bucket a date falls in, labelled like `bucketLabel`. */
export function bucketOf(date: string, unit: Granularity): string {
  if (unit === 'year') return date.slice(0, 4);
  if (unit === 'quarter') return `${date.slice(0, 4)}-Q${Math.floor((+date.slice(5, 7) - 1) / 3) + 1}`;
  if (unit === 'month') return date.slice(0, 7);
  if (unit === 'week') return addDays(date, -((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7));
  return date;
}

/** The bucket after `label`. */
export function nextBucket(label: string, unit: Granularity): string {
  if (unit === 'year') return String(+label + 1);
  if (unit === 'quarter') {
    const [y, q] = [+label.slice(0, 4), +label.slice(6)];
    return q === 4 ? `${y + 1}-Q1` : `${y}-Q${q + 1}`;
  }
  if (unit === 'month') return addMonths(`${label}-01`, 1).slice(0, 7);
  return addDays(label, unit === 'week' ? 7 : 1);
}

/** The date range a bucket covers (end exclusive), with words for it. */
export function bucketPeriod(label: string, unit: Granularity): Period {
  const start = unit === 'year' ? `${label}-01-01` : unit === 'quarter' ? `${label.slice(0, 4)}-${String((+label.slice(6) - 1) * 3 + 1).padStart(2, '0')}-01` : unit === 'month' ? `${label}-01` : label;
  const end = unit === 'year' ? `${+label + 1}-01-01` : unit === 'quarter' ? addMonths(start, 3) : unit === 'month' ? addMonths(start, 1) : addDays(start, unit === 'week' ? 7 : 1);
  return { start, end, label: bucketWords(label, unit) };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function bucketWords(label: string, unit: Granularity): string {
  const day = (iso: string) => `${MONTHS[+iso.slice(5, 7) - 1].slice(0, 3)} ${+iso.slice(8, 10)}, ${iso.slice(0, 4)}`;
  if (unit === 'day') return day(label);
  if (unit === 'week') return `the week of ${day(label)}`;
  if (unit === 'month') return `${MONTHS[+label.slice(5, 7) - 1]} ${label.slice(0, 4)}`;
  if (unit === 'quarter') return `${label.slice(5)} ${label.slice(0, 4)}`;
  return label;
}

/** Missing buckets inside the range: zero for sums and counts; left out otherwise. */
function fillGaps(points: SeriesPoint[], unit: Granularity, additive: boolean): SeriesPoint[] {
  if (!additive || points.length < 2) return points;
  const byT = new Map(points.map((p) => [p.t, p.value]));
  const out: SeriesPoint[] = [];
  const last = points[points.length - 1].t;
  for (let t = points[0].t, guard = 0; t <= last && guard < 100_000; t = nextBucket(t, unit), guard += 1) out.push({ t, value: byT.get(t) ?? 0 });
  return out;
}

/** A sum over a first week/month that the data only partly covers looks like a collapse: leave it out. */
function dropPartialStart(points: SeriesPoint[], unit: Granularity, additive: boolean): SeriesPoint[] {
  if (!additive || unit === 'day' || points.length < 4) return points;
  const sorted = points.map((p) => p.value).sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  return median > 0 && points[0].value < median / 2 ? points.slice(1) : points;
}
