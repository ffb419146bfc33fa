import type { Services } from '../../services';
import type { HandlerGroup } from '../types';

type DashboardKeys = 'dashboards/list' | 'dashboards/get' | 'dashboards/create' | 'dashboards/update' | 'dashboards/remove' | 'dashboards/addWidget' | 'dashboards/saveAnswer' | 'dashboards/updateWidget' | 'dashboards/removeWidget' | 'dashboards/runWidget';

export function dashboardHandlers(services: Services): HandlerGroup<DashboardKeys> {
  const { dashboards } = services;
  return {
    'dashboards/list': async ({ projectId }, call) => dashboards.list(call.auth, projectId),
    'dashboards/get': async ({ id }, call) => dashboards.get(call.auth, id),
    'dashboards/create': async (req, call) => dashboards.create(call.auth, req),
    'dashboards/update': async ({ id, ...patch }, call) => dashboards.update(call.auth, id, patch),
    'dashboards/remove': async ({ id }, call) => {
      await dashboards.remove(call.auth, id);
      return { ok: true };
    },
    'dashboards/addWidget': async (req, call) => dashboards.addWidget(call.auth, req),
    'dashboards/saveAnswer': async (req, call) => dashboards.saveAnswer(call.auth, req),
    'dashboards/updateWidget': async ({ dashboardId, widgetId, ...patch }, call) => dashboards.updateWidget(call.auth, dashboardId, widgetId, patch),
    'dashboards/removeWidget': async ({ dashboardId, widgetId }, call) => dashboards.removeWidget(call.auth, dashboardId, widgetId),
    'dashboards/runWidget': async ({ dashboardId, widgetId }, call) => dashboards.runWidget(call.auth, dashboardId, widgetId, call.signal),
  };
}
