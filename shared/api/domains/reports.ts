import { z } from 'zod';
import { INSIGHT_WINDOWS } from '../../reports/insightsPeriod';
import { AUDIENCES, REPORT_FORMAT_IDS, REPORT_SECTIONS, reportSchema } from '../../reports/model';
import { endpoint, id, isoDate, ok } from '../endpoint';

const reportDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date written as YYYY-MM-DD');

export const reportOriginSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('dashboard'), dashboardId: id }),
  z.strictObject({ kind: z.literal('conversation'), conversationId: id }),
  z.strictObject({ kind: z.literal('answer'), messageId: id }),
  /** The insights of a project for a period: explicit days, or a window resolved at each run. */
  z.strictObject({ kind: z.literal('insights'), projectId: id, window: z.enum(INSIGHT_WINDOWS).optional(), from: reportDay.optional(), to: reportDay.optional() }),
]);
export type ReportOrigin = z.infer<typeof reportOriginSchema>;

const periodSchema = z.strictObject({ label: z.string().trim().min(1).max(80), from: z.string().max(30).optional(), to: z.string().max(30).optional() });

export const reportOptionsSchema = z.strictObject({
  origin: reportOriginSchema,
  title: z.string().trim().min(1).max(200).optional(),
  audience: z.enum(AUDIENCES).default('executive'),
  sections: z.array(z.enum(REPORT_SECTIONS)).min(1, 'Pick at least one section').optional(),
  period: periodSchema.optional(),
});
export type ReportOptions = z.infer<typeof reportOptionsSchema>;

export const reportRunSchema = z.object({
  id, reportId: id, title: z.string(), scheduleId: id.nullable(), format: z.enum(REPORT_FORMAT_IDS), audience: z.enum(AUDIENCES),
  status: z.enum(['running', 'succeeded', 'failed', 'cancelled']), fileName: z.string().nullable(), fileSize: z.number().nullable(),
  error: z.string().nullable(), deliveries: z.array(z.object({ to: z.string(), channel: z.enum(['email', 'folder']), ok: z.boolean(), detail: z.string().optional() })),
  createdAt: isoDate, finishedAt: isoDate.nullable(),
});
export type ReportRunView = z.infer<typeof reportRunSchema>;

const recipientSchema = z.strictObject({ email: z.string().trim().email('Give a valid e-mail address').max(320), audience: z.enum(AUDIENCES).optional() });
export const scheduleSchema = z.object({
  id, reportId: id, title: z.string(), cron: z.string(), timezone: z.string(), format: z.enum(REPORT_FORMAT_IDS),
  recipients: z.array(z.object({ email: z.string(), audience: z.enum(AUDIENCES).optional() })), folder: z.string().nullable(),
  enabled: z.boolean(), nextRunAt: isoDate.nullable(), lastRunAt: isoDate.nullable(),
  /** The latest run's outcome and error, so a failing schedule shows without opening its history. */
  lastStatus: reportRunSchema.shape.status.nullable(), lastError: z.string().nullable(),
});
export type ScheduleView = z.infer<typeof scheduleSchema>;

const scheduleFields = {
  cron: z.string().trim().min(9).max(120),
  timezone: z.string().trim().min(1).max(64).default('UTC'),
  format: z.enum(REPORT_FORMAT_IDS).default('pdf'),
  recipients: z.array(recipientSchema).max(50).default([]),
  folder: z.string().trim().min(1).max(1000).nullable().default(null),
  enabled: z.boolean().default(true),
};

export const reportEventSchema = z.object({ type: z.literal('progress'), stage: z.enum(['queries', 'render', 'save']), label: z.string(), fraction: z.number().min(0).max(1), runId: id.optional() });

export const reportsApi = {
  'reports/preview': endpoint({
    summary: 'Builds a report (queries run now for the caller, masked) and returns its model and the HTML rendering to preview.',
    access: 'export',
    request: reportOptionsSchema,
    response: z.object({ report: reportSchema, html: z.string() }),
    event: reportEventSchema,
  }),
  'reports/create': endpoint({
    summary: 'Generates a report file (PDF, PowerPoint or HTML) from a dashboard, a conversation, an answer or a project’s insights of a period; streams progress; cancellable.',
    access: 'export',
    request: reportOptionsSchema.extend({ format: z.enum(REPORT_FORMAT_IDS) }),
    response: reportRunSchema,
    event: reportEventSchema,
  }),
  'reports/list': endpoint({ summary: 'The caller’s report runs, newest first (admins: the organization’s).', access: 'export', request: z.strictObject({ reportId: id.optional() }), response: z.array(reportRunSchema) }),
  'reports/download': endpoint({
    summary: 'A generated report file, base64.',
    access: 'export',
    request: z.strictObject({ runId: id }),
    response: z.object({ fileName: z.string(), mimeType: z.string(), base64: z.string() }),
  }),
  'reports/cancel': endpoint({ summary: 'Cancels a report that is still rendering.', access: 'export', request: z.strictObject({ runId: id }), response: z.object({ cancelled: z.boolean() }) }),
  'reports/schedules/list': endpoint({ summary: 'Report schedules.', access: 'reports:schedule', request: z.strictObject({}), response: z.array(scheduleSchema) }),
  'reports/schedules/create': endpoint({
    summary: 'Schedules a report (cron expression); each run re-runs its queries and delivers to a folder and/or by e-mail.',
    access: 'reports:schedule',
    request: z.strictObject({ report: reportOptionsSchema, ...scheduleFields }),
    response: scheduleSchema,
  }),
  'reports/schedules/update': endpoint({
    summary: 'Changes a schedule (expression, recipients, folder, format, on/off).',
    access: 'reports:schedule',
    request: z.strictObject({ id, cron: scheduleFields.cron.optional(), timezone: z.string().trim().min(1).max(64).optional(), format: z.enum(REPORT_FORMAT_IDS).optional(), recipients: z.array(recipientSchema).max(50).optional(), folder: z.string().trim().min(1).max(1000).nullable().optional(), enabled: z.boolean().optional() }),
    response: scheduleSchema,
  }),
  'reports/schedules/remove': endpoint({ summary: 'Deletes a schedule.', access: 'reports:schedule', request: z.strictObject({ id }), response: ok }),
  'reports/schedules/runNow': endpoint({ summary: 'Runs a schedule now (fresh queries, delivery).', access: 'reports:schedule', request: z.strictObject({ id }), response: reportRunSchema }),
  'reports/schedules/runs': endpoint({ summary: 'Run history of a schedule with status and error.', access: 'reports:schedule', request: z.strictObject({ id }), response: z.array(reportRunSchema) }),
};
