import type { DashboardView } from '../../../shared/api/domains/dashboards';
import type { QueryResult } from '../../../shared/api/domains/query';
import type { ChartSpec } from '../../../shared/charts/spec';
import { ROLES, type RequestContext } from '../../../shared/types/auth';
import { roleHas } from '../../../shared/types/permissions';
import type { QueryService } from '../query/queryService';
import { NotFoundError, StoreInputError, type Store } from '../store';
import type { Dashboard, JsonObject, Widget } from '../store/types';
import { assertMayRunWidget, widgetQueryFor, type WidgetSqlRequest } from './widgetSql';

type Theme = DashboardView['theme'];
type Refresh = DashboardView['widgets'][number]['refresh'];
type Layout = { x: number; y: number; w: number; h: number };

export class DashboardAccessError extends Error {
  override name = 'ForbiddenError';
}

const DEFAULT_SIZE = { w: 6, h: 4 };
const GRID_COLUMNS = 12;

/** Dashboards of a project: visible to their owner, admins and whoever they are shared with;
 *  changed only by their owner or an admin. Widgets run their SQL through the query service. */
export class DashboardsService {
  constructor(private readonly store: Store, private readonly query: QueryService) {}

  async list(ctx: RequestContext, projectId?: string) {
    const rows = (await this.store.dashboards.list(ctx, { projectId })).filter((d) => canView(ctx, d));
    return Promise.all(rows.map(async (d) => {
      const { widgets: _w, ...rest } = toView(ctx, d, []);
      return { ...rest, widgetCount: (await this.store.dashboards.listWidgets(ctx, d.id)).length };
    }));
  }

  async get(ctx: RequestContext, id: string): Promise<DashboardView> {
    const dashboard = await this.visible(ctx, id);
    return this.view(ctx, dashboard);
  }

  async create(ctx: RequestContext, input: { projectId: string; name: string; theme?: Theme; shared?: boolean }): Promise<DashboardView> {
    const dashboard = await this.store.dashboards.create(ctx, { projectId: input.projectId, name: input.name, theme: input.theme ?? 'auto', sharedWith: sharing(input.shared ?? true) });
    return toView(ctx, dashboard, []);
  }

  async update(ctx: RequestContext, id: string, patch: { name?: string; theme?: Theme; shared?: boolean; layout?: Array<Layout & { widgetId: string }> }): Promise<DashboardView> {
    const dashboard = await this.editable(ctx, id);
    const updated = await this.store.dashboards.update(ctx, id, { name: patch.name, theme: patch.theme, sharedWith: patch.shared === undefined ? undefined : sharing(patch.shared) });
    for (const placement of patch.layout ?? []) {
      const { widgetId, ...at } = placement;
      await this.store.dashboards.placeWidget(ctx, dashboard.id, widgetId, clampToGrid(at));
    }
    return this.view(ctx, updated);
  }

  async remove(ctx: RequestContext, id: string): Promise<void> {
    await this.editable(ctx, id);
    for (const placed of await this.store.dashboards.listWidgets(ctx, id)) await this.store.widgets.delete(ctx, placed.widgetId);
    await this.store.dashboards.delete(ctx, id);
  }

  async addWidget(ctx: RequestContext, input: WidgetSqlRequest & { dashboardId: string; title: string; chart: ChartSpec; refresh?: Refresh; layout?: Layout }): Promise<DashboardView> {
    const dashboard = await this.editable(ctx, input.dashboardId);
    const { sourceId, query } = await widgetQueryFor(this.store, ctx, input);
    const widget = await this.store.widgets.create(ctx, {
      projectId: dashboard.projectId, title: input.title, sourceId, query,
      chartSpec: input.chart as unknown as JsonObject, refreshPolicy: (input.refresh ?? { mode: 'on-open' }) as unknown as JsonObject,
    });
    const placed = await this.store.dashboards.listWidgets(ctx, dashboard.id);
    await this.store.dashboards.placeWidget(ctx, dashboard.id, widget.id, clampToGrid(input.layout ?? firstFreeSpot(placed)));
    return this.view(ctx, dashboard);
  }

  /** A chat answer of the caller's own conversations, saved with the SQL that produced it. */
  async saveAnswer(ctx: RequestContext, input: { dashboardId: string; messageId: string; title?: string; chart?: ChartSpec; refresh?: Refresh }): Promise<DashboardView> {
    const message = await this.store.messages.get(ctx, input.messageId);
    const conversation = await this.store.conversations.get(ctx, message.conversationId);
    if (conversation.userId !== ctx.userId) throw new NotFoundError('answer', input.messageId);
    const saved = savableAnswer(message.aiMetadata);
    if (!saved) throw new StoreInputError('messageId', 'This answer has no query and chart to save: save an answer that shows a chart.');
    return this.addWidget(ctx, {
      // By answer id: the SQL is read again from the stored answer, so no sql:free is needed.
      dashboardId: input.dashboardId, title: input.title ?? saved.question, sourceId: saved.sourceId, question: saved.question, answerId: input.messageId,
      chart: input.chart ?? saved.chart, refresh: input.refresh,
    });
  }

  async updateWidget(ctx: RequestContext, dashboardId: string, widgetId: string, patch: { title?: string; refresh?: Refresh }): Promise<DashboardView> {
    const dashboard = await this.editable(ctx, dashboardId);
    if (!(await this.store.dashboards.listWidgets(ctx, dashboardId)).some((p) => p.widgetId === widgetId)) throw new NotFoundError('widget', widgetId);
    await this.store.widgets.update(ctx, widgetId, {
      ...(patch.title !== undefined ? { title: patch.title } : {}),
      ...(patch.refresh ? { refreshPolicy: patch.refresh as unknown as JsonObject } : {}),
    });
    return this.view(ctx, dashboard);
  }

  async removeWidget(ctx: RequestContext, dashboardId: string, widgetId: string): Promise<DashboardView> {
    const dashboard = await this.editable(ctx, dashboardId);
    await this.store.dashboards.removeWidget(ctx, dashboardId, widgetId);
    await this.store.widgets.delete(ctx, widgetId);
    return this.view(ctx, dashboard);
  }

  async runWidget(ctx: RequestContext, dashboardId: string, widgetId: string, signal?: AbortSignal): Promise<QueryResult> {
    const dashboard = await this.visible(ctx, dashboardId);
    const placed = (await this.store.dashboards.listWidgets(ctx, dashboardId)).find((p) => p.widgetId === widgetId);
    if (!placed || !placed.widget.sourceId) throw new NotFoundError('widget', widgetId);
    await assertMayRunWidget(this.store, ctx, dashboard, placed.widget);
    return this.query.run(ctx, placed.widget.sourceId, placed.widget.query.sql, { maxRows: 50_000, signal, origin: 'dashboard' });
  }

  private async visible(ctx: RequestContext, id: string): Promise<Dashboard> {
    const dashboard = await this.store.dashboards.get(ctx, id);
    if (!canView(ctx, dashboard)) throw new NotFoundError('dashboard', id);
    return dashboard;
  }

  private async editable(ctx: RequestContext, id: string): Promise<Dashboard> {
    const dashboard = await this.visible(ctx, id);
    if (dashboard.ownerId !== ctx.userId && ctx.role !== 'admin') throw new DashboardAccessError('Only the dashboard’s owner or an administrator can change it.');
    return dashboard;
  }

  private async view(ctx: RequestContext, dashboard: Dashboard): Promise<DashboardView> {
    return toView(ctx, dashboard, await this.store.dashboards.listWidgets(ctx, dashboard.id));
  }
}

function canView(ctx: RequestContext, d: Dashboard): boolean {
  return d.ownerId === ctx.userId || ctx.role === 'admin' || d.sharedWith.roles.includes(ctx.role) || d.sharedWith.userIds.includes(ctx.userId);
}

function sharing(shared: boolean) {
  return { roles: shared ? [...ROLES] : [], userIds: [] };
}

/** A new widget fills the grid's width: the first free spot, left to right, top to bottom. */
function firstFreeSpot(placed: readonly Layout[]): Layout {
  const overlaps = (a: Layout) => placed.some((p) => a.x < p.x + p.w && p.x < a.x + a.w && a.y < p.y + p.h && p.y < a.y + a.h);
  const bottom = placed.reduce((max, p) => Math.max(max, p.y + p.h), 0);
  for (let y = 0; y <= bottom; y += 1) {
    for (let x = 0; x + DEFAULT_SIZE.w <= GRID_COLUMNS; x += 1) {
      const spot = { x, y, ...DEFAULT_SIZE };
      if (!overlaps(spot)) return spot;
    }
  }
  return { x: 0, y: bottom, ...DEFAULT_SIZE };
}

function clampToGrid(at: Layout): Layout {
  const w = Math.min(Math.max(1, at.w), GRID_COLUMNS);
  return { x: Math.min(Math.max(0, at.x), GRID_COLUMNS - w), y: Math.max(0, at.y), w, h: Math.max(1, at.h) };
}

function toView(ctx: RequestContext, d: Dashboard, placed: Array<Layout & { widget: Widget }>): DashboardView {
  const theme = (['light', 'dark', 'auto'] as const).find((t) => t === d.theme) ?? 'auto';
  return {
    id: d.id, name: d.name, projectId: d.projectId, theme, ownerId: d.ownerId ?? '', updatedAt: d.updatedAt,
    shared: d.sharedWith.roles.length > 0 || d.sharedWith.userIds.length > 0,
    widgets: placed.map((p) => ({
      id: p.widget.id, title: p.widget.title, sourceId: p.widget.sourceId ?? '', question: p.widget.query.question ?? null,
      sql: roleHas(ctx.role, 'sql:see') ? p.widget.query.sql : null, chart: p.widget.chartSpec as unknown as ChartSpec,
      refresh: p.widget.refreshPolicy as unknown as Refresh, layout: { x: p.x, y: p.y, w: p.w, h: p.h },
    })),
  };
}

/** The query, chart and question of a stored chat answer (metadata written by the conversation log). */
function savableAnswer(metadata: JsonObject | null | undefined): { sql: string; sourceId: string; question: string; chart: ChartSpec } | undefined {
  if (!metadata) return undefined;
  const answer = metadata.answer as { chart?: ChartSpec; sql?: string; kind?: string } | undefined;
  const sql = typeof metadata.sql === 'string' ? metadata.sql : answer?.sql;
  const { sourceId, question } = metadata;
  if (!sql || !answer?.chart || answer.kind !== 'answer' || typeof sourceId !== 'string' || typeof question !== 'string') return undefined;
  return { sql, sourceId, question, chart: answer.chart };
}
