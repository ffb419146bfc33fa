import { ROLES, type RequestContext } from '../../../../shared/types/auth';
import { NotFoundError, StoreInputError, assertFiniteNumber, assertJsonObject, assertNonEmpty, assertOneOf } from '../errors';
import type { Models } from '../models';
import { OrgScopedTable } from '../scoped';
import type { Dashboard, DashboardSharing, DashboardWidget, JsonObject, Widget, WidgetPlacement } from '../types';
import type { WidgetsRepository } from './widgets';

export interface NewDashboard {
  projectId: string;
  name: string;
  theme?: string;
  layout?: JsonObject;
  sharedWith?: Partial<DashboardSharing>;
}

export type DashboardPatch = Partial<Omit<NewDashboard, 'projectId'>>;

export const GRID_COLUMNS = 12;

/** Dashboards and where their widgets sit on the grid. A placement is visible exactly when its
 *  dashboard is, and only widgets of the dashboard's own project can be placed on it. */
export class DashboardsRepository {
  private readonly dashboards: OrgScopedTable<Dashboard>;
  private readonly placements: OrgScopedTable<DashboardWidget>;

  constructor(private readonly models: Models, private readonly widgets: WidgetsRepository) {
    this.dashboards = new OrgScopedTable(models.dashboards, { entity: 'dashboard', project: 'required', projects: models.projects });
    this.placements = new OrgScopedTable(models.dashboardWidgets, { entity: 'widget placement', project: 'none' });
  }

  async create(ctx: RequestContext, input: NewDashboard): Promise<Dashboard> {
    assertNonEmpty('name', input.name);
    if (input.layout !== undefined) assertJsonObject('layout', input.layout);
    return this.dashboards.insert(ctx, {
      projectId: input.projectId,
      ownerId: await this.callerAsOwner(ctx),
      name: input.name.trim(),
      theme: input.theme ?? 'light',
      layout: input.layout ?? {},
      sharedWith: normalizeSharing(input.sharedWith),
    });
  }

  async list(ctx: RequestContext, filter: { projectId?: string } = {}): Promise<Dashboard[]> {
    return this.dashboards.list(ctx, filter.projectId ? { projectId: filter.projectId } : undefined);
  }

  async get(ctx: RequestContext, id: string): Promise<Dashboard> {
    return this.dashboards.get(ctx, id);
  }

  async update(ctx: RequestContext, id: string, patch: DashboardPatch): Promise<Dashboard> {
    if (patch.name !== undefined) assertNonEmpty('name', patch.name);
    if (patch.theme !== undefined) assertNonEmpty('theme', patch.theme);
    if (patch.layout !== undefined) assertJsonObject('layout', patch.layout);
    return this.dashboards.update(ctx, id, {
      name: patch.name?.trim(),
      theme: patch.theme,
      layout: patch.layout,
      sharedWith: patch.sharedWith === undefined ? undefined : normalizeSharing(patch.sharedWith),
    });
  }

  async delete(ctx: RequestContext, id: string): Promise<void> {
    return this.dashboards.remove(ctx, id);
  }

  /** The caller, when it is a person of this organization (system work creates unowned dashboards). */
  private async callerAsOwner(ctx: RequestContext): Promise<string | null> {
    const isUser = await this.models.users.count({ where: { id: ctx.userId, organizationId: ctx.orgId } });
    return isUser > 0 ? ctx.userId : null;
  }

  /** Places a widget on the dashboard, or moves it if it is already there. */
  async placeWidget(ctx: RequestContext, dashboardId: string, widgetId: string, placement: WidgetPlacement): Promise<DashboardWidget> {
    validatePlacement(placement);
    const dashboard = await this.dashboards.get(ctx, dashboardId);
    const widget = await this.widgets.get(ctx, widgetId);
    if (widget.projectId !== dashboard.projectId) {
      throw new StoreInputError('widgetId', 'Only widgets of the dashboard\'s own project can be placed on it; copy the widget into this project first.');
    }
    const { x, y, w, h } = placement;
    const [existing] = await this.placements.list(ctx, { dashboardId, widgetId });
    if (existing) return this.placements.update(ctx, existing.id, { x, y, w, h });
    return this.placements.insert(ctx, { dashboardId, widgetId, x, y, w, h });
  }

  async removeWidget(ctx: RequestContext, dashboardId: string, widgetId: string): Promise<void> {
    await this.dashboards.assertVisible(ctx, dashboardId);
    const removed = await this.placements.removeWhere(ctx, { dashboardId, widgetId });
    if (removed === 0) throw new NotFoundError('widget placement', `${dashboardId}/${widgetId}`);
  }

  /** The dashboard's grid, top-left first, each placement with its widget. */
  async listWidgets(ctx: RequestContext, dashboardId: string): Promise<Array<DashboardWidget & { widget: Widget }>> {
    await this.dashboards.assertVisible(ctx, dashboardId);
    const placements = await this.placements.list(ctx, { dashboardId }, { order: [['y', 'ASC'], ['x', 'ASC'], ['id', 'ASC']] });
    const widgets = await this.widgets.table.list(ctx, { id: placements.map((placement) => placement.widgetId) });
    const byId = new Map(widgets.map((widget) => [widget.id, widget]));
    return placements.flatMap((placement) => {
      const widget = byId.get(placement.widgetId);
      return widget ? [{ ...placement, widget }] : [];
    });
  }
}

function validatePlacement(placement: WidgetPlacement): void {
  assertJsonObject('placement', placement);
  assertFiniteNumber('x', placement.x, { integer: true, min: 0 });
  assertFiniteNumber('y', placement.y, { integer: true, min: 0 });
  assertFiniteNumber('w', placement.w, { integer: true, min: 1 });
  assertFiniteNumber('h', placement.h, { integer: true, min: 1 });
  if (placement.x + placement.w > GRID_COLUMNS) {
    throw new StoreInputError('w', `The widget does not fit: x + w must be at most ${GRID_COLUMNS} grid columns.`);
  }
}

function normalizeSharing(sharing: Partial<DashboardSharing> = {}): DashboardSharing {
  const userIds = sharing.userIds ?? [];
  const roles = sharing.roles ?? [];
  if (!Array.isArray(userIds) || userIds.some((id) => typeof id !== 'string')) {
    throw new StoreInputError('sharedWith.userIds', 'sharedWith.userIds must be a list of user ids.');
  }
  if (!Array.isArray(roles)) throw new StoreInputError('sharedWith.roles', 'sharedWith.roles must be a list of roles.');
  roles.forEach((role) => assertOneOf('sharedWith.roles', role, ROLES));
  return { userIds: [...new Set(userIds)], roles: [...new Set(roles)] };
}
