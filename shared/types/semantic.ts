/** The business glossary ("semantic.json") a user writes for a data source, and the types the
 *  NL→SQL engine reads from it. Pure TypeScript + zod: the app imports, validates and exports it. */
import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use the form YYYY-MM-DD');
const qualifiedColumn = z.string().regex(/^[^.\s]+\.[^.\s]+$/, 'use the form table.column');

export const glossaryMetricSchema = z.object({
  name: z.string().trim().min(1),
  synonyms: z.array(z.string().trim().min(1)).default([]),
  /** SQL aggregate over `table.column` references, e.g. `SUM(order_items.net_amount)`. */
  expression: z.string().trim().min(1),
  /** SQL predicate always applied with the metric; may contain `{as_of}` for snapshot metrics. */
  filter: z.string().trim().min(1).optional(),
  /** `table.column` placing the metric in time, or null for a point-in-time snapshot. */
  time: qualifiedColumn.nullable().optional(),
  format: z.string().optional(),
  description: z.string().optional(),
});

export const glossarySchema = z.object({
  name: z.string().optional(),
  description: z.string().optional(),
  now: isoDate.optional(),
  metrics: z.array(glossaryMetricSchema).default([]),
  /** `table` or `table.column` → words users say for it. */
  synonyms: z.record(z.string(), z.array(z.string().trim().min(1))).default({}),
  pii: z.array(qualifiedColumn).default([]),
});

export type GlossaryMetric = z.infer<typeof glossaryMetricSchema>;
export type Glossary = z.infer<typeof glossarySchema>;

/** Parses a glossary file's JSON; throws an Error naming every invalid field. */
export function parseGlossary(json: unknown): Glossary {
  const result = glossarySchema.safeParse(json);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new Error(`Invalid glossary: ${problems.join('; ')}. Fix these fields and import the file again.`);
}

/** The glossary as the file users keep (stable key order, empty sections left out). */
export function glossaryToJson(glossary: Glossary): string {
  const metrics = glossary.metrics.map((m) => ({
    name: m.name, synonyms: m.synonyms, expression: m.expression,
    ...(m.filter ? { filter: m.filter } : {}), time: m.time ?? null,
    ...(m.format ? { format: m.format } : {}), ...(m.description ? { description: m.description } : {}),
  }));
  const file = {
    ...(glossary.name ? { name: glossary.name } : {}), ...(glossary.description ? { description: glossary.description } : {}),
    ...(glossary.now ? { now: glossary.now } : {}), metrics, synonyms: glossary.synonyms, pii: glossary.pii,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

export type Expertise = 'executive' | 'manager' | 'analyst' | 'expert';
