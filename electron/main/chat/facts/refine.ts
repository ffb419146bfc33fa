/** Before the answer's query runs: a question about growth gets growth (not the plain total), and a
 *  to-date period is compared like for like (Jan–Nov 2026 with Jan–Nov 2025, never with all of
 *  2025). Works on the offline engine's plan; other routes pass through unchanged. */
import type { QueryPlan } from '../../nl2sql/plan';
import type { Period } from '../../nl2sql/time';
import { capToData, dayLabel, isToDate, latestYearLikeForLike, lengthInDays, spanLabel, yearEarlier, type DataRange } from './periods';
import type { PlanSql } from './planSql';

export interface Refinement {
  sql: string;
  plan: QueryPlan;
  /** Replaces the first sentence of the engine's explanation. */
  explanation: string;
  /** Said in the answer: what was compared with what, and why. */
  note: string;
}

const GROWTH_CUE = /\b(growth|grow|grew|growing|grown)\b/i;

function measureLabel(plan: QueryPlan): string {
  const m = plan.measures[0];
  return m.kind === 'metric' ? m.metric.name : m.label;
}

function breakdown(plan: QueryPlan): string {
  return plan.dims.length ? `, by ${plan.dims.map((d) => d.label).join(' and ')}` : '';
}

const endsNote = (range: DataRange) => `the data ends on ${dayLabel(range.last)}`;

export function refinePlan(plan: QueryPlan, question: string, range: DataRange | undefined, sql: PlanSql): Refinement | undefined {
  if (!range) return undefined;
  const label = measureLabel(plan);
  const upper = label.charAt(0).toUpperCase() + label.slice(1);
  const shape = plan.shape;
  const hasTimeDim = plan.dims.some((d) => d.kind === 'time');
  if (shape.kind === 'basic' && GROWTH_CUE.test(question) && !plan.period && !hasTimeDim) {
    const { current, previous } = latestYearLikeForLike(range);
    const refined: QueryPlan = { ...plan, shape: { kind: 'growth', current, previous } };
    return {
      sql: sql.growth(plan, current, previous), plan: refined,
      explanation: `Growth of ${label} from ${previous.label} to ${current.label}${breakdown(plan)}.`,
      note: `Growth compares ${current.label} with ${previous.label}, the same days a year earlier (${endsNote(range)}).`,
    };
  }
  if (shape.kind === 'growth') {
    const { period: cut, capped } = capToData(shape.current, range);
    if (!capped && !isToDate(shape.current)) return undefined;
    const current = { ...cut, label: spanLabel(cut.start, cut.end) };
    const previous = yearEarlier(current);
    return {
      sql: sql.growth(plan, current, previous), plan: { ...plan, shape: { kind: 'growth', current, previous } },
      explanation: `Growth of ${label} from ${previous.label} to ${current.label}${breakdown(plan)}.`,
      note: `Compared like for like: ${current.label} with ${previous.label} (${endsNote(range)}).`,
    };
  }
  if (shape.kind === 'periods') {
    const capped = shape.periods.map((p) => capToData(p, range));
    const index = capped.findIndex((c, i) => c.capped || isToDate(shape.periods[i]));
    if (index < 0) return undefined;
    const cut = { ...capped[index].period, label: spanLabel(capped[index].period.start, capped[index].period.end) };
    const periods = shape.periods.map((p, i) => (i === index ? cut : lengthInDays(p) !== lengthInDays(cut) ? sameDaysIn(p, cut) : p));
    if (periods.every((p, i) => p.start === shape.periods[i].start && p.end === shape.periods[i].end)) return undefined;
    return {
      sql: sql.periods(plan, periods), plan: { ...plan, shape: { kind: 'periods', periods } },
      explanation: `${upper} for ${periods.map((p) => p.label).join(' and ')}${breakdown(plan)}.`,
      note: `Compared like for like: ${periods.map((p) => p.label).join(' vs ')} (${endsNote(range)}).`,
    };
  }
  return undefined;
}

/** A full period that starts on the same calendar day as the cut one, some years earlier, cut to
 *  the same days; any other period is kept. */
function sameDaysIn(p: Period, cut: Period): Period {
  const years = +cut.start.slice(0, 4) - +p.start.slice(0, 4);
  if (years <= 0 || p.start.slice(4) !== cut.start.slice(4)) return p;
  let moved = cut;
  for (let i = 0; i < years; i += 1) moved = yearEarlier(moved);
  return { ...moved, label: spanLabel(moved.start, moved.end) };
}
