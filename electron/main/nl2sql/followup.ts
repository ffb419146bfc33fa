/** Follow-up questions edit the previous plan: new time range, extra dimensions, changed filters,
 *  a superlative over the previous result ("which one …?"). */
import type { PhraseLink, Dimension, Filter, Measure, QueryPlan } from './plan';
import type { PlanOutcome, Parsed } from './outcome';
import type { SemanticModel } from './model';
import { resolvePeriods } from './shape';

export interface FollowUpInput {
  model: SemanticModel;
  parsed: Parsed;
  previous: QueryPlan;
  /** Metrics the follow-up names ("what about refunds?"), replacing the previous ones. */
  measures: Measure[];
  dims: Dimension[];
  filters: Filter[];
  now: string;
  links: PhraseLink[];
}

const sameDim = (a: Dimension, b: Dimension) => (a.kind === 'time' && b.kind === 'time' && a.unit === b.unit)
  || (a.kind === 'column' && b.kind === 'column' && a.table === b.table && a.column === b.column);

export function mergeFollowUp({ parsed, previous, measures, dims, filters, links }: FollowUpInput): PlanOutcome {
  const plan: QueryPlan = structuredClone({ ...previous, measures: [] });
  plan.measures = measures.length ? measures : previous.measures;
  plan.links = [...links, { phrase: '(previous question)', meaning: 'kept the rest of the previous question' }];
  const base = previous.shape.kind === 'growth' ? previous.shape.current : previous.period;
  const periods = resolvePeriods(parsed.times, base);
  if (periods.length) {
    const next = parsed.times.some((t) => t.shiftYears || t.previous) ? periods[periods.length - 1] : periods[0];
    if (previous.shape.kind === 'basic' || previous.shape.kind === 'shareOfTotal' || previous.shape.kind === 'partShare' || previous.shape.kind === 'ratio') plan.period = next;
  }
  const replaceDims = /\binstead\b/.test(parsed.text);
  if (replaceDims && dims.length) plan.dims = [];
  for (const d of dims) if (!plan.dims.some((x) => sameDim(x, d))) plan.dims.push(d);
  for (const f of filters) {
    plan.filters = plan.filters.filter((x) => !(x.table === f.table && x.column === f.column));
    plan.filters.push(f);
  }
  const rank = parsed.cues.rank;
  if (rank) plan.order = { desc: rank.desc, limit: rank.limit, winnerOnly: !rank.explicitN };
  const understood = measures.length + periods.length + dims.length + filters.length + (rank ? 1 : 0);
  return { plan, confidence: understood ? 0.8 : 0.35 };
}
