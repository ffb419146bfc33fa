import { z } from 'zod';
import { endpoint, id } from '../endpoint';

const severity = z.enum(['info', 'warning', 'critical']);

export const alertViewSchema = z.object({
  id, kind: z.string().nullable(), severity, message: z.string(), ruleId: id.nullable(), createdAt: z.string(),
  acknowledgedAt: z.string().nullable(), acknowledgedBy: z.string().nullable(), resolvedAt: z.string().nullable(), resolvedBy: z.string().nullable(),
  status: z.enum(['open', 'acknowledged', 'resolved']),
});
export type AlertView = z.infer<typeof alertViewSchema>;

export const alertRuleViewSchema = z.object({
  id, name: z.string(), metric: z.string(), enabled: z.boolean(), builtIn: z.boolean(),
  condition: z.object({
    severity, windowMinutes: z.number(), count: z.number().optional(),
    op: z.enum(['>', '>=', '<', '<=']).optional(), threshold: z.number().optional(), aggregate: z.enum(['avg', 'sum', 'max', 'min', 'count']),
  }),
});
export type AlertRuleView = z.infer<typeof alertRuleViewSchema>;

const period = z.strictObject({ from: z.string().date('Use a date like 2026-01-31'), to: z.string().date('Use a date like 2026-01-31') })
  .refine((p) => p.from <= p.to, { message: 'The period must start before it ends', path: ['to'] });

export const lineageViewSchema = z.object({
  messageId: id, question: z.string().nullable(), sql: z.string().nullable(), askedBy: z.string(), at: z.string(),
  reads: z.array(z.object({ sourceId: z.string(), sourceName: z.string().nullable(), tables: z.array(z.string()), columns: z.array(z.string()), rowCount: z.number(), at: z.string() })),
});

export const sessionViewSchema = z.object({ id, current: z.boolean(), createdAt: z.string(), lastSeenAt: z.string(), expiresAt: z.string(), userAgent: z.string().nullable(), ip: z.string().nullable() });

export const alertsApi = {
  'alerts/list': endpoint({
    summary: 'The organization’s alerts, newest first.',
    access: 'audit:read',
    request: z.strictObject({ status: z.enum(['open', 'resolved', 'all']).default('open'), limit: z.number().int().min(1).max(500).default(100) }),
    response: z.array(alertViewSchema),
  }),
  'alerts/acknowledge': endpoint({ summary: 'Marks an alert as seen.', access: 'audit:read', request: z.strictObject({ id }), response: alertViewSchema }),
  'alerts/resolve': endpoint({ summary: 'Closes an alert; the same situation may raise a new one.', access: 'audit:read', request: z.strictObject({ id }), response: alertViewSchema }),
  'alertRules/list': endpoint({ summary: 'Alert rules: built-in event rules and metric thresholds.', access: 'audit:read', request: z.strictObject({}), response: z.array(alertRuleViewSchema) }),
  'alertRules/save': endpoint({
    summary: 'Adds or changes an alert rule (a metric threshold, or the count and window of an event rule).',
    access: 'org:manage',
    request: z.strictObject({
      id: id.optional(), name: z.string().trim().min(1).max(200), metric: z.string().trim().min(1).max(200), enabled: z.boolean().default(true),
      condition: z.strictObject({
        severity: severity.default('warning'), windowMinutes: z.number().int().min(1).max(10_080).default(15), count: z.number().int().min(1).max(10_000).optional(),
        op: z.enum(['>', '>=', '<', '<=']).optional(), threshold: z.number().finite().optional(), aggregate: z.enum(['avg', 'sum', 'max', 'min', 'count']).default('avg'),
      }),
    }),
    response: alertRuleViewSchema,
  }),
  'alertRules/remove': endpoint({ summary: 'Removes a metric threshold rule (built-in rules can be turned off, not removed).', access: 'org:manage', request: z.strictObject({ id }), response: z.object({ ok: z.literal(true) }) }),
  'compliance/export': endpoint({
    summary: 'Compliance report for a period as CSV: who accessed what, exports, AI operations, policy changes, alerts.',
    access: 'audit:read',
    request: period,
    response: z.object({ filename: z.string(), content: z.string(), rows: z.number(), sections: z.record(z.string(), z.number()) }),
  }),
  'compliance/exportPdf': endpoint({
    summary: 'The same compliance report as a PDF (base64) in the organization’s colours; each section prints up to 200 rows, the CSV has every row.',
    access: 'audit:read',
    request: period,
    response: z.object({ filename: z.string(), mimeType: z.literal('application/pdf'), base64: z.string(), rows: z.number(), sections: z.record(z.string(), z.number()) }),
  }),
  'lineage/answer': endpoint({ summary: 'Which sources, tables and columns an answer read.', access: 'audit:read', request: z.strictObject({ messageId: id }), response: lineageViewSchema }),
  'sessions/list': endpoint({ summary: 'Your active sessions.', access: 'authenticated', request: z.strictObject({}), response: z.array(sessionViewSchema) }),
  'sessions/revoke': endpoint({ summary: 'Ends one of your sessions.', access: 'authenticated', request: z.strictObject({ id }), response: z.object({ ok: z.literal(true) }) }),
};
