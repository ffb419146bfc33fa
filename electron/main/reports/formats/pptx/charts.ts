import type PptxGenJS from 'pptxgenjs';
import { formatValue } from '../../../../../shared/charts/format';
import type { ValueFormat } from '../../../../../shared/charts/spec';
import type { ReportChart } from '../../../../../shared/reports/model';

type ChartName = 'bar' | 'line' | 'area' | 'doughnut' | 'scatter';
export interface NativeChart {
  type: ChartName;
  data: Array<{ name: string; labels?: string[]; values: number[] }>;
  options: PptxGenJS.IChartOpts;
}

/** Excel number formats matching the UI's compact formatting ($4.2M, 12k) for values up to `max`. */
export function numberFormatCode(format: ValueFormat | undefined, max = 0): string {
  const abs = Math.abs(max);
  const [scale, suffix] = abs >= 1e9 ? [',,,', 'B'] : abs >= 1e6 ? [',,', 'M'] : abs >= 1e4 ? [',', 'k'] : ['', ''];
  const compact = (prefix: string) => (suffix ? `${prefix}#,##0.0${scale}"${suffix}"` : `${prefix}#,##0`);
  switch (format) {
    case 'currency': return compact('"$"');
    case 'percent': return '0.0"%"';
    case 'fraction-percent': return '0.0%';
    case 'integer': return compact('');
    default: return suffix ? compact('') : '#,##0.##';
  }
}

function hex(colors: readonly string[]): string[] {
  return colors.map((c) => c.replace('#', ''));
}

function timeLabel(ms: number, month: boolean): string {
  const iso = new Date(ms).toISOString().slice(0, 10);
  return formatValue(iso, month ? 'month' : 'date');
}

function maxValue(chart: ReportChart): number {
  const d = chart.data;
  switch (d.kind) {
    case 'category': return Math.max(0, ...d.series.flatMap((s) => s.data.map((v) => Math.abs(v ?? 0))));
    case 'time':
    case 'xy': return Math.max(0, ...d.series.flatMap((s) => s.data.map((p) => Math.abs(p[1]))));
    case 'pie': return Math.max(0, ...d.values);
    case 'box': return Math.abs(d.stats.max);
    default: return 0;
  }
}

/** A report chart as a native PowerPoint chart: the chart XML carries its data (an embedded
 *  workbook), so the reader can restyle it or edit the numbers in PowerPoint. */
export function nativeChart(chart: ReportChart, palette: readonly string[]): NativeChart | null {
  const { spec, data } = chart;
  const max = maxValue(chart);
  const singleColour = (data.kind === 'category' && data.series.length === 1) || data.kind === 'histogram' || data.kind === 'box';
  const common: PptxGenJS.IChartOpts = {
    chartColors: hex(singleColour ? palette.slice(0, 1) : palette), showLegend: false, legendPos: 'b', legendFontSize: 10, catAxisLabelFontSize: 10, valAxisLabelFontSize: 10,
    valAxisLabelFormatCode: numberFormatCode(spec.yFormat, max), dataLabelFormatCode: numberFormatCode(spec.yFormat, max),
    valGridLine: { color: 'E5E7EB', size: 0.5 }, catGridLine: { style: 'none' }, showTitle: false,
    catAxisLabelColor: '374151', valAxisLabelColor: '6B7280', dataLabelFontSize: 9, dataLabelColor: '111827',
  };
  switch (data.kind) {
    case 'category': {
      const series = data.series.map((s) => ({ name: s.name, labels: data.categories, values: s.data.map((v) => v ?? 0) }));
      if (spec.type === 'line' || spec.type === 'area') {
        return { type: spec.type === 'area' ? 'area' : 'line', data: series, options: { ...common, showLegend: series.length > 1, lineDataSymbol: 'circle', lineDataSymbolSize: 5, lineSize: 2 } };
      }
      const horizontal = spec.type === 'bar';
      const labelled = series.length === 1 && data.categories.length <= 12;
      return {
        type: 'bar', data: horizontal ? series.map((s) => ({ ...s, labels: [...s.labels].reverse(), values: [...s.values].reverse() })) : series,
        options: { ...common, barDir: horizontal ? 'bar' : 'col', barGrouping: data.stacked ? 'stacked' : 'clustered', showLegend: series.length > 1, showValue: labelled, dataLabelPosition: labelled && !data.stacked ? 'outEnd' : undefined, barGapWidthPct: 60 },
      };
    }
    case 'time': {
      const all = [...new Set(data.series.flatMap((s) => s.data.map((p) => p[0])))].sort((a, b) => a - b);
      const month = spec.xFormat === 'month';
      const labels = all.map((t) => timeLabel(t, month));
      const series = data.series.map((s) => {
        const byTime = new Map(s.data.map((p) => [p[0], p[1]]));
        return { name: s.name, labels, values: all.map((t) => byTime.get(t) ?? 0) };
      });
      return { type: spec.type === 'area' ? 'area' : 'line', data: series, options: { ...common, showLegend: series.length > 1, lineDataSymbol: all.length > 40 ? 'none' : 'circle', lineDataSymbolSize: 5, lineSize: 2 } };
    }
    case 'pie':
      return { type: 'doughnut', data: [{ name: spec.yLabel ?? spec.y[0] ?? 'Value', labels: data.labels, values: data.values }], options: { ...common, showLegend: true, legendPos: 'r', holeSize: 58, showPercent: true, showValue: false, dataLabelColor: 'FFFFFF' } };
    case 'xy': {
      const points = data.series[0]?.data ?? [];
      return { type: 'scatter', data: [{ name: spec.xLabel ?? spec.x ?? 'X', values: points.map((p) => p[0]) }, { name: spec.yLabel ?? spec.y[0] ?? 'Y', values: points.map((p) => p[1]) }], options: { ...common, lineSize: 0, lineDataSymbol: 'circle', lineDataSymbolSize: 5 } };
    }
    case 'histogram':
      return { type: 'bar', data: [{ name: 'Count', labels: data.categories, values: data.bins.map((b) => b.count) }], options: { ...common, barDir: 'col', barGapWidthPct: 5, valAxisLabelFormatCode: '#,##0' } };
    case 'box': {
      const { min, q1, median, q3, max } = data.stats;
      return { type: 'bar', data: [{ name: data.name, labels: ['Minimum', 'Lower quartile', 'Median', 'Upper quartile', 'Maximum'], values: [min, q1, median, q3, max] }], options: { ...common, barDir: 'col', showValue: true, dataLabelPosition: 'outEnd' } };
    }
    case 'kpi':
      return null;
  }
}
