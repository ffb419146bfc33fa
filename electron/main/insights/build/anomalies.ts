/** Anomaly insight: periods outside their expected range (spikes, dips, level shifts), found by
 *  several methods; the confidence of each comes from its severity and the methods' agreement. */
import { detectAnomalies, type Anomaly, type AnomalyResult } from '../../analytics';
import type { Insight } from '../../../../shared/api/domains/insights';
import { Facts, likelihoodWords } from '../facts';
import type { Granularity } from '../intent';
import { anomalyActions } from '../recommendations';
import { bucketPeriod, bucketWords, type SeriesPoint } from '../series';
import { capitalize, evidenceOf, insightOf, priorityOf, subjectWords, type Subject } from './common';
import { FREQUENCY } from './forecast';

export interface AnomalyInput {
  subject: Subject;
  unit: Granularity;
  points: SeriesPoint[];
  incompleteLast: boolean;
  /** Only the latest complete period matters (proactive check after an answer). */
  latestOnly?: boolean;
}

const MATERIAL = 0.05;
const KIND_WORDS: Record<Anomaly['kind'], string> = { spike: 'unusually high', dip: 'unusually low', level_shift: 'a lasting shift in level' };
const METHOD_WORDS: Record<string, string> = { robust_z: 'robust z-score on seasonal residuals', stl: 'seasonal-trend decomposition residuals', iqr: 'interquartile range fences', level_shift: 'level-shift (changepoint) test' };

export function detect(input: AnomalyInput): AnomalyResult {
  return detectAnomalies(input.points.map((p) => p.value), { frequency: FREQUENCY[input.unit], incompleteLast: input.incompleteLast });
}

/** The insight, or null for a proactive check that found nothing in the latest period. */
export function buildAnomalyInsight(input: AnomalyInput, found: AnomalyResult = detect(input)): Insight | null {
  const { subject, unit, points } = input;
  const examined = points.slice(0, found.examined);
  const latestIndex = examined.length - 1;
  const flagged = input.latestOnly ? found.anomalies.filter((a) => a.index === latestIndex || (a.kind === 'level_shift' && a.index >= latestIndex - 2)) : found.anomalies;
  if (input.latestOnly && !flagged.length) return null;
  const facts = new Facts(subject.metric.format);
  const what = subjectWords(subject);
  const span = `${bucketWords(examined[0].t, unit)} to ${bucketWords(examined[latestIndex].t, unit)}`;
  const ranked = [...flagged].sort((a, b) => b.confidence - a.confidence || b.score - a.score);
  const top = ranked[0];
  const periodOf = (a: Anomaly) => bucketWords(examined[a.index].t, unit);
  const methods = [...new Set(flagged.flatMap((a) => a.methods))];
  const base = {
    subject, facts, unit, examined, found, methods,
  };
  if (!top) {
    return insightOf(subject, {
      kind: 'anomalies',
      headline: `No unusual ${unit}s in ${what.charAt(0).toLowerCase()}${what.slice(1)} from ${span}: every ${unit} was within its expected range.`,
      summary: `All ${facts.count('periods examined', examined.length)} ${unit}s fit the usual pattern (trend and seasonality).`,
      statistics: `Three point methods (robust z, STL residuals, IQR) and a level-shift test found nothing; season ${facts.count('season length', found.season)}.`,
      confidence: 0.8, impact: null, priority: 'low', significant: false,
      evidence: evidenceFor(base), recommendations: [], chart: chartOf(base, flagged), period: spanPeriod(examined, unit),
    });
  }
  const count = facts.count('flagged periods', flagged.length);
  const gap = top.value - top.expected;
  const headline = input.latestOnly
    ? `${what} in ${periodOf(top)} was ${KIND_WORDS[top.kind]}: ${facts.value(`${periodOf(top)} actual`, top.value)} against an expected ${facts.value(`${periodOf(top)} expected`, top.expected)}.`
    : `${count} unusual ${unit}${flagged.length === 1 ? '' : 's'} in ${lowerFirst(what)} from ${span}; the clearest is ${periodOf(top)}: ${facts.value(`${periodOf(top)} actual`, top.value)} against an expected ${facts.value(`${periodOf(top)} expected`, top.expected)}.`;
  const others = ranked.slice(1, 4).map((a) => `${periodOf(a)} (${a.kind === 'dip' ? 'low' : a.kind === 'spike' ? 'high' : 'level shift'}, ${facts.value(`${periodOf(a)} actual`, a.value)})`);
  const summary = `${capitalize(likelihoodWords(top.confidence))} a real ${top.kind === 'dip' ? 'drop' : top.kind === 'spike' ? 'jump' : 'shift'}, not normal variation: ${periodOf(top)} was ${facts.value(`gap in ${periodOf(top)}`, Math.abs(gap))} ${gap < 0 ? 'below' : 'above'} what its trend and season predict.`
    + (others.length ? ` Also flagged: ${others.join('; ')}.` : '');
  const statistics = ranked.slice(0, 5).map((a) => `${periodOf(a)}: ${a.kind}, score ${facts.stat(`${periodOf(a)} score`, a.score)}, expected range ${facts.value(`${periodOf(a)} range low`, a.lo)}–${facts.value(`${periodOf(a)} range high`, a.hi)}, confidence ${facts.share(`${periodOf(a)} confidence`, a.confidence)} (${a.methods.join(', ')})`).join('; ')
    + `. Season ${facts.count('season length', found.season)}; ${facts.count('periods examined', found.examined)} periods examined${input.incompleteLast ? ', the unfinished latest period excluded' : ''}.`;
  const relative = top.expected !== 0 ? gap / Math.abs(top.expected) : null;
  return insightOf(subject, {
    kind: input.latestOnly && top.kind === 'level_shift' ? 'trend-break' : 'anomalies',
    headline, summary, statistics, confidence: top.confidence,
    impact: { value: gap, text: facts.value('gap from expected', gap), description: `${periodOf(top)} against its expected value` },
    priority: priorityOf(relative, top.confidence, gap < 0),
    // Statistically clear and big enough to matter: a 2% wobble in a very smooth series is not news.
    significant: top.confidence >= 0.6 && Math.abs(relative ?? 1) >= MATERIAL,
    evidence: evidenceFor(base),
    recommendations: anomalyActions(facts, { metric: subject.metric.name, periodLabel: periodOf(top), kind: top.kind, value: top.value, expected: top.expected, others: flagged.length - 1 }),
    chart: chartOf(base, flagged),
    // What the insight is about: the clearest unusual period (summaries of a period pick it up there).
    period: periodRange(bucketPeriod(examined[top.index].t, unit)),
  });
}

interface Base { subject: Subject; facts: Facts; unit: Granularity; examined: SeriesPoint[]; found: AnomalyResult; methods: string[] }

function evidenceFor({ subject, facts, unit, examined, found, methods }: Base) {
  return evidenceOf(subject, facts, {
    method: `Anomaly detection with ${(methods.length ? methods : Object.keys(METHOD_WORDS)).map((m) => METHOD_WORDS[m] ?? m).join(', ')}; confidence from severity and agreement across methods`,
    inputs: [`${examined.length} ${unit}s of ${subject.metric.name}, ${bucketWords(examined[0].t, unit)} to ${bucketWords(examined[examined.length - 1].t, unit)}`],
    parameters: { season: found.season, seasons: found.seasons.join(', ') || 'none', frequency: FREQUENCY[unit], examined: found.examined },
    scope: [...subject.filters],
  });
}

function chartOf({ subject, unit, examined, found }: Base, flagged: Anomaly[]): Insight['chart'] {
  const byIndex = new Map(found.anomalies.map((a) => [a.index, a]));
  const shown = new Set(flagged.map((a) => a.index));
  return {
    kind: 'markers', title: `${subjectWords(subject)} by ${unit}, unusual periods marked`, format: subject.metric.format, yLabel: subject.metric.name,
    points: examined.map((p, i) => ({ t: p.t, value: p.value, expected: byIndex.get(i)?.expected ?? null, lo: byIndex.get(i)?.lo ?? null, hi: byIndex.get(i)?.hi ?? null, flagged: shown.has(i) })),
  };
}

function spanPeriod(points: SeriesPoint[], unit: Granularity) {
  const a = bucketPeriod(points[0].t, unit);
  const b = bucketPeriod(points[points.length - 1].t, unit);
  return { start: a.start, end: b.end, label: `${a.label} to ${b.label}` };
}

function periodRange(p: { start: string; end: string; label: string }) {
  return { start: p.start, end: p.end, label: p.label };
}

function lowerFirst(text: string): string {
  return text ? `${text[0].toLowerCase()}${text.slice(1)}` : text;
}
