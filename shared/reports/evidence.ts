import { formatExact, formatValue, humanizeColumn } from '../charts/format';
import { pearson } from '../charts/shape';
import type { ChartSpec, ValueFormat } from '../charts/spec';
import type { Evidence, ReportChartData } from './model';

/** The figures behind a finding, read from the chart's own series (deterministic, no model). */
export interface Facts {
  evidence: Evidence[];
  statistics: Array<{ label: string; value: string }>;
  /** Relative change over the period for time series (null otherwise). */
  change: number | null;
  /** Relative change of the last step (time series). */
  lastStep: number | null;
  measure: string;
  /** Why the finding needs attention, in words (null when it does not). */
  alert: string | null;
  /** The figures as a plain sentence, for findings whose answer brought no narrative. */
  sentence: string | null;
}

/** A drop this large over the period or in the latest step is flagged as urgent. */
export const URGENT_DECLINE = -0.1;

function ev(label: string, raw: number | null, format: ValueFormat): Evidence {
  return { label, value: formatExact(raw, format), raw };
}

function timeLabel(ms: number, spec: ChartSpec): string {
  return formatValue(new Date(ms).toISOString().slice(0, 10), spec.xFormat === 'month' ? 'month' : 'date');
}

export function factsOf(spec: ChartSpec, data: ReportChartData): Facts {
  const measure = spec.yLabel ?? humanizeColumn(spec.y[0] ?? 'value');
  const fmt = spec.yFormat ?? 'number';
  const facts: Facts = { evidence: [], statistics: [], change: null, lastStep: null, measure, alert: null, sentence: null };
  switch (data.kind) {
    case 'kpi':
      facts.evidence.push(ev(measure, data.value, fmt));
      if (spec.delta) facts.evidence.push(ev(spec.delta.label, spec.delta.value, spec.delta.format ?? 'fraction-percent'));
      break;
    case 'category': {
      const values = data.series[0]?.data ?? [];
      const present = values.map((v, i) => ({ v, i })).filter((p): p is { v: number; i: number } => p.v !== null);
      if (!present.length) break;
      const total = present.reduce((sum, p) => sum + p.v, 0);
      const top = present.reduce((a, b) => (b.v > a.v ? b : a));
      const low = present.reduce((a, b) => (b.v < a.v ? b : a));
      facts.evidence.push(ev(`${data.categories[top.i]} (highest)`, top.v, fmt));
      if (present.length > 1) facts.evidence.push(ev(`${data.categories[low.i]} (lowest)`, low.v, fmt));
      if (!data.stacked && data.series.length === 1 && fmt !== 'percent' && fmt !== 'fraction-percent') {
        facts.evidence.push(ev(`Total of ${present.length} shown`, total, fmt));
        if (total > 0 && top.v >= 0) facts.statistics.push({ label: `Share of ${data.categories[top.i]}`, value: formatExact(top.v / total, 'fraction-percent') });
      }
      facts.sentence = present.length > 1
        ? `${data.categories[top.i]} is highest at ${formatExact(top.v, fmt)} and ${data.categories[low.i]} lowest at ${formatExact(low.v, fmt)}.`
        : `${data.categories[top.i]}: ${formatExact(top.v, fmt)}.`;
      facts.statistics.push({ label: 'Categories', value: formatExact(data.categories.length + data.truncatedCategories, 'integer') });
      break;
    }
    case 'time': {
      const points = data.series[0]?.data ?? [];
      if (!points.length) break;
      const first = points[0];
      const last = points[points.length - 1];
      const peak = points.reduce((a, b) => (b[1] > a[1] ? b : a));
      facts.evidence.push(ev(`Latest (${timeLabel(last[0], spec)})`, last[1], fmt));
      if (points.length > 1) {
        facts.evidence.push(ev(`Start (${timeLabel(first[0], spec)})`, first[1], fmt));
        facts.evidence.push(ev(`Peak (${timeLabel(peak[0], spec)})`, peak[1], fmt));
        if (first[1] !== 0) facts.change = (last[1] - first[1]) / Math.abs(first[1]);
        const previous = points[points.length - 2][1];
        if (previous !== 0) facts.lastStep = (last[1] - previous) / Math.abs(previous);
        if (facts.change !== null) facts.evidence.push(ev('Change over the period', facts.change, 'fraction-percent'));
        if (facts.lastStep !== null && facts.lastStep <= URGENT_DECLINE) {
          facts.alert = `${measure} fell ${formatValue(-facts.lastStep, 'fraction-percent')} in ${timeLabel(last[0], spec)}, to ${formatExact(last[1], fmt)}`;
        } else if (facts.change !== null && facts.change <= URGENT_DECLINE) {
          facts.alert = `${measure} fell ${formatValue(-facts.change, 'fraction-percent')} over the period, to ${formatExact(last[1], fmt)}`;
        }
      }
      facts.sentence = points.length > 1
        ? `${measure} was ${formatExact(last[1], fmt)} in ${timeLabel(last[0], spec)}, against ${formatExact(first[1], fmt)} in ${timeLabel(first[0], spec)}; the peak was ${formatExact(peak[1], fmt)} in ${timeLabel(peak[0], spec)}.`
        : `${measure} was ${formatExact(last[1], fmt)} in ${timeLabel(last[0], spec)}.`;
      facts.statistics.push({ label: 'Points', value: formatExact(data.sourcePoints, 'integer') });
      if (data.series.length > 1) facts.statistics.push({ label: 'Series', value: formatExact(data.series.length, 'integer') });
      break;
    }
    case 'pie': {
      const total = data.values.reduce((a, b) => a + b, 0);
      if (!data.values.length) break;
      facts.evidence.push(ev(data.labels[0], data.values[0], fmt));
      if (total > 0) facts.evidence.push(ev(`${data.labels[0]} share`, data.values[0] / total, 'fraction-percent'));
      facts.evidence.push(ev('Total', total, fmt));
      if (total > 0) facts.sentence = `${data.labels[0]} accounts for ${formatExact(data.values[0] / total, 'fraction-percent')} of ${formatExact(total, fmt)}.`;
      break;
    }
    case 'xy': {
      const points = data.series[0]?.data ?? [];
      const r = pearson(points.map((p) => p[0]), points.map((p) => p[1]));
      facts.statistics.push({ label: 'Points', value: formatExact(data.sourcePoints, 'integer') });
      if (Number.isFinite(r)) {
        facts.evidence.push(ev('Correlation (Pearson r)', Number(r.toFixed(3)), 'number'));
        facts.statistics.push({ label: 'Pearson r', value: r.toFixed(3) });
      }
      break;
    }
    case 'histogram': {
      const count = data.bins.reduce((a, b) => a + b.count, 0);
      facts.evidence.push(ev('Values', count, 'integer'));
      facts.statistics.push({ label: 'Bins', value: String(data.bins.length) });
      break;
    }
    case 'box':
      facts.evidence.push(ev('Median', data.stats.median, fmt));
      facts.statistics.push(
        { label: 'Quartiles', value: `${formatExact(data.stats.q1, fmt)} – ${formatExact(data.stats.q3, fmt)}` },
        { label: 'Range', value: `${formatExact(data.stats.min, fmt)} – ${formatExact(data.stats.max, fmt)}` },
      );
      break;
  }
  return facts;
}

export function isUrgent(facts: Facts): boolean {
  return facts.alert !== null;
}

/** A plain sentence from the facts, used when the answer brought no narrative. */
export function narrativeFromFacts(facts: Facts): string {
  if (facts.sentence) return facts.sentence;
  const parts = facts.evidence.slice(0, 3).map((e) => `${e.label}: ${e.value}`);
  return parts.length ? `${facts.measure} — ${parts.join('; ')}.` : `No figures for ${facts.measure.toLowerCase()} in this period.`;
}
