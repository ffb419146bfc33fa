import { type PointerEvent as ReactPointerEvent, type KeyboardEvent, useCallback, useEffect, useState } from 'react';
import { drillQuestion } from '../../../../shared/charts/drill';
import type { QueryResult } from '../../../../shared/api/domains/query';
import type { DashboardView } from '../../../../shared/api/domains/dashboards';
import { Icon } from '../../app/icons';
import { ErrorNotice, type ErrorInfo } from '../../app/ui/ErrorNotice';
import { ChartView } from '../../charts/ChartView';
import { api, describeError } from '../../lib/api';
import { type GridItem, ROW_HEIGHT } from './gridLayout';
import { REFRESH_CHOICES } from './SaveToDashboardDialog';

type Widget = DashboardView['widgets'][number];

interface WidgetProps {
  dashboardId: string;
  widget: Widget;
  layout: GridItem;
  refreshTick: number;
  technical: boolean;
  /** Owner or administrator: move, resize, remove and change the refresh. */
  editable: boolean;
  onChanged: (dashboard: DashboardView) => void;
  onPointerStart: (mode: 'move' | 'resize', event: ReactPointerEvent) => void;
  onNudge: (change: Partial<GridItem>) => void;
  onRemove: () => void;
  onDrill: (question: string, sourceId: string) => void;
}

/** One widget: runs its query, draws its chart, keeps its own errors to itself. */
export function WidgetCard({ dashboardId, widget, layout, refreshTick, technical, editable, onChanged, onPointerStart, onNudge, onRemove, onDrill }: WidgetProps) {
  const [result, setResult] = useState<QueryResult | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [loading, setLoading] = useState(true);
  const [updatedAt, setUpdatedAt] = useState<Date | null>(null);

  const run = useCallback(async () => {
    setLoading(true);
    setError(null);
    try {
      setResult(await api.call('dashboards/runWidget', { dashboardId, widgetId: widget.id }));
      setUpdatedAt(new Date());
    } catch (e) {
      setError(describeError(e));
    } finally {
      setLoading(false);
    }
  }, [dashboardId, widget.id]);
  useEffect(() => { void run(); }, [run, refreshTick]);
  // Interval widgets re-run on their own while the dashboard stays open.
  const intervalMinutes = widget.refresh.mode === 'interval' ? widget.refresh.intervalMinutes ?? 0 : 0;
  useEffect(() => {
    if (intervalMinutes <= 0) return undefined;
    const timer = window.setInterval(() => void run(), intervalMinutes * 60_000);
    return () => window.clearInterval(timer);
  }, [run, intervalMinutes]);

  const drill = useCallback((category: string) => onDrill(drillQuestion(widget.chart, category), widget.sourceId), [onDrill, widget.chart, widget.sourceId]);

  function onGripKey(event: KeyboardEvent) {
    const step = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[event.key];
    if (!step) return;
    event.preventDefault();
    if (event.shiftKey) onNudge({ w: layout.w + step[0], h: layout.h + step[1] });
    else onNudge({ x: layout.x + step[0], y: layout.y + step[1] });
  }

  async function changeRefresh(value: string) {
    const choice = REFRESH_CHOICES.find((c) => c.value === value);
    if (!choice) return;
    try {
      onChanged(await api.call('dashboards/updateWidget', { dashboardId, widgetId: widget.id, refresh: choice.policy }));
    } catch (e) {
      setError(describeError(e));
    }
  }

  // Widgets saved before answers were titled by their question show the question, not a frozen takeaway.
  const heading = widget.question && widget.title === widget.chart.title ? widget.question : widget.title;
  const refreshValue = widget.refresh.mode === 'interval' ? String(widget.refresh.intervalMinutes ?? '') : 'on-open';
  const refreshWords = REFRESH_CHOICES.find((c) => c.value === refreshValue)?.short ?? (widget.refresh.mode === 'manual' ? 'Refreshed by hand' : 'Refreshes on open');
  const bodyHeight = layout.h * ROW_HEIGHT - 120;
  return (
    <section className="card widget" aria-label={heading} data-testid="widget"
      style={{ ['--x' as string]: layout.x + 1, ['--y' as string]: layout.y + 1, ['--w' as string]: layout.w, ['--h' as string]: layout.h }}>
      <header className="widget-head">
        {editable ? <button className="btn btn-ghost btn-icon widget-grip" aria-label={`Move ${heading}. Arrow keys move it, Shift+arrow keys resize it.`}
          title="Drag to move" onPointerDown={(e) => onPointerStart('move', e)} onKeyDown={onGripKey}><Icon name="grip" size={16} /></button> : null}
        <h3 className="grow" style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={heading}>{heading}</h3>
        <button className="btn btn-ghost btn-icon" aria-label={`Refresh ${heading}`} title="Refresh" onClick={() => void run()} disabled={loading}><Icon name="refresh" size={16} /></button>
        {editable ? <button className="btn btn-ghost btn-icon" aria-label={`Remove ${heading}`} title="Remove" onClick={onRemove}><Icon name="trash" size={16} /></button> : null}
      </header>
      <div className="widget-meta muted small" data-testid="widget-meta">
        {editable ? (
          <select className="select select-sm" aria-label={`How often ${heading} refreshes`} value={refreshValue} onChange={(e) => void changeRefresh(e.target.value)}>
            {REFRESH_CHOICES.map((c) => <option key={c.value} value={c.value}>{c.short}</option>)}
          </select>
        ) : <span>{refreshWords}</span>}
        <span data-testid="widget-updated">{updatedAt ? `Updated ${updatedAt.toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit' })}` : error && !loading ? 'Not updated' : 'Updating…'}</span>
      </div>
      <div className="widget-body">
        {loading && !result ? <div className="skeleton" style={{ height: '100%' }}>Running “{widget.title}”…</div> : null}
        {error ? <ErrorNotice error={error} technical={technical} onRetry={() => void run()} /> : null}
        {result && !error ? (
          widget.chart.type === 'table' || !result.rows.length
            ? <p className="muted small">{result.rows.length ? `${result.rowCount} rows` : 'No rows for this widget right now.'}</p>
            : <ChartView spec={widget.chart} result={result} height={Math.max(140, bodyHeight)} hideHeader onDrill={drill} />
        ) : null}
      </div>
      {editable ? <div className="widget-resize" aria-hidden="true" onPointerDown={(e) => onPointerStart('resize', e)} title="Drag to resize" /> : null}
    </section>
  );
}
