import type { QueryPlan } from '../../nl2sql/plan';
import type { Meaning } from '../narrative/types';
import { additive } from './gather';

/** The plan in words, for the narrative. */
export function meaningOf(plan: QueryPlan): Meaning {
  const m = plan.measures[0];
  const shape = plan.shape;
  const measure = m.kind === 'metric' ? m.metric.name.toLowerCase() : m.label.toLowerCase();
  return {
    measure: shape.kind === 'shareOfTotal' ? `share of ${measure}` : measure,
    dims: plan.dims.map((d) => businessName(d.label)),
    period: plan.period,
    shape: shape.kind,
    periods: shape.kind === 'growth' ? [shape.current, shape.previous] : shape.kind === 'periods' ? shape.periods : undefined,
    order: plan.order,
    additive: plan.measures.length === 1 && shape.kind === 'basic' ? additive(plan) : false,
  };
}

/** "region name" → "region": a label column is named after what it labels. */
function businessName(label: string): string {
  const lower = label.toLowerCase().trim();
  return lower.replace(/ (name|label|title)$/, '') || lower;
}
