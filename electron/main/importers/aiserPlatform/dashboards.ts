import { GRID_COLUMNS } from '../../store/repositories/dashboards';
import type { JsonObject } from '../../store';
import type { ImportRun } from './run';
import { keyOf, objectOf, textOf, type PlatformRow } from './schema';

/** Dashboards first (they carry the project), then widgets (in the project of the first dashboard
 *  they sit on), then their placements on the grid. */
export async function importDashboards(run: ImportRun, dashboards: PlatformRow[], widgets: PlatformRow[], placements: PlatformRow[]): Promise<void> {
  run.read('dashboards', dashboards.length);
  for (const row of dashboards) await importDashboard(run, row);

  const dashboardById = new Map(dashboards.map((row) => [keyOf(row.id), row]));
  const homes = new Map<string, Home>();
  for (const placement of placements) {
    const widgetKey = keyOf(placement.widget_id);
    const dashboard = dashboardById.get(keyOf(placement.dashboard_id));
    const projectKey = dashboard && run.targetOf('dashboards', keyOf(dashboard.id)) ? textOf(dashboard.project_id) : null;
    const projectId = run.targetOf('projects', projectKey);
    const orgId = run.orgOf('projects', projectKey);
    if (!homes.has(widgetKey) && projectId && orgId) homes.set(widgetKey, { projectId, orgId });
  }
  run.read('widgets', widgets.length);
  for (const row of widgets) await importWidget(run, row, homes.get(keyOf(row.id)) ?? null);

  run.read('dashboard_widgets', placements.length);
  for (const row of placements) await importPlacement(run, row, dashboardById);
}

async function importDashboard(run: ImportRun, row: PlatformRow): Promise<void> {
  const key = keyOf(row.id);
  const name = textOf(row.name);
  if (run.alreadyImported('dashboards', key)) return;
  const platformProject = textOf(row.project_id);
  const projectId = run.targetOf('projects', platformProject);
  const orgId = run.orgOf('projects', platformProject);
  if (!projectId || !orgId) {
    run.skip('dashboards', row, name, platformProject ? `Its project (${platformProject}) was not imported.` : 'The dashboard belongs to no project; dashboards here always live in a project.');
    return;
  }
  const layoutValue = typeof row.layout === 'string' ? safeJson(row.layout) : row.layout;
  const layout: JsonObject = Array.isArray(layoutValue) ? { items: layoutValue } : (objectOf(layoutValue) as JsonObject);
  const owner = run.orgOf('users', textOf(row.created_by)) === orgId ? run.targetOf('users', textOf(row.created_by)) : null;
  await run.create('dashboards', key, name, orgId, () =>
    run.store.dashboards.create(run.contextFor(orgId, owner), { projectId, name: name ?? `Imported dashboard ${key}`, layout }),
  );
}

/** Where a widget lives here: the project of the first imported dashboard it sits on. */
interface Home {
  projectId: string;
  orgId: string;
}

async function importWidget(run: ImportRun, row: PlatformRow, home: Home | null): Promise<void> {
  const key = keyOf(row.id);
  const title = textOf(row.title) ?? textOf(row.name);
  if (run.alreadyImported('widgets', key)) return;
  const config = objectOf(row.config);
  const sql = textOf(row.sql) ?? textOf(config.sql) ?? (row.sql === undefined ? textOf(row.query) : null);
  const question = row.sql !== undefined ? textOf(row.query) : textOf(config.question);
  const platformSource = textOf(row.data_source_id);
  const sourceId = run.targetOf('data_sources', platformSource);
  if (platformSource && !sourceId) {
    run.skip('widgets', row, title, `It reads data source ${platformSource}, which was not imported (see that source's entry, or it no longer exists).`);
    return;
  }
  if (!sql) {
    run.skip('widgets', row, title, 'The widget has no SQL query; widgets here always run SQL.');
    return;
  }
  if (!home) {
    run.skip('widgets', row, title, 'The widget is on no imported dashboard, so it has no project to live in.');
    return;
  }
  const { projectId, orgId } = home;
  if (sourceId && run.orgOf('data_sources', platformSource) !== orgId) {
    run.skip('widgets', row, title, `It reads data source ${platformSource} of another organization.`);
    return;
  }
  const { sql: _sql, question: _question, ...rest } = config;
  const chartType = textOf(row.chart_type);
  await run.create('widgets', key, title, orgId, () =>
    run.store.widgets.create(run.contextFor(orgId), {
      projectId, title: title ?? `Imported widget ${key}`, sourceId,
      query: { sql, ...(question ? { question } : {}) },
      chartSpec: { ...(rest as JsonObject), ...(chartType ? { type: chartType } : {}) },
    }),
  );
}

async function importPlacement(run: ImportRun, row: PlatformRow, dashboards: Map<string, PlatformRow>): Promise<void> {
  const dashboardKey = keyOf(row.dashboard_id);
  const widgetKey = keyOf(row.widget_id);
  const key = `${dashboardKey}/${widgetKey}`;
  if (run.alreadyImported('dashboard_widgets', key)) return;
  const dashboardId = run.targetOf('dashboards', dashboardKey);
  const widgetId = run.targetOf('widgets', widgetKey);
  const label = textOf(dashboards.get(dashboardKey)?.name);
  if (!dashboardId || !widgetId) {
    run.skip('dashboard_widgets', key, label, !dashboardId ? `Dashboard ${dashboardKey} was not imported.` : `Widget ${widgetKey} was not imported.`);
    return;
  }
  const orgId = run.orgOf('dashboards', dashboardKey) as string;
  await run.create('dashboard_widgets', key, label, orgId, () =>
    run.store.dashboards.placeWidget(run.contextFor(orgId), dashboardId, widgetId, gridPlacement(objectOf(row.position))),
  );
}

/** Platform positions may be any size; clamp them onto this app's 12-column grid. */
export function gridPlacement(position: Record<string, unknown>): { x: number; y: number; w: number; h: number } {
  const int = (value: unknown, fallback: number, min: number) => {
    const n = Math.round(Number(value));
    return Number.isFinite(n) ? Math.max(min, n) : fallback;
  };
  const w = Math.min(GRID_COLUMNS, int(position.w ?? position.width, 4, 1));
  const x = Math.min(GRID_COLUMNS - w, int(position.x, 0, 0));
  return { x, y: int(position.y, 0, 0), w, h: int(position.h ?? position.height, 3, 1) };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
