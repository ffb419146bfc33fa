/** Significance insight: is the gap between two groups (segments or periods) larger than the
 *  period-to-period noise? Welch's t and Mann-Whitney U on the metric per period. */
import { AnalyticsInputError, mannWhitney, welchT } from '../../analytics';
import type { Insight } from '../../../../shared/api/domains/insights';
import type { QueryPlan } from '../../nl2sql/plan';
import { Facts, likelihoodWords } from '../facts';
import type { Granularity } from '../intent';
import { significanceActions } from '../recommendations';
import type { SeriesPoint } from '../series';
import { capitalize, evidenceOf, insightOf, priorityOf, type Subject } from './common';

/** The two groups a question compares: two values of one filter, or two periods. */
export function groupsOf(plan: QueryPlan, now: string): { plans: [QueryPlan, QueryPlan]; labels: [string, string] } | null {
  const split = plan.filters.findIndex((f) => f.kind === 'values' && !f.negated && f.values.length === 2);
  const filter = plan.filters[split];
  if (filter?.kind === 'values') {
    const one = (value: string): QueryPlan => ({ ...plan, filters: plan.filters.map((f, i) => (i === split ? { ...filter, values: [value] } : f)) });
    return { plans: [one(filter.values[0]), one(filter.values[1])], labels: [filter.values[0], filter.values[1]] };
  }
  const periods = plan.shape.kind === 'periods' ? plan.shape.periods : plan.shape.kind === 'growth' ? [plan.shape.current, plan.shape.previous] : [];
  if (periods.length === 2) {
    const one = (i: number): QueryPlan => ({ ...plan, shape: { kind: 'basic' }, period: { ...periods[i], end: periods[i].end < now ? periods[i].end : now } });
    return { plans: [one(0), one(1)], labels: [periods[0].label, periods[1].label] };
  }
  return null;
}

export interface SignificanceInput {
  subject: Subject;
  unit: Granularity;
  groups: Array<{ label: string; points: SeriesPoint[] }>;
}

export function buildSignificanceInsight(input: SignificanceInput): Insight {
  const { subject, unit } = input;
  const [a, b] = input.groups;
  const [va, vb] = [a.points.map((p) => p.value), b.points.map((p) => p.value)];
  if (va.length < 3 || vb.length < 3) throw new AnalyticsInputError('At least 3 complete periods per group are needed.');
  const t = welchT(va, vb);
  const u = mannWhitney(va, vb);
  const facts = new Facts(subject.metric.format);
  const gap = t.estimate ?? 0;
  const [higher, lower] = gap >= 0 ? [a.label, b.label] : [b.label, a.label];
  const real = t.pValue < 0.05;
  const confidence = Math.min(0.99, 1 - t.pValue);
  const name = subject.metric.name;
  const perUnit = `per ${unit}`;
  const headline = `${capitalize(name)} ${perUnit} is ${facts.value('mean difference', Math.abs(gap))} higher for ${higher} than for ${lower}; ${real ? `${likelihoodWords(confidence)} a real difference` : 'the difference could be chance'}.`;
  const summary = `${higher} averages ${facts.value(`${higher} mean`, gap >= 0 ? Number(t.details.meanA) : Number(t.details.meanB))} and ${lower} ${facts.value(`${lower} mean`, gap >= 0 ? Number(t.details.meanB) : Number(t.details.meanA))} ${perUnit}, over ${facts.count(`${a.label} periods`, va.length)} and ${facts.count(`${b.label} periods`, vb.length)} ${unit}s. `
    + (real ? 'A gap this size rarely appears by chance in data this noisy.' : 'Gaps this size appear by chance in data this noisy; more periods are needed to tell.');
  const ci = t.ci ? ` 95% CI of the difference ${facts.value('difference CI low', t.ci[0])} to ${facts.value('difference CI high', t.ci[1])};` : '';
  const statistics = `Welch t = ${facts.stat('Welch t', t.statistic ?? 0)}, df = ${facts.stat('Welch df', t.df ?? 0)}, ${facts.p('Welch p', t.pValue)};${ci} Cohen's d = ${facts.stat("Cohen's d", t.effectSize ?? 0, 2)}. `
    + `Mann-Whitney U = ${facts.stat('Mann-Whitney U', u.statistic ?? 0)}, ${facts.p('Mann-Whitney p', u.pValue)}, rank-biserial ${facts.stat('rank-biserial', u.effectSize ?? 0, 2)}.`;
  facts.value('CI level', 0.95, 'fraction-percent');
  const meanLower = Math.min(Number(t.details.meanA), Number(t.details.meanB));
  return insightOf(subject, {
    kind: 'significance', headline, summary, statistics, confidence,
    impact: { value: Math.abs(gap), text: facts.value('mean difference', Math.abs(gap)), description: `${higher} over ${lower}, ${perUnit}` },
    priority: real ? priorityOf(meanLower ? gap / meanLower : null, confidence, false) : 'low',
    significant: real,
    evidence: evidenceOf(subject, facts, {
      method: "Welch's two-sample t-test (unequal variances) with a Mann-Whitney U test as a check that does not assume normality",
      inputs: [`${subject.metric.name} ${perUnit}: ${va.length} values for ${a.label}, ${vb.length} for ${b.label}`],
      parameters: { alpha: 0.05, unit, test: 'welch_t', check: 'mann_whitney' },
      scope: [...subject.filters, a.label, b.label],
    }),
    recommendations: significanceActions(facts, { metric: subject.metric.name, higher, lower, gap, real }),
    chart: {
      kind: 'groups', title: `${capitalize(name)} ${perUnit}: ${a.label} and ${b.label}`, format: subject.metric.format, yLabel: subject.metric.name,
      groups: [
        { label: a.label, mean: Number(t.details.meanA), lo: null, hi: null, n: va.length },
        { label: b.label, mean: Number(t.details.meanB), lo: null, hi: null, n: vb.length },
      ],
    },
    period: null,
  });
}
