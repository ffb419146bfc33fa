import { PALETTE_LIGHT } from '../../../../shared/charts/palette';
import { formatExact, formatValue } from '../../../../shared/charts/format';
import type { Finding, Report } from '../../../../shared/reports/model';

/** The organization's colours first, then the colour-blind-safe palette the UI uses. */
export function chartPalette(report: Report): string[] {
  const accent = report.organization.accentColor.toUpperCase();
  return [accent, ...PALETTE_LIGHT.filter((c) => c.toUpperCase() !== accent).slice(1)];
}

export function confidenceLabel(confidence: number): string {
  const level = confidence >= 0.8 ? 'High' : confidence >= 0.5 ? 'Medium' : 'Low';
  return `${level} confidence (${formatValue(confidence, 'fraction-percent')})`;
}

export function generatedLabel(report: Report): string {
  const at = new Date(report.generatedAt);
  return `${formatValue(report.generatedAt.slice(0, 10), 'date')}, ${at.toISOString().slice(11, 16)} UTC`;
}

export function tableNote(finding: Finding): string | undefined {
  const t = finding.table;
  if (!t) return undefined;
  const masked = t.columns.filter((c) => c.masked).map((c) => c.label);
  const parts = [];
  if (t.rows.length < t.totalRows) parts.push(`Showing ${formatExact(t.rows.length, 'integer')} of ${formatExact(t.totalRows, 'integer')} rows.`);
  if (masked.length) parts.push(`${masked.join(', ')} masked for this reader.`);
  return parts.length ? parts.join(' ') : undefined;
}

export function fileSlug(report: Report): string {
  return report.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'report';
}
