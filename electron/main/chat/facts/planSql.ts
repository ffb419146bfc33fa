/** SQL for variants of an answer's plan (the same measure over another period, without the
 *  breakdown, or the date range of its time column), rendered by the offline engine's compiler so
 *  the dialect, joins and business rules are exactly those of the answer. */
import type { Glossary } from '../../../../shared/types/semantic';
import type { SchemaInfo } from '../../../../shared/types/schema';
import { sharedEngines } from '../../ai/engineCache';
import { compilePlan, timeColumnOf } from '../../nl2sql/compile';
import type { Nl2SqlEngine } from '../../nl2sql/engine';
import type { QueryPlan } from '../../nl2sql/plan';
import { renderSelect } from '../../nl2sql/render';
import type { Period } from '../../nl2sql/time';

/** A plan from the offline engine (plans of other routes are opaque and not reused). */
export function asPlan(value: unknown): QueryPlan | undefined {
  const plan = value as QueryPlan | undefined;
  return plan && Array.isArray(plan.measures) && plan.measures.length > 0 && Array.isArray(plan.dims) && plan.shape ? plan : undefined;
}

export class PlanSql {
  private readonly engine: Nl2SqlEngine;

  constructor(schema: SchemaInfo, glossary: Glossary | undefined) {
    this.engine = sharedEngines.engineFor(schema, glossary).engine;
  }

  render(plan: QueryPlan): string {
    return renderSelect(compilePlan(this.engine.model, plan), this.engine.model.dialect);
  }

  /** The answer's first measure over another period, without breakdown or ranking. */
  totalFor(plan: QueryPlan, period: Period | undefined): string {
    return this.render({ ...plan, measures: [plan.measures[0]], dims: [], having: undefined, order: undefined, shape: { kind: 'basic' }, period });
  }

  /** The same breakdown with each group's growth from `previous` to `current`. */
  growth(plan: QueryPlan, current: Period, previous: Period): string {
    return this.render({ ...plan, measures: [plan.measures[0]], period: undefined, shape: { kind: 'growth', current, previous }, order: plan.order ?? { desc: true } });
  }

  /** One column per period (a like-for-like comparison). */
  periods(plan: QueryPlan, periods: Period[]): string {
    return this.render({ ...plan, period: undefined, shape: { kind: 'periods', periods } });
  }

  /** First and last value of the measure's date column (no filters: the data's own range). */
  dateRange(plan: QueryPlan): string | undefined {
    const time = timeColumnOf(plan, plan.measures[0]);
    if (!time) return undefined;
    const edge = (fn: 'MIN' | 'MAX', label: string) => ({ kind: 'agg' as const, fn, table: time.table, column: time.column, label });
    return this.render({ measures: [edge('MIN', 'first_day'), edge('MAX', 'last_day')], dims: [], filters: [], asOf: plan.asOf, via: [], shape: { kind: 'basic' }, links: [] });
  }
}
