import type { Audience, ReportSection } from './model';

/** How deep a report goes for each audience, as data. */
export interface AudiencePreset {
  label: string;
  description: string;
  maxFindings: number;
  maxCharts: number;
  /** Rows printed per table (0: no tables). */
  tableRows: number;
  summaryPoints: number;
  /** Sentences of narrative kept per finding. */
  narrativeSentences: number;
  showSql: boolean;
  showStatistics: boolean;
  defaultSections: readonly ReportSection[];
  /** Days from generation to a recommendation's due date. */
  dueDays: number;
}

export const AUDIENCE_PRESETS = {
  board: {
    label: 'Board', description: 'One page of summary, a few charts, decisions and risks.',
    maxFindings: 4, maxCharts: 3, tableRows: 0, summaryPoints: 3, narrativeSentences: 2, showSql: false, showStatistics: false,
    defaultSections: ['summary', 'urgent', 'findings', 'recommendations'], dueDays: 30,
  },
  executive: {
    label: 'Executive', description: 'Summary, every finding with its chart, short tables, actions with owners.',
    maxFindings: 10, maxCharts: 10, tableRows: 10, summaryPoints: 5, narrativeSentences: 4, showSql: false, showStatistics: false,
    defaultSections: ['summary', 'urgent', 'findings', 'tables', 'recommendations', 'appendix'], dueDays: 14,
  },
  analyst: {
    label: 'Analyst', description: 'Everything: findings, full tables, methods, statistics and SQL.',
    maxFindings: 60, maxCharts: 60, tableRows: 200, summaryPoints: 6, narrativeSentences: 12, showSql: true, showStatistics: true,
    defaultSections: ['summary', 'urgent', 'findings', 'tables', 'recommendations', 'appendix'], dueDays: 14,
  },
} as const satisfies Record<Audience, AudiencePreset>;

export function presetFor(audience: Audience): AudiencePreset {
  return AUDIENCE_PRESETS[audience];
}
