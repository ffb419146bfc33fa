import { describe, expect, it } from 'vitest';
import type { Insight } from '../../../../shared/api/domains/insights';
import type { Measure } from '../../nl2sql/plan';
import type { MetricInfo, SeriesPoint, TimeSeries } from '../series';
import { nextBucket } from '../series';
import { buildAnomalyInsight } from './anomalies';
import type { Subject } from './common';
import { buildCorrelationInsight } from './correlation';
import { buildForecastInsight, stepsFor } from './forecast';
import { buildRootCauseInsight } from './rootCause';
import { buildSignificanceInsight } from './significance';
import { buildWhatIfInsight } from './whatIf';

/** Own generated fixtures: a deterministic noise source, seasonal monthly series, segment splits. */
function noise(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32 - 0.5) * 2;
}

function monthly(n: number, level: number, seed: number, spikeAt?: number): SeriesPoint[] {
  const r = noise(seed);
  const out: SeriesPoint[] = [];
  for (let i = 0, t = '2022-01'; i < n; i++, t = nextBucket(t, 'month')) {
    const season = 1 + 0.15 * Math.sin((2 * Math.PI * i) / 12);
    out.push({ t, value: level * (1 + 0.01 * i) * season * (1 + 0.03 * r()) * (i === spikeAt ? 1.8 : 1) });
  }
  return out;
}

const revenue: MetricInfo = { name: 'revenue', format: 'currency', additive: true };
const subject = (metric: MetricInfo = revenue, filters: string[] = []): Subject => ({ metric, filters, queries: [{ purpose: 'fixture', sql: 'SELECT 1', sqlHash: 'h', rowCount: 1 }] });
const series = (points: SeriesPoint[]): TimeSeries => ({ unit: 'month', points, incompleteLast: false, query: { purpose: 'fixture', rowCount: points.length } });
const orders: Measure = { kind: 'agg', fn: 'COUNT', table: 'orders', label: 'orders' };

const DATE = /\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{1,2}, \d{4}\b|\b(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}\b|\bQ[1-4] \d{4}\b|\b\d{4}-\d{2}(?:-\d{2})?(?:\.\.\d{4}-\d{2}-\d{2})?\b|\b(?:19|20)\d{2}\b/g;
const NUMBER = /\d(?:[\d,]*\d)?(?:\.\d+)?[kMBT%]?/g;

/** Every figure in the insight's words, with where it was found. */
function figuresOf(insight: Insight): Array<{ where: string; token: string }> {
  const texts: Array<[string, string]> = [
    ['headline', insight.headline], ['summary', insight.summary], ['statistics', insight.statistics],
    ...(insight.impact ? [['impact', insight.impact.text] as [string, string]] : []),
    ...insight.recommendations.flatMap((r, i) => [[`action ${i}`, r.action], [`outcome ${i}`, r.expectedOutcome], [`basis ${i}`, r.basis]] as Array<[string, string]>),
  ];
  return texts.flatMap(([where, text]) => (text.replace(DATE, ' ').match(NUMBER) ?? []).map((token) => ({ where, token })));
}

function expectEveryNumberInEvidence(insight: Insight): void {
  const shown = insight.evidence.numbers.map((n) => n.text);
  const missing = figuresOf(insight).filter(({ token }) => !shown.some((text) => text.includes(token)));
  expect(missing).toEqual([]);
  expect(figuresOf(insight).length).toBeGreaterThan(2);
}

function built(): Insight[] {
  const history = monthly(48, 100_000, 7);
  const spiky = monthly(48, 100_000, 11, 40);
  const segments = [
    { label: 'North', before: 50_000, after: 30_000 },
    { label: 'South', before: 30_000, after: 31_000 },
    { label: 'West', before: 20_000, after: 19_000 },
  ];
  return [
    buildForecastInsight({ subject: subject(revenue, ['Europe']), unit: 'month', history, horizon: { count: 1, unit: 'quarter' } }),
    buildAnomalyInsight({ subject: subject(), unit: 'month', points: spiky, incompleteLast: false }) as Insight,
    buildRootCauseInsight({ subject: subject(), before: { start: '2025-07-01', end: '2025-08-01', label: 'July 2025' }, after: { start: '2025-08-01', end: '2025-09-01', label: 'August 2025' }, breakdowns: [{ dimension: 'region', segments, queries: [] }], history }),
    buildSignificanceInsight({ subject: subject(), unit: 'month', groups: [{ label: 'Online', points: monthly(24, 120_000, 3) }, { label: 'Retail', points: monthly(24, 80_000, 5) }] }),
    buildCorrelationInsight({ subject: subject(), unit: 'month', a: series(history), b: series(history.map((p, i) => ({ t: p.t, value: p.value / 50 + (i % 3) * 40 }))), measureB: orders }),
    buildWhatIfInsight({
      subject: subject({ name: 'average order value', format: 'currency', additive: false }), period: { start: '2025-01-01', end: '2026-01-01', label: '2025' }, baseline: { numerator: 3_600_000, volume: 900 },
      scenario: { formula: 'driver * volume', driver: 'average order value', target: 'revenue', change: 0.05, parts: [{ name: 'numerator', measure: orders }, { name: 'volume', measure: orders }], derive: { part: 'driver', numerator: 'numerator', denominator: 'volume' } },
    }),
  ];
}

describe('insights built from analyses', () => {
  const insights = built();

  it('every number in every insight’s text appears in its evidence', () => {
    expect(insights.map((i) => i.kind)).toEqual(['forecast', 'anomalies', 'root-cause', 'significance', 'correlation', 'what-if']);
    for (const insight of insights) expectEveryNumberInEvidence(insight);
  });

  it('a forecast covers the horizon asked for, with a band and its backtest error', () => {
    const [forecast] = insights;
    expect(stepsFor({ count: 1, unit: 'quarter' }, 'month')).toBe(3);
    expect(stepsFor({ count: 2, unit: 'week' }, 'day')).toBe(14);
    expect(forecast.chart?.kind).toBe('band');
    const future = forecast.chart?.kind === 'band' ? forecast.chart.points.filter((p) => p.mean !== null) : [];
    expect(future.map((p) => p.t)).toEqual(['2026-01', '2026-02', '2026-03']);
    for (const p of future) expect(p.lo95! <= p.lo80! && p.lo80! <= p.mean! && p.mean! <= p.hi80! && p.hi80! <= p.hi95!).toBe(true);
    expect(forecast.evidence.backtest?.mase).toBeGreaterThan(0);
    expect(forecast.headline).toMatch(/^Revenue in Europe is forecast at \$[\d.]+k in total for January 2026 to March 2026/);
  });

  it('an anomaly insight names the injected spike first and marks it on the chart', () => {
    const anomalies = insights[1];
    expect(anomalies.headline).toContain('May 2025');
    expect(anomalies.chart?.kind === 'markers' && anomalies.chart.points.find((p) => p.t === '2025-05')?.flagged).toBe(true);
    expect(anomalies.significant).toBe(true);
  });

  it('a root cause ranks the segment that moved most and derives actions from it', () => {
    const cause = insights[2];
    expect(cause.headline).toMatch(/^Revenue fell \$20k .* region “North” explains/);
    expect(cause.chart?.kind === 'contributions' && cause.chart.bars.map((b) => b.label)).toEqual(['North', 'South', 'West']);
    expect(cause.recommendations[0].action).toMatch(/region “North”.*down 40%.*50% of revenue/);
    expect(cause.impact?.value).toBe(-20_000);
  });

  it('a clear gap between groups is called real, with the statistics kept for analysts', () => {
    const sig = insights[3];
    expect(sig.significant).toBe(true);
    expect(sig.headline).toMatch(/higher for Online than for Retail; (almost certainly|very likely) a real difference/);
    expect(sig.statistics).toMatch(/Welch t = [\d.]+, df = [\d.]+, p [<=] /);
    expect(sig.summary).not.toMatch(/p [<=] |Welch/);
  });

  it('a what-if recomputes the metric from its parts', () => {
    const whatIf = insights[5];
    expect(whatIf.impact?.value).toBeCloseTo(180_000, 6);
    expect(whatIf.headline).toBe('If average order value rises 5%, revenue rises by about $180k, to $3.8M (on 2025).');
  });
});
