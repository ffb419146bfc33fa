import type { ApexOptions } from 'apexcharts';
import type { ChartData } from '../../../shared/charts/data';
import { formatExact, formatValue, humanizeColumn } from '../../../shared/charts/format';
import { LARGE_SERIES_POINTS } from '../../../shared/charts/lttb';
import { paletteFor } from '../../../shared/charts/palette';
import type { ChartSpec } from '../../../shared/charts/spec';

export type ApexType = 'line' | 'area' | 'bar' | 'donut' | 'scatter' | 'boxPlot';
export interface ApexChartConfig { type: ApexType; series: ApexOptions['series']; options: ApexOptions }

const THEME_COLOURS = {
  light: { text: '#3d4757', grid: '#e9ecf0', muted: '#576173' },
  dark: { text: '#c4cad6', grid: '#262c37', muted: '#a0a9b8' },
};

function pointCount(data: ChartData): number {
  if (data.kind === 'time' || data.kind === 'xy') return data.series.reduce((n, s) => n + s.data.length, 0);
  if (data.kind === 'category') return data.categories.length * data.series.length;
  return 0;
}

function base(spec: ChartSpec, data: ChartData, theme: 'light' | 'dark', onSelect?: (category: string) => void, reducedMotion = false): ApexOptions {
  const colours = THEME_COLOURS[theme];
  const large = pointCount(data) > LARGE_SERIES_POINTS;
  const yFormat = spec.yFormat ?? 'number';
  return {
    chart: {
      background: 'transparent', foreColor: colours.text, fontFamily: 'inherit', parentHeightOffset: 0,
      animations: { enabled: !large && !reducedMotion, speed: 300 },
      toolbar: { show: data.kind === 'time' || data.kind === 'xy', tools: { download: false, selection: false, pan: false, zoom: true, zoomin: true, zoomout: true, reset: true } },
      // The mouse wheel scrolls the page; zooming is chosen with the toolbar.
      zoom: { enabled: data.kind === 'time' || data.kind === 'xy', type: 'x', allowMouseWheelZoom: false },
      ...(onSelect && data.kind === 'category'
        ? { events: { dataPointSelection: (_e: unknown, _c: unknown, opts: { dataPointIndex: number }) => { const c = data.categories[opts.dataPointIndex]; if (c !== undefined) onSelect(c); } } }
        : {}),
    },
    theme: { mode: theme },
    colors: [...paletteFor(theme)],
    grid: { borderColor: colours.grid, strokeDashArray: 3, padding: { left: 8, right: 8 } },
    dataLabels: { enabled: false },
    legend: { show: (data.kind === 'category' || data.kind === 'time') && data.series.length > 1, position: 'bottom', fontSize: '12px' },
    markers: { size: large ? 0 : pointCount(data) <= 40 ? 3 : 0, strokeWidth: 0, hover: { size: large ? 0 : 5 } },
    stroke: { width: data.kind === 'time' || spec.type === 'line' ? 2 : 0, curve: 'straight' },
    tooltip: { theme, y: { formatter: (v: number) => formatExact(v, yFormat) } },
    yaxis: {
      title: { text: spec.yLabel, style: { color: colours.muted, fontWeight: 500 } },
      labels: { formatter: (v: number) => formatValue(v, yFormat) },
    },
    states: { active: { filter: { type: 'none' } } },
  };
}

/** ApexCharts type, series and options for a chart spec and its prepared data. */
export function toApexConfig(spec: ChartSpec, data: ChartData, theme: 'light' | 'dark', onSelect?: (category: string) => void, reducedMotion = false): ApexChartConfig | null {
  const options = base(spec, data, theme, onSelect, reducedMotion);
  const colours = THEME_COLOURS[theme];
  const yFormat = spec.yFormat ?? 'number';
  const xTitle = { text: spec.xLabel, style: { color: colours.muted, fontWeight: 500 } };
  switch (data.kind) {
    case 'time':
      return {
        type: spec.type === 'area' ? 'area' : spec.type === 'column' ? 'bar' : 'line',
        series: data.series.map((s) => ({ name: humanizeColumn(s.name), data: s.data })),
        options: {
          ...options,
          xaxis: { type: 'datetime', title: xTitle, labels: { datetimeUTC: true } },
          tooltip: { ...options.tooltip, x: { formatter: (v: number) => formatValue(v, spec.xFormat === 'month' ? 'month' : 'date') } },
          ...(spec.type === 'area' ? { fill: { type: 'gradient', gradient: { opacityFrom: 0.35, opacityTo: 0.02 } } } : {}),
        },
      };
    case 'category': {
      const horizontal = spec.type === 'bar' || (spec.type === 'stacked-bar' && data.categories.length > 8);
      const formatted = (v: number) => formatValue(v, yFormat);
      return {
        type: spec.type === 'line' ? 'line' : spec.type === 'area' ? 'area' : 'bar',
        series: data.series.map((s) => ({ name: humanizeColumn(s.name), data: s.data })),
        options: {
          ...options,
          chart: { ...options.chart, stacked: data.stacked },
          plotOptions: { bar: { horizontal, borderRadius: 3, borderRadiusApplication: 'end', barHeight: '70%', columnWidth: '60%' } },
          xaxis: {
            categories: data.categories,
            title: horizontal ? { ...xTitle, text: spec.yLabel } : xTitle,
            ...(horizontal ? { tickAmount: 4 } : {}),
            labels: horizontal ? { formatter: (v: string) => formatted(Number(v)) } : { trim: true, hideOverlappingLabels: true },
          },
          yaxis: horizontal
            ? { title: { text: spec.xLabel, style: { color: colours.muted, fontWeight: 500 } }, labels: { maxWidth: 180 } }
            : options.yaxis,
        },
      };
    }
    case 'pie':
      return {
        type: 'donut',
        series: data.values,
        options: {
          ...options,
          labels: data.labels,
          legend: { show: true, position: 'right', fontSize: '13px', formatter: (label: string, o: { seriesIndex: number; w: { globals: { series: number[] } } }) => `${label}: ${formatValue(o.w.globals.series[o.seriesIndex], yFormat)}` },
          dataLabels: { enabled: true, formatter: (pct: number) => `${Math.round(pct)}%`, dropShadow: { enabled: false } },
          plotOptions: { pie: { donut: { size: '62%', labels: { show: true, total: { show: true, label: 'Total', formatter: (w: { globals: { seriesTotals: number[] } }) => formatValue(w.globals.seriesTotals.reduce((a, b) => a + b, 0), yFormat) } } } } },
          stroke: { width: 2, colors: [theme === 'dark' ? '#151920' : '#ffffff'] },
        },
      };
    case 'xy':
      return {
        type: 'scatter',
        series: data.series.map((s) => ({ name: humanizeColumn(s.name), data: s.data })),
        options: {
          ...options,
          markers: { size: data.sourcePoints > LARGE_SERIES_POINTS ? 2 : 5, strokeWidth: 0 },
          xaxis: { type: 'numeric', title: xTitle, tickAmount: 8, labels: { formatter: (v: string) => formatValue(Number(v), spec.xFormat ?? 'number') } },
        },
      };
    case 'histogram':
      return {
        type: 'bar',
        series: [{ name: 'Count', data: data.bins.map((b) => b.count) }],
        options: {
          ...options,
          plotOptions: { bar: { columnWidth: '96%', borderRadius: 2 } },
          xaxis: { categories: data.bins.map((b) => `${formatValue(b.from, yFormat)}–${formatValue(b.to, yFormat)}`), title: { ...xTitle, text: spec.yLabel }, labels: { hideOverlappingLabels: true, rotate: -30 } },
          yaxis: { title: { text: 'Count', style: { color: colours.muted, fontWeight: 500 } }, labels: { formatter: (v: number) => formatValue(v, 'integer') } },
          tooltip: { theme, y: { formatter: (v: number) => `${formatExact(v, 'integer')} rows` } },
        },
      };
    case 'box':
      return {
        type: 'boxPlot',
        series: [{ name: humanizeColumn(data.name), data: [{ x: humanizeColumn(data.name), y: [data.stats.min, data.stats.q1, data.stats.median, data.stats.q3, data.stats.max] }] }],
        options: { ...options, plotOptions: { bar: { horizontal: true, barHeight: '40%' }, boxPlot: { colors: { upper: paletteFor(theme)[0], lower: paletteFor(theme)[4] } } }, xaxis: { labels: { formatter: (v: string) => formatValue(Number(v), yFormat) } } },
      };
    default:
      return null;
  }
}
