import { useMemo } from 'react';
import { ApexChart as Chart } from './ApexChart';
import { switchChartType } from '../../../shared/charts/choose';
import { buildChartData } from '../../../shared/charts/data';
import { formatDelta, formatExact, formatValue } from '../../../shared/charts/format';
import type { ResultLike } from '../../../shared/charts/shape';
import type { ChartSpec, ChartType } from '../../../shared/charts/spec';
import { useChartTheme } from './chartTheme';
import { toApexConfig } from './apexOptions';

const TYPE_LABELS: Record<ChartType, string> = {
  line: 'Line', area: 'Area', bar: 'Bar', column: 'Columns', 'stacked-bar': 'Stacked', donut: 'Donut',
  scatter: 'Scatter', histogram: 'Histogram', box: 'Box', kpi: 'Number', table: 'Table',
};

export interface ChartViewProps {
  spec: ChartSpec;
  result: ResultLike;
  height?: number;
  /** Switching to an alternative chart type. */
  onSpecChange?: (spec: ChartSpec) => void;
  /** Clicking a category (bar, slice): drill into it. */
  onDrill?: (category: string) => void;
  hideHeader?: boolean;
  /** The headline above already states the takeaway: keep the title for screen readers only. */
  titleVisuallyHidden?: boolean;
}

function KpiCard({ spec, value }: { spec: ChartSpec; value: number | null }) {
  const delta = spec.delta ? formatDelta(spec.delta.value, spec.delta.format ?? 'fraction-percent') : null;
  return (
    <div className="kpi" data-testid="kpi">
      <span className="muted small">{spec.yLabel}</span>
      <span className="kpi-value" title={formatExact(value, spec.yFormat)}>{formatValue(value, spec.yFormat)}</span>
      {delta && spec.delta ? (
        <span className={`delta delta-${delta.direction}`} aria-label={`${delta.direction === 'up' ? 'Up' : delta.direction === 'down' ? 'Down' : 'No change'} ${delta.text.slice(2)} ${spec.delta.label}`}>
          {delta.text} <span className="muted" style={{ fontWeight: 400 }}>{spec.delta.label}</span>
        </span>
      ) : null}
    </div>
  );
}

function prefersReducedMotion(): boolean {
  return window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
}

/** A chart card: the takeaway title, the chart (fixed height, so nothing jumps) and one-click alternatives. */
export function ChartView({ spec, result, height = 320, onSpecChange, onDrill, hideHeader, titleVisuallyHidden }: ChartViewProps) {
  const theme = useChartTheme();
  const data = useMemo(() => buildChartData(spec, result), [spec, result]);
  const config = useMemo(() => toApexConfig(spec, data, theme, onDrill, prefersReducedMotion()), [spec, data, theme, onDrill]);
  const note = (data.kind === 'time' || data.kind === 'xy') && data.downsampled
    ? `Showing ${formatValue(data.series.reduce((n, s) => n + s.data.length, 0), 'integer')} of ${formatExact(data.sourcePoints, 'integer')} points (shape preserved)`
    : data.kind === 'category' && data.truncatedCategories > 0 ? `Top ${data.categories.length} shown; ${data.truncatedCategories} more in the table`
    : onDrill && data.kind === 'category' && !data.stacked ? 'Click a bar to see its trend' : null;

  return (
    <figure className={`chart-card${onDrill && data.kind === 'category' ? ' drillable' : ''}`} style={{ margin: 0 }} data-testid="chart" data-chart-type={spec.type} aria-label={spec.title}>
      {hideHeader ? null : (
        <div className="row" style={{ alignItems: 'flex-start', flexWrap: 'wrap' }}>
          <figcaption className="grow">
            <div className={titleVisuallyHidden ? 'sr-only' : 'chart-title'} data-testid="chart-title">{spec.title}</div>
            {spec.subtitle || note ? <div className="chart-sub">{[spec.subtitle, note].filter(Boolean).join(' · ')}</div> : null}
          </figcaption>
          {onSpecChange && spec.alternatives.length ? (
            <div className="row" role="group" aria-label="Chart type" style={{ gap: 4, flexWrap: 'wrap' }}>
              <button className="btn btn-sm" aria-pressed="true" title={spec.reason}>{TYPE_LABELS[spec.type]}</button>
              {spec.alternatives.map((a) => (
                <button key={a.type} className="btn btn-sm btn-ghost" title={a.reason} aria-label={`Show as ${TYPE_LABELS[a.type].toLowerCase()}: ${a.reason}`}
                  onClick={() => onSpecChange(switchChartType(spec, a.type, result))}>{TYPE_LABELS[a.type]}</button>
              ))}
            </div>
          ) : null}
        </div>
      )}
      <div className="chart-body" style={{ height: data.kind === 'kpi' ? undefined : height }}>
        {data.kind === 'kpi' ? <KpiCard spec={spec} value={data.value} /> : config ? (
          <Chart key={`${spec.type}-${theme}`} type={config.type} series={config.series} options={config.options} height={height} width="100%" />
        ) : <p className="muted small" style={{ padding: 16 }}>This result reads best as a table (below).</p>}
      </div>
    </figure>
  );
}
