/** Extra guarded queries behind an answer's comparisons: the data's date range, the single
 *  number's prior period, the total a ranking is a share of, each group's prior-period value.
 *  Each is optional: a failed or refused query only removes that sentence. */
import type { QueryResult } from '../../../../shared/api/domains/query';
import { defaultAggregation } from '../../nl2sql/additivity';
import type { QueryPlan } from '../../nl2sql/plan';
import type { Period } from '../../nl2sql/time';
import { comparisonFor, outsideData, type DataRange } from './periods';
import type { PlanSql } from './planSql';
import { refinePlan, type Refinement } from './refine';

export type RunSql = (sql: string) => Promise<QueryResult>;

export interface AnswerFacts {
  range?: DataRange;
  /** The asked period holds no data at all. */
  outside?: Period;
  /** A single number's comparison (to-date periods like for like). */
  prior?: { current: Period; prior: Period; value: number | null; likeForLike: boolean };
  /** The measure over the whole scope, without the breakdown (a ranking's share of it). */
  total?: number | null;
  /** Each group's value in the prior period (the biggest mover). */
  priorByGroup?: { prior: Period; values: Map<string, number> };
  /** What a refinement changed, said in the answer. */
  note?: string;
}

const toNumber = (v: unknown): number | null => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : null;
};

const isoDay = (v: unknown): string | undefined => {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  const text = typeof v === 'string' ? v : typeof v === 'number' ? new Date(v).toISOString() : '';
  return /^\d{4}-\d{2}-\d{2}/.test(text) ? text.slice(0, 10) : undefined;
};

async function optional<T>(work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await work();
  } catch {
    return undefined;
  }
}

export async function dataRange(plan: QueryPlan, sql: PlanSql, run: RunSql): Promise<DataRange | undefined> {
  const statement = optional(async () => sql.dateRange(plan));
  const text = await statement;
  if (!text) return undefined;
  const result = await optional(() => run(text));
  const [first, last] = [isoDay(result?.rows[0]?.[0]), isoDay(result?.rows[0]?.[1])];
  return first && last ? { first, last } : undefined;
}

export async function refine(plan: QueryPlan, question: string, sql: PlanSql, run: RunSql): Promise<{ range?: DataRange; refinement?: Refinement }> {
  const range = await dataRange(plan, sql, run);
  const refinement = await optional(async () => refinePlan(plan, question, range, sql));
  return { range, refinement };
}

/** Whether a measure adds up across groups (so a group's share of the total means something). */
export function additive(plan: QueryPlan): boolean {
  const m = plan.measures[0];
  if (m.kind === 'agg') return m.fn === 'SUM' || m.fn === 'COUNT' || (m.fn === 'COUNT_DISTINCT' && !m.column);
  if (m.kind !== 'metric') return false;
  // A metric adds up when its expression is one SUM or COUNT (not a ratio of two, not an average).
  const expr = m.metric.expr;
  return !m.metric.snapshot && expr.k === 'fn' && (expr.name === 'SUM' || expr.name === 'COUNT') && defaultAggregation(m.metric.alias) === 'SUM';
}

export async function gatherFacts(plan: QueryPlan, result: QueryResult, range: DataRange | undefined, sql: PlanSql, run: RunSql): Promise<AnswerFacts> {
  const facts: AnswerFacts = { range };
  if (plan.period && outsideData(plan.period, range)) return { ...facts, outside: plan.period };
  const basic = plan.shape.kind === 'basic' && plan.measures.length === 1;
  const single = basic && !plan.dims.length && result.rows.length === 1;
  if (single && plan.period && timed(plan)) {
    const comparison = comparisonFor(plan.period, range);
    const prior = await optional(() => run(sql.totalFor(plan, comparison.prior)));
    if (prior) facts.prior = { ...comparison, value: toNumber(prior.rows[0]?.[0]) };
  }
  const categoryOnly = basic && plan.dims.length > 0 && plan.dims.every((d) => d.kind === 'column');
  if (categoryOnly && additive(plan) && (plan.order?.limit || plan.order?.winnerOnly || result.truncated)) {
    const total = await optional(() => run(sql.totalFor(plan, plan.period)));
    if (total) facts.total = toNumber(total.rows[0]?.[0]);
  }
  if (categoryOnly && plan.dims.length === 1 && plan.period && timed(plan) && !plan.order?.winnerOnly) {
    const { prior } = comparisonFor(plan.period, range);
    const before = await optional(() => run(sql.render({ ...plan, period: prior, order: undefined, having: undefined })));
    if (before) facts.priorByGroup = { prior, values: new Map(before.rows.map((r) => [String(r[0]), toNumber(r[r.length - 1]) ?? 0])) };
  }
  return facts;
}

function timed(plan: QueryPlan): boolean {
  const m = plan.measures[0];
  return m.kind === 'metric' ? Boolean(m.metric.time) : Boolean(plan.timeColumn);
}
