import { type PointerEvent as ReactPointerEvent, type KeyboardEvent, useCallback, useEffect, useState } from 'react';
import { drillQuestion } from '../../../../shared/charts/drill';
import type { QueryResult } from '../../../../shared/api/domains/query';
import type { DashboardView } from '../../../../shared/api/domains/dashboards';
import { Icon } from '../../app/icons';
import { ErrorNotice, type ErrorInfo } from '../../app/ui/ErrorNotice';
import { ChartView } from '../../charts/ChartView';
import { api, describeError } from '../../lib/api';
import { type GridItem, ROW_HEIGHT } from './gridLayout';

type Widget = DashboardView['widgets'][number];

interface WidgetProps {
  dashboardId: string;
  widget: Widget;
  layout: GridItem;
  refreshTick: number;
  technical: boolean;
  onPointerStart: (mode: 'move' | 'resize', event: ReactPointerEvent) => void;
  onNudge: (change: Partial<GridItem>) => void;
  onRemove: () => void;
  onDrill: (question: string, sourceId: string) => void;
}

/** One widget: runs its query, draws its chart, keeps its own errors to itself. */
export function WidgetCard({ dashboardId, widget, layout, refreshTick, technical, onPointerStart, onNudge, onRemove, onDrill }: WidgetProps) {
  const [result, setResult] = useState<QueryResult | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [loading, setLoading] = useState(true);

  const run = useCallback(async () => {
    setLoading(true);
    setError(null);
    try {
      setResult(await api.call('dashboards/runWidget', { dashboardId, widgetId: widget.id }));
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

  const bodyHeight = layout.h * ROW_HEIGHT - 84;
  return (
    <section className="card widget" aria-label={widget.title} data-testid="widget"
      style={{ ['--x' as string]: layout.x + 1, ['--y' as string]: layout.y + 1, ['--w' as string]: layout.w, ['--h' as string]: layout.h }}>
      <header className="widget-head">
        <button className="btn btn-ghost btn-icon widget-grip" aria-label={`Move ${widget.title}. Arrow keys move it, Shift+arrow keys resize it.`}
          title="Drag to move" onPointerDown={(e) => onPointerStart('move', e)} onKeyDown={onGripKey}><Icon name="grip" size={16} /></button>
        <h3 className="grow" style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={widget.title}>{widget.title}</h3>
        <button className="btn btn-ghost btn-icon" aria-label={`Refresh ${widget.title}`} title="Refresh" onClick={() => void run()} disabled={loading}><Icon name="refresh" size={16} /></button>
        <button className="btn btn-ghost btn-icon" aria-label={`Remove ${widget.title}`} title="Remove" onClick={onRemove}><Icon name="trash" size={16} /></button>
      </header>
      <div className="widget-body">
        {loading && !result ? <div className="skeleton" style={{ height: '100%' }}>Running “{widget.title}”…</div> : null}
        {error ? <ErrorNotice error={error} technical={technical} onRetry={() => void run()} /> : null}
        {result && !error ? (
          widget.chart.type === 'table' || !result.rows.length
            ? <p className="muted small">{result.rows.length ? `${result.rowCount} rows` : 'No rows for this widget right now.'}</p>
            : <ChartView spec={widget.chart} result={result} height={Math.max(140, bodyHeight)} hideHeader onDrill={drill} />
        ) : null}
      </div>
      <div className="widget-resize" aria-hidden="true" onPointerDown={(e) => onPointerStart('resize', e)} title="Drag to resize" />
    </section>
  );
}
