/** ApexCharts options for an insight's chart: forecast band, anomaly markers, contribution bars,
 *  group means, scatter. Numbers come from the insight; this only draws them. */
import type { ApexOptions } from 'apexcharts';
import type { InsightChart } from '../../../../shared/api/domains/insights';
import { formatValue } from '../../../../shared/charts/format';
import { paletteFor } from '../../../../shared/charts/palette';

export interface ApexConfig {
  type: 'line' | 'rangeArea' | 'bar' | 'scatter';
  series: ApexAxisChartSeries;
  options: ApexOptions;
}

export function insightApexConfig(chart: InsightChart, theme: 'light' | 'dark'): ApexConfig {
  const palette = paletteFor(theme);
  const text = theme === 'dark' ? '#E5E7EB' : '#1F2937';
  const grid = theme === 'dark' ? '#374151' : '#E5E7EB';
  const fmt = (v: number) => formatValue(v, chart.format);
  const base: ApexOptions = {
    chart: { toolbar: { show: false }, animations: { enabled: false }, foreColor: text, fontFamily: 'inherit', zoom: { enabled: false } },
    grid: { borderColor: grid }, legend: { position: 'top', horizontalAlign: 'left' }, dataLabels: { enabled: false },
    yaxis: { title: { text: chart.yLabel }, labels: { formatter: fmt } }, tooltip: { theme },
  };
  const timeAxis: ApexXAxis = { type: 'category', tickAmount: 8, labels: { rotate: 0, hideOverlappingLabels: true, formatter: (v: string) => (/^\d{4}-\d{2}(-\d{2})?$/.test(v) ? formatValue(v, 'month') : v) } };
  switch (chart.kind) {
    case 'band': {
      const pts = chart.points;
      const range = (lo: 'lo80' | 'lo95', hi: 'hi80' | 'hi95') => pts.map((p) => ({ x: p.t, y: p[lo] !== null && p[hi] !== null ? [p[lo] as number, p[hi] as number] : null }));
      return {
        type: 'rangeArea',
        series: [
          { name: '95% range', type: 'rangeArea', data: range('lo95', 'hi95') },
          { name: '80% range', type: 'rangeArea', data: range('lo80', 'hi80') },
          { name: 'Actual', type: 'line', data: pts.map((p) => ({ x: p.t, y: p.actual })) },
          { name: 'Forecast', type: 'line', data: pts.map((p) => ({ x: p.t, y: p.mean })) },
        ] as ApexAxisChartSeries,
        options: {
          ...base, colors: [palette[0], palette[0], palette[6], palette[0]],
          fill: { opacity: [0.15, 0.3, 1, 1] }, stroke: { curve: 'straight', width: [0, 0, 2, 2], dashArray: [0, 0, 0, 5] },
          xaxis: timeAxis,
        },
      };
    }
    case 'markers': {
      return {
        type: 'line',
        series: [
          { name: chart.yLabel, type: 'line', data: chart.points.map((p) => ({ x: p.t, y: p.value })) },
          { name: 'Unusual', type: 'scatter', data: chart.points.map((p) => ({ x: p.t, y: p.flagged ? p.value : null })) },
        ] as ApexAxisChartSeries,
        options: {
          ...base, colors: [palette[0], palette[5]], stroke: { width: [2, 0], curve: 'straight' },
          markers: { size: [0, 7], strokeWidth: 2, hover: { size: 9 } },
          xaxis: timeAxis,
        },
      };
    }
    case 'contributions':
      return {
        type: 'bar',
        series: [{ name: 'Contribution to the change', data: chart.bars.map((b) => ({ x: b.label, y: b.contribution, fillColor: b.contribution < 0 ? palette[5] : palette[2] })) }],
        options: {
          ...base, legend: { show: false },
          plotOptions: { bar: { horizontal: true, barHeight: '60%', dataLabels: { position: 'top' } } },
          dataLabels: { enabled: true, formatter: (v: number) => `${v < 0 ? '▼ ' : '▲ '}${formatValue(Math.abs(v), chart.format)}`, style: { colors: [text], fontWeight: 500 }, offsetX: 28 },
          xaxis: { labels: { formatter: (v: string) => formatValue(Number(v), chart.format) }, title: { text: `Change in ${chart.yLabel}, ${chart.before.label} → ${chart.after.label}` } },
          yaxis: { labels: { maxWidth: 220 } },
        },
      };
    case 'groups':
      return {
        type: 'bar',
        series: [{ name: `Average ${chart.yLabel}`, data: chart.groups.map((g) => ({ x: g.label, y: g.mean })) }],
        options: { ...base, colors: [palette[0]], legend: { show: false }, plotOptions: { bar: { columnWidth: '40%' } }, dataLabels: { enabled: true, formatter: (v: number) => fmt(v), style: { colors: [text] } } },
      };
    case 'scatter':
      return {
        type: 'scatter',
        series: [{ name: chart.yLabel, data: chart.points.map((p) => ({ x: p.x, y: p.y })) }],
        options: { ...base, colors: [palette[0]], legend: { show: false }, xaxis: { type: 'numeric', title: { text: chart.xLabel }, labels: { formatter: (v: string) => formatValue(Number(v), chart.xFormat) } } },
      };
  }
}
