import { z } from 'zod';

/** A chart as data: chosen in main (or the renderer), drawn by ApexCharts, reused by reports. */
export const CHART_TYPES = ['line', 'area', 'bar', 'column', 'stacked-bar', 'donut', 'scatter', 'histogram', 'box', 'kpi', 'table'] as const;
export type ChartType = (typeof CHART_TYPES)[number];

export const VALUE_FORMATS = ['number', 'integer', 'currency', 'percent', 'fraction-percent', 'date', 'month', 'text'] as const;
export type ValueFormat = (typeof VALUE_FORMATS)[number];

export const chartSpecSchema = z.object({
  type: z.enum(CHART_TYPES),
  /** The takeaway, e.g. "Revenue grew 8% in Q2". */
  title: z.string(),
  subtitle: z.string().optional(),
  /** Column (by name) on the x-axis / category axis. */
  x: z.string().optional(),
  /** Measure columns drawn as series. */
  y: z.array(z.string()),
  /** Optional second dimension split into series (stacked/grouped). */
  series: z.string().optional(),
  xFormat: z.enum(VALUE_FORMATS).optional(),
  yFormat: z.enum(VALUE_FORMATS).optional(),
  xLabel: z.string().optional(),
  yLabel: z.string().optional(),
  /** Other chart types that fit, with why, for one-click switching. */
  alternatives: z.array(z.object({ type: z.enum(CHART_TYPES), reason: z.string() })).default([]),
  /** Why this type was chosen. */
  reason: z.string().optional(),
  /** KPI: the comparison value and its label ("vs Q1"). */
  delta: z.object({ value: z.number(), label: z.string(), format: z.enum(VALUE_FORMATS).optional() }).optional(),
});
export type ChartSpec = z.infer<typeof chartSpecSchema>;
