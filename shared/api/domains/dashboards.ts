import { z } from 'zod';
import { chartSpecSchema } from '../../charts/spec';
import { displayText, endpoint, id, ok } from '../endpoint';
import { queryResultSchema } from './query';

const layout = z.object({ x: z.number().int().min(0).max(48), y: z.number().int().min(0).max(10_000), w: z.number().int().min(1).max(48), h: z.number().int().min(1).max(100) });
const refreshPolicy = z.object({ mode: z.enum(['manual', 'on-open', 'interval']), intervalMinutes: z.number().int().min(1).max(10_080).optional() });

export const widgetSchema = z.object({
  id, title: z.string(), sourceId: id, question: z.string().nullable(),
  /** Only for roles that may see SQL (`sql:see`); null for everyone else. */
  sql: z.string().nullable(), chart: chartSpecSchema,
  refresh: refreshPolicy, layout,
});
export const dashboardSchema = z.object({
  id, name: z.string(), projectId: id, theme: z.enum(['light', 'dark', 'auto']), ownerId: z.string(),
  shared: z.boolean(), widgets: z.array(widgetSchema), updatedAt: z.string(),
});
export type DashboardView = z.infer<typeof dashboardSchema>;

export const dashboardsApi = {
  'dashboards/list': endpoint({ summary: 'Dashboards the caller may see.', access: 'dashboards:read', request: z.strictObject({ projectId: id.optional() }), response: z.array(dashboardSchema.omit({ widgets: true }).extend({ widgetCount: z.number() })) }),
  'dashboards/get': endpoint({ summary: 'A dashboard with its widgets.', access: 'dashboards:read', request: z.strictObject({ id }), response: dashboardSchema }),
  'dashboards/create': endpoint({ summary: 'Creates a dashboard.', access: 'dashboards:manage', request: z.strictObject({ projectId: id, name: displayText(120), theme: z.enum(['light', 'dark', 'auto']).optional(), shared: z.boolean().optional() }), response: dashboardSchema }),
  'dashboards/update': endpoint({ summary: 'Renames, re-themes, shares a dashboard or moves/resizes its widgets.', access: 'dashboards:manage', request: z.strictObject({ id, name: displayText(120).optional(), theme: z.enum(['light', 'dark', 'auto']).optional(), shared: z.boolean().optional(), layout: z.array(z.object({ widgetId: id }).extend(layout.shape)).optional() }), response: dashboardSchema }),
  'dashboards/remove': endpoint({ summary: 'Deletes a dashboard.', access: 'dashboards:manage', request: z.strictObject({ id }), response: ok }),
  'dashboards/addWidget': endpoint({
    summary: 'Saves an answer (query + chart) as a widget on a dashboard: a chat answer by its id, or (with `sql:free`) SQL of your own.',
    access: 'dashboards:manage',
    request: z.strictObject({
      dashboardId: id, title: displayText(200), sourceId: id, question: z.string().max(2000).optional(),
      /** The chat answer (its message id) whose SQL the widget keeps; the server reads the SQL. */
      answerId: id.optional(),
      /** SQL written by the caller; needs the `sql:free` permission. */
      sql: z.string().min(1).max(100_000).optional(),
      chart: chartSpecSchema, refresh: refreshPolicy.optional(), layout: layout.optional(),
    }).refine((r) => (r.answerId === undefined) !== (r.sql === undefined), { message: 'Give either the answer to save (answerId) or your own SQL (sql), not both.', path: ['answerId'] }),
    response: dashboardSchema,
  }),
  'dashboards/saveAnswer': endpoint({
    summary: 'Saves one of the caller’s chat answers as a widget: its query is taken from the stored answer, so people who may not see SQL can save too.',
    access: 'dashboards:manage',
    request: z.strictObject({ dashboardId: id, messageId: id, title: z.string().trim().min(1).max(200).optional(), chart: chartSpecSchema.optional(), refresh: refreshPolicy.optional() }),
    response: dashboardSchema,
  }),
  'dashboards/updateWidget': endpoint({
    summary: 'Renames a widget or changes how often it refreshes.',
    access: 'dashboards:manage',
    request: z.strictObject({ dashboardId: id, widgetId: id, title: z.string().trim().min(1).max(200).optional(), refresh: refreshPolicy.optional() }),
    response: dashboardSchema,
  }),
  'dashboards/removeWidget': endpoint({ summary: 'Removes a widget from a dashboard.', access: 'dashboards:manage', request: z.strictObject({ dashboardId: id, widgetId: id }), response: dashboardSchema }),
  'dashboards/runWidget': endpoint({ summary: 'Runs a widget’s query (guarded, masked) for display; errors stay inside the widget.', access: 'dashboards:read', request: z.strictObject({ dashboardId: id, widgetId: id }), response: queryResultSchema }),
};
