import { buildChartData } from '../charts/data';
import { type Cell, humanizeColumn, inferFormat } from '../charts/format';
import type { ChartSpec } from '../charts/spec';
import { titleFor } from '../charts/title';
import { factsOf, isUrgent, narrativeFromFacts } from './evidence';
import type { Audience, Finding, Recommendation, Report, ReportChart, ReportSection, ReportTable } from './model';
import { presetFor } from './presets';
import { deterministicSummarizer, type ExecutiveSummarizer } from './summary';

/** One query of a report, already run for the viewer (guarded, masked, row-filtered). */
export interface ReportItem {
  id: string;
  title: string;
  question?: string;
  sourceId: string;
  sourceName: string;
  sql: string;
  result: {
    columns: ReadonlyArray<{ name: string; kind: string; masked?: boolean }>;
    rows: ReadonlyArray<readonly Cell[]>;
    rowCount: number;
    durationMs: number;
    sqlHash: string;
  };
  chart?: ChartSpec;
  narrative?: string;
  actions?: readonly string[];
  confidence?: number;
}

export interface ReportRequest {
  title: string;
  audience: Audience;
  sections?: readonly ReportSection[];
  organization: { name: string; primaryColor?: string; accentColor?: string };
  period?: { label: string; from?: string; to?: string };
  preparedFor?: string;
  preparedBy: string;
  /** Owner named on recommendations that have none. */
  defaultOwner?: string;
  confidentiality?: string;
  generatedAt: string;
  /** The viewer may see SQL (roles with `sql:see`); the analyst preset also asks for it. */
  viewerSeesSql: boolean;
  summarizer?: ExecutiveSummarizer;
}

export const DEFAULT_PRIMARY = '#1E3A5F';
export const DEFAULT_ACCENT = '#2563EB';
export const CONFIDENTIAL = 'Confidential';

const METHODS = [
  'Every figure comes from a read-only SQL query run on the data source when the report was generated; nothing is estimated by a language model.',
  'Queries passed the SQL guard (one SELECT, allowed tables, row limit) and the viewer’s row rules and masking of personal data.',
  'Changes over a period compare the first and the last point shown; declines of 10% or more are flagged as urgent.',
  'Charts with many points are reduced for display (largest-triangle sampling) without changing the first, last or extreme values.',
];

/** The first sentences of a text; a full stop inside a figure ("$915,000.00") does not end one. */
export function sentences(text: string, max: number): string {
  return text.split(/(?<=[.!?])\s+(?=[A-Z0-9"“(])/).slice(0, max).join(' ').trim();
}

function chartOf(item: ReportItem): ReportChart | undefined {
  const spec = item.chart;
  if (!spec || spec.type === 'table' || !item.result.rows.length) return undefined;
  const data = buildChartData(spec, item.result);
  if (data.kind === 'table') return undefined;
  return { spec, data: structuredClone(data) };
}

function tableOf(item: ReportItem, maxRows: number): ReportTable | undefined {
  if (maxRows <= 0 || !item.result.columns.length) return undefined;
  const sample = item.result.rows.slice(0, 50);
  const columns = item.result.columns.map((c, i) => ({
    name: c.name, label: humanizeColumn(c.name), masked: Boolean(c.masked),
    format: c.masked ? ('text' as const) : inferFormat(c.name, c.kind, sample.map((r) => r[i] ?? null)),
  }));
  return { columns, rows: item.result.rows.slice(0, maxRows).map((r) => [...r]), totalRows: item.result.rowCount };
}

export function dueDate(generatedAt: string, days: number): string {
  const at = new Date(generatedAt);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/** Builds the report model from query results. Pure and deterministic: the same results give
 *  the same report, so a schedule's output only changes when the data does. */
export function buildReport(request: ReportRequest, items: readonly ReportItem[]): Report {
  const preset = presetFor(request.audience);
  const sections = [...(request.sections ?? preset.defaultSections)];
  const showSql = preset.showSql && request.viewerSeesSql;
  const owner = request.defaultOwner ?? request.preparedFor ?? request.preparedBy;
  const due = dueDate(request.generatedAt, preset.dueDays);
  const findings: Finding[] = [];
  const recommendations: Recommendation[] = [];
  const statistics: Report['appendix']['statistics'] = [];
  let charts = 0;
  for (const item of items.slice(0, preset.maxFindings)) {
    const chart = charts < preset.maxCharts ? chartOf(item) : undefined;
    if (chart) charts++;
    const facts = chart ? factsOf(chart.spec, chart.data) : null;
    const title = chart ? titleFor(chart.spec, item.result) : item.title;
    const finding: Finding = {
      id: item.id, title, question: item.question,
      narrative: sentences(item.narrative?.trim() || (facts ? narrativeFromFacts(facts) : item.title), preset.narrativeSentences),
      evidence: facts?.evidence ?? [], confidence: item.confidence ?? 1, urgent: facts ? isUrgent(facts) : false, alert: facts?.alert ?? undefined,
      chart, table: sections.includes('tables') ? tableOf(item, preset.tableRows) : undefined, sourceName: item.sourceName,
    };
    findings.push(finding);
    for (const s of facts?.statistics ?? []) statistics.push({ findingId: item.id, ...s });
    for (const action of item.actions ?? []) recommendations.push({ text: action, owner, due, findingId: item.id });
    if (!item.actions?.length && finding.urgent && facts) {
      recommendations.push({ text: `Find the cause of the decline in ${facts.measure.toLowerCase()} and agree a recovery plan.`, owner, due, findingId: item.id });
    }
  }
  const periodLabel = request.period?.label ?? 'the period';
  const summary = (request.summarizer ?? deterministicSummarizer).summarize(findings, { audience: request.audience, maxPoints: preset.summaryPoints, periodLabel, urgentShownSeparately: sections.includes('urgent') });
  const sources = [...new Map(items.map((i) => [i.sourceId, { id: i.sourceId, name: i.sourceName }])).values()];
  return {
    title: request.title,
    subtitle: `${preset.label} report · ${periodLabel}`,
    audience: request.audience,
    organization: { name: request.organization.name, primaryColor: request.organization.primaryColor ?? DEFAULT_PRIMARY, accentColor: request.organization.accentColor ?? DEFAULT_ACCENT },
    period: request.period ?? { label: periodLabel },
    preparedFor: request.preparedFor ?? preset.label,
    preparedBy: request.preparedBy,
    confidentiality: request.confidentiality ?? CONFIDENTIAL,
    generatedAt: request.generatedAt,
    sections,
    summary,
    findings,
    recommendations: recommendations.slice(0, preset.maxFindings * 2),
    urgent: findings.filter((f) => f.urgent).map((f) => ({ text: f.alert ?? f.title, findingId: f.id })),
    appendix: {
      queries: findings.map((f) => {
        const item = items.find((i) => i.id === f.id)!;
        return { findingId: f.id, title: f.title, source: item.sourceName, sql: showSql ? item.sql : undefined, rowCount: item.result.rowCount, durationMs: item.result.durationMs, sqlHash: item.result.sqlHash };
      }),
      methods: METHODS,
      sources,
      lineage: findings.map((f) => {
        const item = items.find((i) => i.id === f.id)!;
        return { findingId: f.id, source: item.sourceName, sqlHash: item.result.sqlHash, maskedColumns: item.result.columns.filter((c) => c.masked).map((c) => c.name) };
      }),
      statistics: preset.showStatistics ? statistics : [],
      generatedAt: request.generatedAt,
    },
  };
}
