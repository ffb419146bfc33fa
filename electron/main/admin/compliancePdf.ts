import { DEFAULT_ACCENT, DEFAULT_PRIMARY } from '../../../shared/reports/build';
import type { Finding, Report, ReportTable } from '../../../shared/reports/model';
import { savedBranding } from '../../../shared/types/tenant';
import type { Organization } from '../store';

/** Rows printed per section; the table says how many it leaves out (the CSV has every row). */
const ROWS_PER_SECTION = 200;
const SECTION_ORDER = ['access', 'exports', 'ai operations', 'policy changes', 'alerts'];
const TITLES: Record<string, string> = {
  access: 'Who accessed what', exports: 'Exports', 'ai operations': 'AI operations', 'policy changes': 'Policy changes', alerts: 'Alerts',
};
const COLUMNS: ReportTable['columns'] = [
  { name: 'at', label: 'When (UTC)', format: 'text', masked: false },
  { name: 'who', label: 'Who', format: 'text', masked: false },
  { name: 'action', label: 'Action', format: 'text', masked: false },
  { name: 'target', label: 'Target', format: 'text', masked: false },
  { name: 'details', label: 'Details', format: 'text', masked: false },
];

export interface ComplianceReportInput {
  organization: Pick<Organization, 'name' | 'settings'>;
  preparedFor: string;
  from: string;
  to: string;
  generatedAt: string;
  /** section → one row of (at, who, action, target, details). */
  entries: Array<{ section: string; row: string[] }>;
}

/** The compliance report as a report model (one finding and table per section), for the PDF format. */
export function complianceReport(input: ComplianceReportInput): Report {
  const bySection = new Map<string, string[][]>();
  for (const { section, row } of input.entries) bySection.set(section, [...(bySection.get(section) ?? []), row]);
  const findings: Finding[] = SECTION_ORDER.map((section) => {
    const rows = bySection.get(section) ?? [];
    return {
      id: section.replace(/\s+/g, '-'), title: `${TITLES[section]}: ${rows.length} event${rows.length === 1 ? '' : 's'}`,
      narrative: rows.length ? `From ${rows[0][0].slice(0, 10)} to ${rows[rows.length - 1][0].slice(0, 10)}, in the order recorded.` : 'Nothing recorded in this period.',
      evidence: [{ label: 'Events', value: String(rows.length), raw: rows.length }], confidence: 1, urgent: false, sourceName: 'Audit trail',
      table: rows.length ? { columns: COLUMNS, rows: rows.slice(0, ROWS_PER_SECTION).map((r) => r.map((cell) => cell.slice(0, 300))), totalRows: rows.length } : undefined,
    };
  });
  const branding = savedBranding(input.organization.settings as Record<string, unknown>);
  return {
    title: 'Compliance report', subtitle: input.organization.name, audience: 'analyst',
    organization: { name: input.organization.name, primaryColor: branding.primary ?? DEFAULT_PRIMARY, accentColor: branding.accent ?? DEFAULT_ACCENT },
    period: { label: `${input.from} to ${input.to}`, from: input.from, to: input.to },
    preparedFor: input.preparedFor, preparedBy: 'Aiser', confidentiality: 'Confidential: compliance record', generatedAt: input.generatedAt,
    sections: ['summary', 'findings', 'tables'],
    summary: { headline: `${input.entries.length} recorded event${input.entries.length === 1 ? '' : 's'} from ${input.from} to ${input.to}`, points: findings.map((f) => f.title) },
    findings, recommendations: [], urgent: [],
    appendix: { queries: [], methods: ['Read from the organization’s audit trail and alerts; the CSV export of the same period has every row.'], sources: [], lineage: [], statistics: [], generatedAt: input.generatedAt },
  };
}
