/** Root-cause insight: the change between two periods split by every relevant dimension; the
 *  segments ranked by their contribution (for ratio metrics, mix and rate effects separated). */
import { rootCause, type DimensionDrivers, type RootCauseResult, type Row } from '../../analytics';
import type { Insight } from '../../../../shared/api/domains/insights';
import type { Period } from '../../nl2sql/time';
import { Facts, likelihoodWords } from '../facts';
import { driverActions } from '../recommendations';
import type { DimensionBreakdown, SeriesPoint } from '../series';
import { capitalize, evidenceOf, insightOf, priorityOf, subjectWords, type Subject } from './common';

export interface RootCauseInput {
  subject: Subject;
  before: Period;
  after: Period;
  breakdowns: DimensionBreakdown[];
  direction?: 'up' | 'down';
  /** The metric by month over its history: how unusual a change of this size is. */
  history: SeriesPoint[];
}

const BARS = 8;
const DOMINANT = 0.8;

function analyseDimension(b: DimensionBreakdown): RootCauseResult {
  if (b.parts) {
    const rows = (pick: 'before' | 'after'): Row[] => b.parts!.numerator.map((n) => ({ segment: n.label, num: n[pick], den: b.parts!.denominator.find((d) => d.label === n.label)?.[pick] ?? 0 }));
    return rootCause({ baseline: rows('before'), current: rows('after'), dimensions: ['segment'], ratio: { numerator: 'num', denominator: 'den' } });
  }
  const rows = (pick: 'before' | 'after'): Row[] => b.segments.map((s) => ({ segment: s.label, value: s[pick] }));
  return rootCause({ baseline: rows('before'), current: rows('after'), dimensions: ['segment'], measure: 'value' });
}

/** How much more of the change a segment carries than its size would suggest (a segment that is
 *  97% of the base explaining 97% of the change says nothing). */
function surprise(result: RootCauseResult): number {
  const total = result.dimensions[0]?.segments.reduce((s, x) => s + (x.baselineWeight ?? x.baseline), 0) ?? 0;
  const sizes = (result.dimensions[0]?.segments ?? []).map((s) => s.baselineWeight ?? (total ? s.baseline / total : 0));
  // One segment holding most of the base (e.g. "completed" orders) explains any change trivially.
  if (Math.max(0, ...sizes) >= DOMINANT) return 0;
  return Math.max(0, ...(result.dimensions[0]?.segments ?? []).map((s, i) => s.share - sizes[i]));
}

/** How often the metric moved at least this much from one month to the next: the rarer, the more likely real. */
function realness(history: SeriesPoint[], relative: number): { confidence: number; larger: number; of: number } {
  const changes: number[] = [];
  for (let i = 1; i < history.length; i++) if (history[i - 1].value !== 0) changes.push((history[i].value - history[i - 1].value) / Math.abs(history[i - 1].value));
  if (changes.length < 6) return { confidence: 0.5, larger: 0, of: changes.length };
  const larger = changes.filter((c) => Math.abs(c) >= Math.abs(relative)).length;
  return { confidence: 1 - (larger + 1) / (changes.length + 2), larger, of: changes.length };
}

export function buildRootCauseInsight(input: RootCauseInput): Insight {
  const { subject, before, after } = input;
  const results = input.breakdowns.map((b) => ({ breakdown: b, result: analyseDimension(b) }));
  const ranked = results.map(({ breakdown, result }) => ({ breakdown, result, drivers: { ...(result.dimensions[0] as DimensionDrivers), dimension: breakdown.dimension }, surprise: surprise(result) }))
    .sort((x, y) => Number(y.surprise > 0) - Number(x.surprise > 0) || y.drivers.score - x.drivers.score);
  const top = ranked[0];
  const { baseline, current, change } = top.result;
  const relative = baseline !== 0 ? change / Math.abs(baseline) : null;
  const facts = new Facts(subject.metric.format);
  const what = subjectWords(subject);
  const fell = change < 0;
  const real = realness(input.history, relative ?? 0);
  const contrary = Boolean(input.direction) && input.direction !== (fell ? 'down' : 'up') && change !== 0;
  const driver = top.drivers.segments.find((s) => Math.sign(s.contribution) === Math.sign(change)) ?? top.drivers.segments[0];
  const changeText = facts.value('change', Math.abs(change));
  const pct = relative !== null ? ` (${fell ? '▼' : '▲'} ${facts.share('relative change', relative)})` : '';
  const headline = change === 0
    ? `${what} did not change between ${before.label} and ${after.label}.`
    : `${contrary ? `${what} did not ${input.direction === 'down' ? 'fall' : 'rise'}: it` : what} ${fell ? 'fell' : 'rose'} ${changeText}${pct} in ${after.label} against ${before.label}; `
      + (driver.share <= 1
        ? `${top.breakdown.dimension} “${driver.segment}” explains ${facts.share(`${driver.segment} share of the change`, driver.share)} of it.`
        : `${top.breakdown.dimension} “${driver.segment}” ${fell ? 'fell' : 'rose'} ${facts.value(`${driver.segment} contribution`, Math.abs(driver.contribution))}, more than the whole change (other ${top.breakdown.dimension} values moved the other way).`);
  const others = ranked.slice(1, 3).map((r) => {
    const s = r.drivers.segments[0];
    return `by ${r.breakdown.dimension}, “${s.segment}” (${s.contribution < 0 ? '−' : '+'}${facts.value(`${s.segment} contribution`, Math.abs(s.contribution))})`;
  });
  const summary = (real.confidence >= 0.5 ? `${capitalize(likelihoodWords(real.confidence))} a real ${fell ? 'drop' : 'rise'}, not normal variation` : 'This could well be normal variation')
    + (real.of >= 6 ? `: a month-to-month move this large happened ${facts.count('larger historical moves', real.larger)} time${real.larger === 1 ? '' : 's'} in ${facts.count('historical moves', real.of)} months.` : '.')
    + ` From ${facts.value('before', baseline)} to ${facts.value('after', current)}.`
    + (others.length ? ` Other views: ${others.join('; ')}.` : '');
  const mix = top.result.kind === 'ratio' && top.drivers.mixEffect !== undefined && top.drivers.rateEffect !== undefined
    ? ` Mix effect ${facts.value('mix effect', top.drivers.mixEffect)}, rate effect ${facts.value('rate effect', top.drivers.rateEffect)} (by ${top.breakdown.dimension}).` : '';
  const statistics = ranked.map((r) => `${r.breakdown.dimension}: concentration ${facts.stat(`${r.breakdown.dimension} score`, r.drivers.score, 2)}, top “${r.drivers.segments[0].segment}” ${facts.value(`${r.drivers.segments[0].segment} contribution`, r.drivers.segments[0].contribution)}`).join('; ')
    + `.${mix} Empirical rarity of the move: ${facts.share('realness', real.confidence)}.`;
  const size = driver.baselineWeight ?? (baseline !== 0 && top.result.kind === 'additive' ? driver.baseline / baseline : null);
  const direction = fell ? 'down' : 'up';
  return insightOf(subject, {
    kind: 'root-cause', headline, summary, statistics, confidence: real.confidence,
    impact: { value: change, text: facts.value('impact', change), description: `${after.label} against ${before.label}` },
    priority: priorityOf(relative, real.confidence, fell),
    significant: real.confidence >= 0.7 && Math.abs(relative ?? 0) >= 0.02,
    evidence: evidenceOf(subject, facts, {
      method: top.result.kind === 'ratio' ? 'Contribution analysis of a ratio metric: each segment’s mix effect (its share of the base) and rate effect, per dimension' : 'Contribution analysis: each segment’s change as a part of the total change, per dimension, dimensions ranked by how concentrated the change is',
      inputs: [`${subject.metric.name} by ${ranked.map((r) => r.breakdown.dimension).join(', ')} in ${before.label} and ${after.label}`],
      parameters: { before: `${before.start}..${before.end}`, after: `${after.start}..${after.end}`, dimensions: ranked.length, kind: top.result.kind },
      scope: [...subject.filters, before.label, after.label],
    }),
    recommendations: change === 0 ? [] : driverActions(facts, {
      metric: subject.metric.name, dimension: top.breakdown.dimension, segment: driver.segment, contribution: driver.contribution, share: driver.share,
      before: driver.baseline, after: driver.current, size: size ?? null, periodLabel: after.label, direction,
    }),
    chart: {
      kind: 'contributions', title: `What moved ${subject.metric.name}: by ${top.breakdown.dimension}`, format: subject.metric.format, yLabel: subject.metric.name,
      before: { label: before.label, value: baseline }, after: { label: after.label, value: current },
      bars: top.drivers.segments.slice(0, BARS).map((s) => ({ label: s.segment, dimension: top.breakdown.dimension, contribution: s.contribution, share: s.share })),
    },
    period: { start: after.start, end: after.end, label: after.label },
  });
}
