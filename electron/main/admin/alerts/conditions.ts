import { z } from 'zod';
import type { AlertRule } from '../../store';

export const AGGREGATES = ['avg', 'sum', 'max', 'min', 'count'] as const;
export const COMPARISONS = ['>', '>=', '<', '<='] as const;

/** A rule's condition: event rules count occurrences in a window; threshold rules compare an
 *  aggregate of a metric over a window with a threshold. */
export const alertConditionSchema = z.object({
  severity: z.enum(['info', 'warning', 'critical']).default('warning'),
  windowMinutes: z.number().int().min(1).max(10_080).default(15),
  count: z.number().int().min(1).max(10_000).optional(),
  op: z.enum(COMPARISONS).optional(),
  threshold: z.number().finite().optional(),
  aggregate: z.enum(AGGREGATES).default('avg'),
});
export type AlertCondition = z.output<typeof alertConditionSchema>;

export function conditionOf(rule: AlertRule): AlertCondition {
  const parsed = alertConditionSchema.safeParse(rule.condition);
  return parsed.success ? parsed.data : alertConditionSchema.parse({});
}

export function aggregate(values: readonly number[], how: AlertCondition['aggregate']): number | null {
  if (how === 'count') return values.length;
  if (values.length === 0) return null;
  if (how === 'sum') return values.reduce((a, b) => a + b, 0);
  if (how === 'max') return Math.max(...values);
  if (how === 'min') return Math.min(...values);
  return values.reduce((a, b) => a + b, 0) / values.length;
}

export function thresholdBreached(values: readonly number[], condition: AlertCondition): { value: number } | null {
  const value = aggregate(values, condition.aggregate);
  if (value === null || condition.threshold === undefined || !condition.op) return null;
  const t = condition.threshold;
  const breached = condition.op === '>' ? value > t : condition.op === '>=' ? value >= t : condition.op === '<' ? value < t : value <= t;
  return breached ? { value } : null;
}
