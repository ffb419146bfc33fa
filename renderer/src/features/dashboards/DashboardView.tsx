import { type PointerEvent as ReactPointerEvent, useCallback, useEffect, useRef, useState } from 'react';
import type { DashboardView as Dashboard } from '../../../../shared/api/domains/dashboards';
import { Icon } from '../../app/icons';
import { ErrorNotice, type ErrorInfo } from '../../app/ui/ErrorNotice';
import { ChartThemeContext } from '../../charts/chartTheme';
import { api, describeError } from '../../lib/api';
import { useRoute } from '../../stores/route';
import { isTechnical, useSession } from '../../stores/session';
import { useTheme } from '../../stores/theme';
import { useChat } from '../chat/chatStore';
import { GRID_COLUMNS, type GridItem, ROW_HEIGHT, resolveLayout } from './gridLayout';
import { WidgetCard } from './WidgetCard';
import { CreateReportDialog } from '../reports/CreateReportDialog';

interface DragState { id: string; mode: 'move' | 'resize'; startX: number; startY: number; origin: GridItem; columnWidth: number }

function layoutOf(dashboard: Dashboard): GridItem[] {
  return dashboard.widgets.map((w) => ({ id: w.id, ...w.layout }));
}

/** One dashboard: a 12-column grid of widgets you can drag, resize, refresh and theme. */
export function DashboardView({ dashboardId }: { dashboardId: string }) {
  const [dashboard, setDashboard] = useState<Dashboard | null>(null);
  const [layout, setLayout] = useState<GridItem[]>([]);
  const [reporting, setReporting] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [refreshTick, setRefreshTick] = useState(0);
  const [drag, setDrag] = useState<DragState | null>(null);
  const [preview, setPreview] = useState<GridItem | null>(null);
  const grid = useRef<HTMLDivElement>(null);
  const user = useSession((s) => s.user);
  const technical = isTechnical(user);
  const appTheme = useTheme((s) => s.resolved);
  const navigate = useRoute((s) => s.navigate);

  useEffect(() => {
    setDashboard(null);
    api.call('dashboards/get', { id: dashboardId }).then((d) => { setDashboard(d); setLayout(layoutOf(d)); }).catch((e) => setError(describeError(e)));
  }, [dashboardId]);

  const persist = useCallback(async (next: GridItem[]) => {
    setLayout(next);
    try {
      const updated = await api.call('dashboards/update', { id: dashboardId, layout: next.map(({ id, x, y, w, h }) => ({ widgetId: id, x, y, w, h })) });
      setDashboard(updated);
    } catch (e) {
      setError(describeError(e));
    }
  }, [dashboardId]);

  function startPointer(id: string, mode: 'move' | 'resize', event: ReactPointerEvent) {
    const origin = layout.find((l) => l.id === id);
    if (!origin || !grid.current || event.button !== 0) return;
    event.preventDefault();
    setDrag({ id, mode, startX: event.clientX, startY: event.clientY, origin, columnWidth: grid.current.clientWidth / GRID_COLUMNS });
    setPreview(origin);
  }

  useEffect(() => {
    if (!drag) return;
    const target = (e: PointerEvent): GridItem => {
      const dx = Math.round((e.clientX - drag.startX) / drag.columnWidth);
      const dy = Math.round((e.clientY - drag.startY) / ROW_HEIGHT);
      return drag.mode === 'move' ? { ...drag.origin, x: drag.origin.x + dx, y: drag.origin.y + dy } : { ...drag.origin, w: drag.origin.w + dx, h: drag.origin.h + dy };
    };
    const onMove = (e: PointerEvent) => setPreview(target(e));
    const onUp = (e: PointerEvent) => {
      setDrag(null);
      setPreview(null);
      const moved = target(e);
      if (moved.x !== drag.origin.x || moved.y !== drag.origin.y || moved.w !== drag.origin.w || moved.h !== drag.origin.h) void persist(resolveLayout(layout, moved));
    };
    window.addEventListener('pointermove', onMove);
    window.addEventListener('pointerup', onUp, { once: true });
    return () => { window.removeEventListener('pointermove', onMove); window.removeEventListener('pointerup', onUp); };
  }, [drag, layout, persist]);

  async function update(change: { name?: string; theme?: Dashboard['theme'] }) {
    try {
      setDashboard(await api.call('dashboards/update', { id: dashboardId, ...change }));
    } catch (e) {
      setError(describeError(e));
    }
  }

  async function removeWidget(widgetId: string) {
    try {
      const updated = await api.call('dashboards/removeWidget', { dashboardId, widgetId });
      setDashboard(updated);
      setLayout(layoutOf(updated));
    } catch (e) {
      setError(describeError(e));
    }
  }

  /** Drilling into a category continues as a question on the Ask page. */
  const drill = useCallback((question: string, sourceId: string) => {
    useChat.getState().reset();
    navigate({ page: 'ask' });
    void useChat.getState().ask(question, sourceId);
  }, [navigate]);

  if (error && !dashboard) return <div className="page"><ErrorNotice error={error} /></div>;
  if (!dashboard) return <div className="page"><div className="skeleton" style={{ height: 40, width: 280 }}>Opening the dashboard…</div><div className="skeleton" style={{ height: 360 }} /></div>;
  const theme = dashboard.theme === 'auto' ? appTheme : dashboard.theme;
  const shown = [...layout].sort((a, b) => a.y - b.y || a.x - b.x);
  // Only the owner or an administrator may change a dashboard: others see no editing controls.
  const editable = Boolean(user?.permissions.includes('dashboards:manage') && (user.id === dashboard.ownerId || user.role === 'admin'));

  return (
    <div className="page">
      <div className="page-header">
        <a className="btn btn-ghost btn-sm" href="#/dashboards">← All dashboards</a>
      </div>
      <div className="page-header">
        <div className="grow col" style={{ gap: 2 }}>
          <h1 data-testid="dashboard-name">{dashboard.name}</h1>
          <p>{dashboard.widgets.length} widget{dashboard.widgets.length === 1 ? '' : 's'}{editable ? ' · drag a widget by its handle, resize from its corner' : ''}</p>
        </div>
        {editable ? <label className="row small">Theme
          <select className="select" style={{ width: 110 }} value={dashboard.theme} onChange={(e) => void update({ theme: e.target.value as Dashboard['theme'] })} aria-label="Dashboard theme">
            <option value="auto">Auto</option><option value="light">Light</option><option value="dark">Dark</option>
          </select>
        </label> : null}
        <button className="btn" onClick={() => setRefreshTick((t) => t + 1)}><Icon name="refresh" size={16} />Refresh all</button>
        {dashboard.widgets.length ? <button className="btn" onClick={() => setReporting(true)}><Icon name="reports" size={16} />Create report</button> : null}
      </div>
      {reporting ? <CreateReportDialog origin={{ kind: 'dashboard', dashboardId: dashboard.id }} defaultTitle={dashboard.name} onClose={() => setReporting(false)} /> : null}
      {error ? <ErrorNotice error={error} /> : null}
      {dashboard.widgets.length === 0 ? (
        <div className="card empty"><Icon name="dashboards" size={28} /><p>No widgets yet. Ask a question, then choose “Save to dashboard” under the answer.</p>
          <a className="btn btn-primary" href="#/ask">Ask a question</a></div>
      ) : (
        <ChartThemeContext.Provider value={theme}>
          <div className="dash-surface" data-theme={theme}>
            <div className="dash-grid" ref={grid}>
              {shown.map((item) => {
                const widget = dashboard.widgets.find((w) => w.id === item.id);
                if (!widget) return null;
                return (
                  <WidgetCard key={widget.id} dashboardId={dashboard.id} widget={widget} layout={item} refreshTick={refreshTick} technical={technical} editable={editable}
                    onChanged={setDashboard}
                    onPointerStart={(mode, e) => startPointer(widget.id, mode, e)} onNudge={(change) => void persist(resolveLayout(layout, { ...item, ...change }))}
                    onRemove={() => void removeWidget(widget.id)} onDrill={drill} />
                );
              })}
              {preview ? <div className="dash-ghost" style={{ ['--x' as string]: Math.max(0, preview.x) + 1, ['--y' as string]: Math.max(0, preview.y) + 1, ['--w' as string]: Math.max(2, preview.w), ['--h' as string]: Math.max(2, preview.h) }} /> : null}
            </div>
          </div>
        </ChartThemeContext.Provider>
      )}
    </div>
  );
}
