import { z } from 'zod';
import { chartSpecSchema, VALUE_FORMATS } from '../charts/spec';

/** A report as data: built in main from query results (already masked for the viewer), drawn by
 *  every format (PDF, PowerPoint, HTML). It holds only what it shows: chart points as drawn and
 *  the table rows printed, never the full result. */

export const AUDIENCES = ['board', 'executive', 'analyst'] as const;
export type Audience = (typeof AUDIENCES)[number];

export const REPORT_FORMAT_IDS = ['pdf', 'pptx', 'html'] as const;
export type ReportFormatId = (typeof REPORT_FORMAT_IDS)[number];

export const REPORT_SECTIONS = ['summary', 'findings', 'tables', 'recommendations', 'urgent', 'appendix'] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];

const cell = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const pair = z.tuple([z.number(), z.number()]);

/** The series a chart draws (the same shapes `buildChartData` gives the UI). */
export const reportChartDataSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('category'), categories: z.array(z.string()), series: z.array(z.object({ name: z.string(), data: z.array(z.number().nullable()) })), stacked: z.boolean(), truncatedCategories: z.number() }),
  z.object({ kind: z.literal('time'), series: z.array(z.object({ name: z.string(), data: z.array(pair) })), sourcePoints: z.number(), downsampled: z.boolean() }),
  z.object({ kind: z.literal('xy'), series: z.array(z.object({ name: z.string(), data: z.array(pair) })), sourcePoints: z.number(), downsampled: z.boolean() }),
  z.object({ kind: z.literal('pie'), labels: z.array(z.string()), values: z.array(z.number()) }),
  z.object({ kind: z.literal('histogram'), categories: z.array(z.string()), bins: z.array(z.object({ from: z.number(), to: z.number(), count: z.number() })) }),
  z.object({ kind: z.literal('box'), name: z.string(), stats: z.object({ min: z.number(), q1: z.number(), median: z.number(), q3: z.number(), max: z.number() }) }),
  z.object({ kind: z.literal('kpi'), value: z.number().nullable() }),
]);
export type ReportChartData = z.infer<typeof reportChartDataSchema>;

export const reportChartSchema = z.object({ spec: chartSpecSchema, data: reportChartDataSchema });
export type ReportChart = z.infer<typeof reportChartSchema>;

export const reportTableSchema = z.object({
  columns: z.array(z.object({ name: z.string(), label: z.string(), format: z.enum(VALUE_FORMATS), masked: z.boolean() })),
  /** Exactly the rows printed. */
  rows: z.array(z.array(cell)),
  /** Rows the query returned (the table may show fewer; it says so). */
  totalRows: z.number().int().min(0),
});
export type ReportTable = z.infer<typeof reportTableSchema>;

export const evidenceSchema = z.object({
  label: z.string(),
  /** As the UI shows it exactly ("$1,234,567.89"). */
  value: z.string(),
  raw: z.number().nullable(),
});
export type Evidence = z.infer<typeof evidenceSchema>;

export const findingSchema = z.object({
  id: z.string(),
  /** The takeaway, stated as a sentence ("North leads revenue with $4.2M"). */
  title: z.string(),
  question: z.string().optional(),
  narrative: z.string(),
  evidence: z.array(evidenceSchema),
  confidence: z.number().min(0).max(1),
  urgent: z.boolean(),
  /** Why it needs attention ("Revenue fell 22% in Dec 2025, to $915,000.00"). */
  alert: z.string().optional(),
  chart: reportChartSchema.optional(),
  table: reportTableSchema.optional(),
  sourceName: z.string(),
});
export type Finding = z.infer<typeof findingSchema>;

export const recommendationSchema = z.object({ text: z.string(), owner: z.string(), due: z.string(), findingId: z.string().optional() });
export type Recommendation = z.infer<typeof recommendationSchema>;

export const executiveSummarySchema = z.object({ headline: z.string(), points: z.array(z.string()) });
export type ExecutiveSummary = z.infer<typeof executiveSummarySchema>;

export const appendixSchema = z.object({
  queries: z.array(z.object({ findingId: z.string(), title: z.string(), source: z.string(), sql: z.string().optional(), rowCount: z.number(), durationMs: z.number().nullable(), sqlHash: z.string() })),
  methods: z.array(z.string()),
  sources: z.array(z.object({ id: z.string(), name: z.string() })),
  lineage: z.array(z.object({ findingId: z.string(), source: z.string(), sqlHash: z.string(), maskedColumns: z.array(z.string()) })),
  statistics: z.array(z.object({ findingId: z.string(), label: z.string(), value: z.string() })),
  generatedAt: z.string(),
});
export type Appendix = z.infer<typeof appendixSchema>;

export const reportSchema = z.object({
  title: z.string(),
  subtitle: z.string().optional(),
  audience: z.enum(AUDIENCES),
  organization: z.object({ name: z.string(), primaryColor: z.string(), accentColor: z.string() }),
  period: z.object({ label: z.string(), from: z.string().optional(), to: z.string().optional() }),
  preparedFor: z.string(),
  preparedBy: z.string(),
  confidentiality: z.string(),
  generatedAt: z.string(),
  sections: z.array(z.enum(REPORT_SECTIONS)),
  summary: executiveSummarySchema,
  findings: z.array(findingSchema),
  recommendations: z.array(recommendationSchema),
  urgent: z.array(z.object({ text: z.string(), findingId: z.string() })),
  appendix: appendixSchema,
});
export type Report = z.infer<typeof reportSchema>;

export function includes(report: Pick<Report, 'sections'>, section: ReportSection): boolean {
  return report.sections.includes(section);
}
