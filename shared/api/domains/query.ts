import { z } from 'zod';
import { endpoint, id } from '../endpoint';

export const cellSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export const resultColumnSchema = z.object({ name: z.string(), kind: z.string(), masked: z.boolean().optional() });

export const queryResultSchema = z.object({
  columns: z.array(resultColumnSchema),
  rows: z.array(z.array(cellSchema)),
  rowCount: z.number(),
  /** True when the row limit cut the result. */
  truncated: z.boolean(),
  durationMs: z.number(),
  sql: z.string(),
  sqlHash: z.string(),
});
export type QueryResult = z.infer<typeof queryResultSchema>;

export const queryEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('stage'), stage: z.string(), label: z.string() }),
  z.object({ type: z.literal('page'), columns: z.array(resultColumnSchema), rows: z.array(z.array(cellSchema)), offset: z.number() }),
  z.object({ type: z.literal('progress'), rows: z.number(), elapsedMs: z.number() }),
]);
export type QueryEvent = z.infer<typeof queryEventSchema>;

export const queryApi = {
  'query/run': endpoint({
    summary: 'Runs one read-only SELECT on a data source (guarded, limited, masked), streaming pages.',
    access: 'sql:free',
    request: z.strictObject({
      sourceId: id,
      sql: z.string().trim().min(1, 'Write a SELECT statement').max(100_000),
      maxRows: z.number().int().min(1).max(100_000).optional(),
    }),
    response: queryResultSchema,
    event: queryEventSchema,
  }),
  'query/export': endpoint({
    summary: 'Runs one read-only SELECT (guarded, masked) and returns the rows as a CSV file; audited.',
    access: 'export',
    request: z.strictObject({ sourceId: id, sql: z.string().trim().min(1, 'Write a SELECT statement').max(100_000), maxRows: z.number().int().min(1).max(100_000).optional() }),
    response: z.object({ filename: z.string(), content: z.string(), rowCount: z.number(), maskedColumns: z.array(z.string()) }),
  }),
  'query/preview': endpoint({
    summary: 'The first rows of one table of a source.',
    access: 'query:run',
    request: z.strictObject({ sourceId: id, table: z.string().min(1).max(255), limit: z.number().int().min(1).max(1000).optional() }),
    response: queryResultSchema,
  }),
};
