import type { ExecutiveSummary as InsightsSummary, InsightChart, Priority, StoredInsight } from '../api/domains/insights';
import type { ChartSpec } from '../charts/spec';
import { CONFIDENTIAL, DEFAULT_ACCENT, DEFAULT_PRIMARY, dueDate, sentences, type ReportRequest } from './build';
import type { Finding, Recommendation, Report, ReportChart } from './model';
import { presetFor } from './presets';

/** A report of the insights recorded for a period (top changes, anomalies, forecasts …). Its
 *  figures are the insights' own evidence as computed and stored by the analysis engine; its
 *  executive summary is the insights' deterministic one. Pure: same inputs, same report. */

const PRIORITY_RANK: Record<Priority, number> = { urgent: 0, high: 1, medium: 2, low: 3 };
/** An urgent recommendation is due within a week whatever the audience's usual horizon. */
const URGENT_DUE_DAYS = 7;

const METHODS = [
  'Every figure is the evidence an insight recorded when it was computed (the analysis engine ran read-only SQL through the guard and your row rules and masking); nothing is estimated by a language model.',
  'Only insights computed under the same data policies as the reader’s are included, so masked or row-filtered figures never reach someone who could not see them.',
  'Findings are ordered by priority, then by the size of their impact, then by confidence; the same finding recorded twice appears once (the newest).',
];

const time = (t: string) => Date.parse(t.length === 10 ? `${t}T00:00:00Z` : t);

function spec(type: ChartSpec['type'], chart: InsightChart, y: string[], extra: Partial<ChartSpec> = {}): ChartSpec {
  return { type, title: chart.title, x: 't', y, yFormat: chart.format, yLabel: chart.yLabel, alternatives: [], ...extra };
}

function timeSeries<P extends { t: string }>(name: string, points: readonly P[], value: (p: P) => number | null): { name: string; data: Array<[number, number]> } {
  const data: Array<[number, number]> = [];
  for (const p of points) {
    const v = value(p);
    const at = time(p.t);
    if (v !== null && Number.isFinite(at)) data.push([at, v]);
  }
  return { name, data };
}

/** The insight's chart in the shape every report format draws (native, editable in PowerPoint). */
export function chartOfInsight(chart: InsightChart): ReportChart | undefined {
  switch (chart.kind) {
    case 'band': {
      const series = [
        timeSeries('Actual', chart.points, (p) => p.actual),
        timeSeries('Forecast', chart.points, (p) => (p.actual === null ? p.mean : null)),
      ].filter((s) => s.data.length);
      const points = series.reduce((n, s) => n + s.data.length, 0);
      return points ? { spec: spec('line', chart, series.map((s) => s.name), { xFormat: 'date' }), data: { kind: 'time', series, sourcePoints: points, downsampled: false } } : undefined;
    }
    case 'markers': {
      const series = [
        timeSeries(chart.yLabel || 'Value', chart.points, (p) => p.value),
        timeSeries('Expected', chart.points, (p) => p.expected),
      ].filter((s) => s.data.length);
      return series.length ? { spec: spec('line', chart, series.map((s) => s.name), { xFormat: 'date' }), data: { kind: 'time', series, sourcePoints: chart.points.length, downsampled: false } } : undefined;
    }
    case 'contributions':
      return chart.bars.length ? {
        spec: spec('bar', chart, ['Contribution'], { x: 'label' }),
        data: { kind: 'category', categories: chart.bars.map((b) => b.label), series: [{ name: 'Contribution', data: chart.bars.map((b) => b.contribution) }], stacked: false, truncatedCategories: 0 },
      } : undefined;
    case 'groups':
      return chart.groups.length ? {
        spec: spec('column', chart, ['Mean'], { x: 'label' }),
        data: { kind: 'category', categories: chart.groups.map((g) => g.label), series: [{ name: 'Mean', data: chart.groups.map((g) => g.mean) }], stacked: false, truncatedCategories: 0 },
      } : undefined;
    case 'scatter':
      return chart.points.length ? {
        spec: spec('scatter', chart, [chart.yLabel], { x: chart.xLabel, xFormat: chart.xFormat, xLabel: chart.xLabel }),
        data: { kind: 'xy', series: [{ name: chart.yLabel, data: chart.points.map((p) => [p.x, p.y] as [number, number]) }], sourcePoints: chart.points.length, downsampled: false },
      } : undefined;
  }
}

/** Newest first per headline, then ranked: the summary's key findings lead, in its order. */
function ordered(records: readonly StoredInsight[], summary: InsightsSummary): StoredInsight[] {
  const seen = new Set<string>();
  const distinct = [...records].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).filter((r) => {
    const key = `${r.insight.kind}|${r.insight.headline}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const lead = new Map(summary.keyFindings.map((k, i) => [k.insightId, i]));
  return distinct.sort((a, b) => (lead.get(a.id) ?? Infinity) - (lead.get(b.id) ?? Infinity)
    || PRIORITY_RANK[a.insight.priority] - PRIORITY_RANK[b.insight.priority]
    || Math.abs(b.insight.impact?.value ?? 0) - Math.abs(a.insight.impact?.value ?? 0)
    || b.insight.confidence - a.insight.confidence);
}

/** `records` are the insights of the period the reader may see; `summary` is their executive summary. */
export function buildInsightsReport(request: ReportRequest, records: readonly StoredInsight[], summary: InsightsSummary, sourceNames: ReadonlyMap<string, string>): Report {
  const preset = presetFor(request.audience);
  const sections = [...(request.sections ?? preset.defaultSections)];
  const showSql = preset.showSql && request.viewerSeesSql;
  const owner = request.defaultOwner ?? request.preparedFor ?? request.preparedBy;
  const chosen = ordered(records, summary).slice(0, preset.maxFindings);
  const findings: Finding[] = [];
  const recommendations: Recommendation[] = [];
  const statistics: Report['appendix']['statistics'] = [];
  const queries: Report['appendix']['queries'] = [];
  const methods = new Set<string>();
  let charts = 0;
  for (const record of chosen) {
    const { insight } = record;
    const chart = insight.chart && charts < preset.maxCharts ? chartOfInsight(insight.chart) : undefined;
    if (chart) charts++;
    const urgent = insight.priority === 'urgent' && insight.significant;
    const sourceName = (record.sourceId && sourceNames.get(record.sourceId)) || 'Stored insight';
    const impact = insight.impact ? ` ${insight.impact.description}` : '';
    findings.push({
      id: record.id, title: insight.headline, narrative: sentences(`${insight.summary}${impact}`.trim(), preset.narrativeSentences),
      evidence: insight.evidence.numbers.map((n) => ({ label: n.label, value: n.text, raw: n.value })),
      confidence: insight.confidence, urgent, alert: urgent ? (insight.impact ? `${insight.headline} (${insight.impact.text})` : insight.headline) : undefined,
      chart, sourceName,
    });
    const due = dueDate(request.generatedAt, urgent ? Math.min(URGENT_DUE_DAYS, preset.dueDays) : preset.dueDays);
    for (const r of insight.recommendations) recommendations.push({ text: `${r.action} Expected: ${r.expectedOutcome} Watch: ${r.metricToWatch}.`.replace(/\.\./g, '.'), owner, due, findingId: record.id });
    statistics.push({ findingId: record.id, label: `${insight.kind} · confidence`, value: insight.confidenceLabel });
    if (insight.statistics) statistics.push({ findingId: record.id, label: `${insight.kind} · statistics`, value: insight.statistics });
    if (insight.evidence.backtest?.mase != null) statistics.push({ findingId: record.id, label: `${insight.kind} · backtest MASE`, value: insight.evidence.backtest.mase.toFixed(2) });
    methods.add(`${insight.kind}: ${insight.evidence.method}.`.replace(/\.\.$/, '.'));
    for (const q of insight.evidence.queries) {
      queries.push({ findingId: record.id, title: q.purpose, source: sourceName, sql: showSql ? q.sql : undefined, rowCount: q.rowCount, durationMs: null, sqlHash: q.sqlHash ?? '' });
    }
  }
  const periodLabel = request.period?.label ?? `${summary.period.from} to ${summary.period.to}`;
  const points = summary.keyFindings.slice(0, preset.summaryPoints).map((k) => `${k.headline.replace(/\.$/, '')}${k.impact && !k.headline.includes(k.impact) ? `; impact ${k.impact}` : ''} (confidence: ${k.confidenceLabel.toLowerCase()}).`);
  const sources = [...new Map(chosen.filter((r) => r.sourceId).map((r) => [r.sourceId!, { id: r.sourceId!, name: sourceNames.get(r.sourceId!) ?? r.sourceId! }])).values()];
  return {
    title: request.title,
    subtitle: `${preset.label} report · ${periodLabel}`,
    audience: request.audience,
    organization: { name: request.organization.name, primaryColor: request.organization.primaryColor ?? DEFAULT_PRIMARY, accentColor: request.organization.accentColor ?? DEFAULT_ACCENT },
    period: request.period ?? { label: periodLabel, from: summary.period.from, to: summary.period.to },
    preparedFor: request.preparedFor ?? preset.label,
    preparedBy: request.preparedBy,
    confidentiality: request.confidentiality ?? CONFIDENTIAL,
    generatedAt: request.generatedAt,
    sections,
    summary: { headline: summary.headline, points },
    findings,
    recommendations: recommendations.slice(0, preset.maxFindings * 2),
    urgent: findings.filter((f) => f.urgent).map((f) => ({ text: f.alert ?? f.title, findingId: f.id })),
    appendix: {
      queries: showSql || request.audience !== 'board' ? queries : [],
      methods: [...METHODS, ...methods],
      sources,
      lineage: queries.filter((q) => q.sqlHash).map((q) => ({ findingId: q.findingId, source: q.source, sqlHash: q.sqlHash, maskedColumns: [] })),
      statistics: preset.showStatistics ? statistics : [],
      generatedAt: request.generatedAt,
    },
  };
}
