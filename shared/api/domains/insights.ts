import { z } from 'zod';
import { VALUE_FORMATS } from '../../charts/spec';
import { endpoint, id, isoDate } from '../endpoint';

export const INSIGHT_KINDS = ['forecast', 'anomalies', 'root-cause', 'significance', 'correlation', 'what-if', 'trend-break', 'target'] as const;
export type InsightKind = (typeof INSIGHT_KINDS)[number];

export const PRIORITIES = ['urgent', 'high', 'medium', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

const valueFormat = z.enum(VALUE_FORMATS);

/** A figure the insight's words rely on: every number in its text is one of these, as shown. */
export const evidenceNumberSchema = z.object({ label: z.string(), value: z.number(), text: z.string(), format: valueFormat.optional() });
export type EvidenceNumber = z.infer<typeof evidenceNumberSchema>;

/** A query the insight read (the guarded path ran it; `sqlHash` links to the lineage record). */
export const evidenceQuerySchema = z.object({ purpose: z.string(), sql: z.string().optional(), sqlHash: z.string().optional(), rowCount: z.number() });

export const evidenceSchema = z.object({
  /** Plain name of the method ("Holt-Winters exponential smoothing chosen by backtest"). */
  method: z.string(),
  inputs: z.array(z.string()),
  parameters: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  /** Out-of-sample error of the chosen model, when the method has one. */
  backtest: z.object({ mase: z.number().nullable(), smape: z.number().nullable(), folds: z.number().optional() }).optional(),
  numbers: z.array(evidenceNumberSchema),
  queries: z.array(evidenceQuerySchema),
  /** Periods and segments the numbers describe ("August 2025", "Europe"). */
  scope: z.array(z.string()),
});
export type Evidence = z.infer<typeof evidenceSchema>;

export const recommendationSchema = z.object({
  action: z.string(),
  expectedOutcome: z.string(),
  metricToWatch: z.string(),
  /** Which finding it comes from (segment, anomaly date, forecast period …). */
  basis: z.string(),
});
export type Recommendation = z.infer<typeof recommendationSchema>;

const point = z.object({ t: z.string() });
/** What the insight's chart draws (the renderer and reports draw it; numbers come from the analysis). */
export const insightChartSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('band'), title: z.string(), format: valueFormat, yLabel: z.string(),
    points: z.array(point.extend({ actual: z.number().nullable(), mean: z.number().nullable(), lo80: z.number().nullable(), hi80: z.number().nullable(), lo95: z.number().nullable(), hi95: z.number().nullable() })),
  }),
  z.object({
    kind: z.literal('markers'), title: z.string(), format: valueFormat, yLabel: z.string(),
    points: z.array(point.extend({ value: z.number(), expected: z.number().nullable(), lo: z.number().nullable(), hi: z.number().nullable(), flagged: z.boolean() })),
  }),
  z.object({
    kind: z.literal('contributions'), title: z.string(), format: valueFormat, yLabel: z.string(),
    before: z.object({ label: z.string(), value: z.number() }), after: z.object({ label: z.string(), value: z.number() }),
    bars: z.array(z.object({ label: z.string(), dimension: z.string(), contribution: z.number(), share: z.number() })),
  }),
  z.object({
    kind: z.literal('groups'), title: z.string(), format: valueFormat, yLabel: z.string(),
    groups: z.array(z.object({ label: z.string(), mean: z.number(), lo: z.number().nullable(), hi: z.number().nullable(), n: z.number() })),
  }),
  z.object({
    kind: z.literal('scatter'), title: z.string(), xLabel: z.string(), yLabel: z.string(), xFormat: valueFormat, format: valueFormat,
    points: z.array(z.object({ t: z.string(), x: z.number(), y: z.number() })),
  }),
]);
export type InsightChart = z.infer<typeof insightChartSchema>;

export const insightSchema = z.object({
  kind: z.enum(INSIGHT_KINDS),
  /** One sentence, answer first, in plain words. */
  headline: z.string(),
  /** What it means, for everyone ("very likely a real drop, not noise"). */
  summary: z.string(),
  /** The statistics behind it (p-values, intervals, test statistics) for analysts. */
  statistics: z.string(),
  metric: z.object({ name: z.string(), format: valueFormat }),
  /** 0..1, with the words people read. */
  confidence: z.number().min(0).max(1),
  confidenceLabel: z.string(),
  /** Change or gap in the metric's unit (positive = good for the business when the metric grows). */
  impact: z.object({ value: z.number(), text: z.string(), description: z.string() }).nullable(),
  priority: z.enum(PRIORITIES),
  /** Whether the finding is worth someone's attention (proactive cards appear only when true). */
  significant: z.boolean(),
  evidence: evidenceSchema,
  recommendations: z.array(recommendationSchema),
  chart: insightChartSchema.optional(),
  /** The period the insight is about (ISO dates, end exclusive), for summaries over a period. */
  period: z.object({ start: z.string(), end: z.string(), label: z.string() }).nullable(),
});
export type Insight = z.infer<typeof insightSchema>;

export const storedInsightSchema = z.object({
  id, projectId: id, sourceId: id.nullable(), messageId: id.nullable(), createdAt: isoDate, insight: insightSchema,
});
export type StoredInsight = z.infer<typeof storedInsightSchema>;

export const executiveSummarySchema = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  headline: z.string(),
  keyFindings: z.array(z.object({ insightId: id, headline: z.string(), priority: z.enum(PRIORITIES), impact: z.string().nullable(), confidenceLabel: z.string() })),
  urgent: z.array(z.object({ insightId: id, headline: z.string() })),
  actions: z.array(recommendationSchema.extend({ insightId: id, priority: z.enum(PRIORITIES) })),
  counts: z.object({ insights: z.number(), byKind: z.record(z.string(), z.number()), byPriority: z.record(z.string(), z.number()) }),
});
export type ExecutiveSummary = z.infer<typeof executiveSummarySchema>;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date written as YYYY-MM-DD');

export const insightsApi = {
  'insights/list': endpoint({
    summary: 'Stored insights of a project (newest first) that were computed under the caller’s data policies.',
    access: 'dashboards:read',
    request: z.strictObject({ projectId: id, kind: z.enum(INSIGHT_KINDS).optional(), limit: z.number().int().min(1).max(500).optional() }),
    response: z.array(storedInsightSchema),
  }),
  'insights/get': endpoint({
    summary: 'One stored insight with its evidence.',
    access: 'dashboards:read',
    request: z.strictObject({ id }),
    response: storedInsightSchema,
  }),
  'insights/summary': endpoint({
    summary: 'Executive summary of a project’s insights for a period: key findings, urgent items, prioritized actions.',
    access: 'dashboards:read',
    request: z.strictObject({ projectId: id, from: day, to: day }).refine((r) => r.from <= r.to, { message: '`from` must be on or before `to`', path: ['to'] }),
    response: executiveSummarySchema,
  }),
};
