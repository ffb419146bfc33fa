/** Correlation insight: do two measures move together per period? Pearson (with its interval) and
 *  Spearman as the rank-based check. */
import { AnalyticsInputError, pearson, spearman } from '../../analytics';
import type { Insight } from '../../../../shared/api/domains/insights';
import type { Measure } from '../../nl2sql/plan';
import { Facts, likelihoodWords } from '../facts';
import type { Granularity } from '../intent';
import { correlationActions } from '../recommendations';
import { metricInfo, type TimeSeries } from '../series';
import { capitalize, evidenceOf, insightOf, type Subject } from './common';

export interface CorrelationInput {
  subject: Subject;
  unit: Granularity;
  a: TimeSeries;
  b: TimeSeries;
  measureB: Measure;
}

function strength(r: number): string {
  const x = Math.abs(r);
  return x >= 0.7 ? 'strongly' : x >= 0.4 ? 'moderately' : x >= 0.2 ? 'weakly' : 'hardly';
}

export function buildCorrelationInsight(input: CorrelationInput): Insight {
  const { subject, unit } = input;
  const other = metricInfo(input.measureB);
  const byT = new Map(input.b.points.map((p) => [p.t, p.value]));
  const pairs = input.a.points.filter((p) => byT.has(p.t)).map((p) => ({ t: p.t, x: p.value, y: byT.get(p.t) as number }));
  const complete = input.a.incompleteLast || input.b.incompleteLast ? pairs.slice(0, -1) : pairs;
  if (complete.length < 4) throw new AnalyticsInputError('At least 4 periods where both measures have values are needed.');
  const p = pearson(complete.map((q) => q.x), complete.map((q) => q.y));
  const s = spearman(complete.map((q) => q.x), complete.map((q) => q.y));
  const facts = new Facts(subject.metric.format);
  const r = p.statistic ?? 0;
  const real = p.pValue < 0.05 && Math.abs(r) >= 0.3;
  const confidence = Math.min(0.99, 1 - p.pValue);
  const [x, y] = [subject.metric.name, other.name];
  const rText = facts.stat('Pearson r', r, 2);
  const headline = `${capitalize(x)} and ${y} ${strength(r) === 'hardly' ? 'hardly move together' : `move ${strength(r)} ${r >= 0 ? 'together' : 'in opposite directions'}`} by ${unit} (r = ${rText}).`;
  const summary = `${real ? `${capitalize(likelihoodWords(confidence))} a real link` : 'Not a reliable link'} over ${facts.count('periods', complete.length)} ${unit}s. A correlation shows that they move together, not that one causes the other.`;
  const ci = p.ci ? `, 95% CI ${facts.stat('r CI low', p.ci[0], 2)} to ${facts.stat('r CI high', p.ci[1], 2)}` : '';
  facts.value('CI level', 0.95, 'fraction-percent');
  const statistics = `Pearson r = ${rText}${ci}, ${facts.p('Pearson p', p.pValue)}; Spearman rho = ${facts.stat('Spearman rho', s.statistic ?? 0, 2)}, ${facts.p('Spearman p', s.pValue)}; n = ${facts.count('periods', complete.length)}.`;
  return insightOf(subject, {
    kind: 'correlation', headline, summary, statistics, confidence, impact: null,
    priority: real && Math.abs(r) >= 0.7 ? 'medium' : 'low', significant: real,
    evidence: evidenceOf(subject, facts, {
      method: "Pearson's correlation with Fisher-z interval; Spearman's rank correlation as a check robust to outliers",
      inputs: [`${x} and ${y} per ${unit}, ${complete.length} matching periods`],
      parameters: { unit, alpha: 0.05, n: complete.length },
      scope: [...subject.filters],
    }),
    recommendations: correlationActions(facts, { a: x, b: y, r, real }),
    chart: { kind: 'scatter', title: `${capitalize(x)} against ${y} by ${unit}`, xLabel: x, yLabel: y, xFormat: subject.metric.format, format: other.format, points: complete },
    period: null,
  });
}
