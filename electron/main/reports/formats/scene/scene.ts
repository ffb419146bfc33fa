import { formatDelta, formatExact, formatValue, humanizeColumn } from '../../../../../shared/charts/format';
import type { ChartSpec } from '../../../../../shared/charts/spec';
import type { ReportChart, ReportChartData } from '../../../../../shared/reports/model';
import { ellipsize, niceTicks, scale, textWidth, tickLabels } from './axis';
import { GRID, INK, MUTED, type Box, type Legend, type Primitive, type Scene } from './types';

type CategoryData = Extract<ReportChartData, { kind: 'category' }>;
type PointData = Extract<ReportChartData, { kind: 'time' | 'xy' }>;

const LABEL = 8;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A single series reads as its measure ("Revenue"), several by their own names. */
function seriesLabel(spec: ChartSpec, count: number, name: string): string {
  return count === 1 ? spec.yLabel ?? humanizeColumn(name) : name;
}

function colour(palette: readonly string[], i: number): string {
  return palette[i % palette.length];
}

function timeLabel(ms: number, spec: ChartSpec, spanMs: number): string {
  const d = new Date(ms);
  if (spec.xFormat === 'month' || spanMs > 200 * 86_400_000) return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCFullYear()).slice(2)}`;
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}`;
}

/** Value axis on the left with gridlines; returns the plot area and the y scale. */
function valueAxis(out: Primitive[], box: Box, min: number, max: number, fmt: ChartSpec['yFormat'], bottomSpace: number, includeZero = true) {
  const ticks = includeZero ? niceTicks(Math.min(0, min), Math.max(0, max)) : niceTicks(min, max);
  const labels = tickLabels(ticks, fmt, (t) => formatValue(t, fmt));
  const left = box.x + Math.max(...labels.map((l) => textWidth(l, LABEL))) + 6;
  const plot: Box = { x: left, y: box.y + 4, w: box.x + box.w - left - 4, h: box.h - bottomSpace - 4 };
  const y = scale([ticks[0], ticks[ticks.length - 1]], [plot.y + plot.h, plot.y]);
  ticks.forEach((t, i) => {
    out.push({ kind: 'line', x1: plot.x, y1: y(t), x2: plot.x + plot.w, y2: y(t), stroke: t === 0 ? MUTED : GRID, width: t === 0 ? 0.8 : 0.5 });
    out.push({ kind: 'text', x: plot.x - 4, y: y(t), text: labels[i], size: LABEL, color: MUTED, align: 'right', baseline: 'middle' });
  });
  return { plot, y };
}

function categoryChart(chart: ReportChart, data: CategoryData, box: Box, palette: readonly string[]): Primitive[] {
  const { spec } = chart;
  const out: Primitive[] = [];
  const fmt = spec.yFormat;
  const horizontal = spec.type === 'bar' || (spec.type === 'stacked-bar' && data.categories.length > 8);
  const stackTotals = data.categories.map((_, c) => data.series.reduce((sum, s) => sum + Math.max(0, s.data[c] ?? 0), 0));
  const values = data.series.flatMap((s) => s.data.filter((v): v is number => v !== null));
  const max = data.stacked ? Math.max(0, ...stackTotals) : Math.max(0, ...values);
  const min = Math.min(0, ...values);
  const n = data.categories.length;
  const lineLike = spec.type === 'line' || spec.type === 'area';
  if (horizontal) {
    const labelWidth = Math.min(box.w * 0.32, Math.max(...data.categories.map((c) => textWidth(c, LABEL))) + 6);
    const ticks = niceTicks(min, max, 4);
    const plot: Box = { x: box.x + labelWidth, y: box.y, w: box.w - labelWidth - 8, h: box.h - 14 };
    const x = scale([ticks[0], ticks[ticks.length - 1]], [plot.x, plot.x + plot.w]);
    const labels = tickLabels(ticks, fmt, (t) => formatValue(t, fmt));
    ticks.forEach((t, i) => {
      out.push({ kind: 'line', x1: x(t), y1: plot.y, x2: x(t), y2: plot.y + plot.h, stroke: t === 0 ? MUTED : GRID, width: 0.5 });
      out.push({ kind: 'text', x: x(t), y: plot.y + plot.h + 3, text: labels[i], size: LABEL, color: MUTED, align: 'center', baseline: 'top' });
    });
    const band = plot.h / Math.max(1, n);
    const barH = Math.min(18, band * 0.7);
    data.categories.forEach((cat, c) => {
      const cy = plot.y + band * c + band / 2;
      out.push({ kind: 'text', x: plot.x - 5, y: cy, text: ellipsize(cat, LABEL, labelWidth - 6), size: LABEL, color: INK, align: 'right', baseline: 'middle' });
      let offset = 0;
      data.series.forEach((s, si) => {
        const v = s.data[c];
        if (v === null) return;
        const h = data.stacked ? barH : barH / data.series.length;
        const top = data.stacked ? cy - barH / 2 : cy - barH / 2 + h * si;
        const x0 = data.stacked ? x(offset) : x(Math.min(0, v));
        const x1 = data.stacked ? x(offset + v) : x(Math.max(0, v));
        if (data.stacked) offset += v;
        out.push({ kind: 'rect', x: x0, y: top, w: Math.max(0.5, x1 - x0), h, fill: colour(palette, si), series: si, tip: `${cat} · ${seriesLabel(spec, data.series.length, s.name)}: ${formatExact(v, fmt)}` });
      });
      if (data.series.length === 1 && !data.stacked && n <= 15) {
        const v = data.series[0].data[c];
        if (v !== null) out.push({ kind: 'text', x: x(Math.max(0, v)) + 3, y: cy, text: formatValue(v, fmt), size: LABEL, color: INK, align: 'left', baseline: 'middle' });
      }
    });
    return out;
  }
  const rotate = n > 6;
  const { plot, y } = valueAxis(out, box, min, max, fmt, 16);
  const band = plot.w / Math.max(1, n);
  const every = Math.max(1, Math.ceil((n * textWidth('Mmm 00', LABEL)) / plot.w));
  data.categories.forEach((cat, c) => {
    if (c % every === 0 || !rotate) out.push({ kind: 'text', x: plot.x + band * c + band / 2, y: plot.y + plot.h + 3, text: ellipsize(cat, LABEL, rotate ? band * every : band - 2), size: LABEL, color: INK, align: 'center', baseline: 'top' });
  });
  if (lineLike) {
    data.series.forEach((s, si) => {
      const pts = s.data.map((v, c) => (v === null ? null : ([plot.x + band * c + band / 2, y(v)] as [number, number]))).filter((p): p is [number, number] => p !== null);
      out.push({ kind: 'path', points: pts, stroke: colour(palette, si), width: 1.8, series: si });
      s.data.forEach((v, c) => { if (v !== null) out.push({ kind: 'circle', cx: plot.x + band * c + band / 2, cy: y(v), r: 2.2, fill: colour(palette, si), series: si, tip: `${data.categories[c]} · ${seriesLabel(spec, data.series.length, s.name)}: ${formatExact(v, fmt)}` }); });
    });
    return out;
  }
  const barW = Math.min(40, band * 0.7);
  data.categories.forEach((cat, c) => {
    let offset = 0;
    data.series.forEach((s, si) => {
      const v = s.data[c];
      if (v === null) return;
      const w = data.stacked ? barW : barW / data.series.length;
      const left = plot.x + band * c + (band - barW) / 2 + (data.stacked ? 0 : w * si);
      const y0 = data.stacked ? y(offset) : y(Math.max(0, v));
      const y1 = data.stacked ? y(offset + v) : y(Math.min(0, v));
      if (data.stacked) offset += v;
      out.push({ kind: 'rect', x: left, y: Math.min(y0, y1), w, h: Math.max(0.5, Math.abs(y1 - y0)), fill: colour(palette, si), series: si, tip: `${cat} · ${seriesLabel(spec, data.series.length, s.name)}: ${formatExact(v, fmt)}` });
    });
  });
  return out;
}

function pointChart(chart: ReportChart, data: PointData, box: Box, palette: readonly string[]): Primitive[] {
  const { spec } = chart;
  const out: Primitive[] = [];
  const all = data.series.flatMap((s) => s.data);
  if (!all.length) return out;
  const xs = all.map((p) => p[0]);
  const ys = all.map((p) => p[1]);
  const isTime = data.kind === 'time';
  const fromZero = !isTime || spec.type === 'area' || Math.min(...ys) <= 0;
  const minY = fromZero ? Math.min(0, ...ys) : Math.min(...ys);
  const { plot, y } = valueAxis(out, box, minY, Math.max(...ys), spec.yFormat, 16, fromZero);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const x = scale([x0, x1 === x0 ? x0 + 1 : x1], [plot.x + 16, plot.x + plot.w - 20]);
  const tickCount = Math.max(2, Math.min(8, Math.floor(plot.w / 60)));
  for (let i = 0; i < tickCount; i++) {
    const v = x0 + ((x1 - x0) * i) / (tickCount - 1);
    const text = isTime ? timeLabel(v, spec, x1 - x0) : formatValue(v, spec.xFormat);
    out.push({ kind: 'text', x: x(v), y: plot.y + plot.h + 3, text, size: LABEL, color: MUTED, align: 'center', baseline: 'top' });
  }
  const base = y(fromZero ? 0 : minY);
  data.series.forEach((s, si) => {
    const pts = s.data.map((p) => [x(p[0]), y(p[1])] as [number, number]);
    const tipOf = (p: [number, number]) => `${isTime ? formatValue(new Date(p[0]).toISOString().slice(0, 10), spec.xFormat === 'month' ? 'month' : 'date') : formatExact(p[0], spec.xFormat)} · ${seriesLabel(spec, data.series.length, s.name)}: ${formatExact(p[1], spec.yFormat)}`;
    if (!isTime) {
      s.data.forEach((p, i) => out.push({ kind: 'circle', cx: pts[i][0], cy: pts[i][1], r: 2.4, fill: colour(palette, si), series: si, tip: tipOf(p) }));
      return;
    }
    if (spec.type === 'area' && pts.length) out.push({ kind: 'path', points: [[pts[0][0], base], ...pts, [pts[pts.length - 1][0], base]], stroke: 'none', width: 0, fill: colour(palette, si), opacity: 0.18, series: si });
    out.push({ kind: 'path', points: pts, stroke: colour(palette, si), width: 1.8, series: si });
    const step = Math.max(1, Math.ceil(pts.length / 60));
    s.data.forEach((p, i) => { if (i % step === 0 || i === pts.length - 1) out.push({ kind: 'circle', cx: pts[i][0], cy: pts[i][1], r: pts.length > 30 ? 1.4 : 2.2, fill: colour(palette, si), series: si, tip: tipOf(p) }); });
  });
  return out;
}

function pieChart(chart: ReportChart, data: Extract<ReportChartData, { kind: 'pie' }>, box: Box, palette: readonly string[]): Primitive[] {
  const out: Primitive[] = [];
  const total = data.values.reduce((a, b) => a + b, 0) || 1;
  const r = Math.min(box.w * 0.5, box.h) / 2 - 4;
  const cx = box.x + r + 8;
  const cy = box.y + box.h / 2;
  let angle = -Math.PI / 2;
  data.values.forEach((v, i) => {
    const sweep = (v / total) * Math.PI * 2;
    out.push({ kind: 'slice', cx, cy, r, inner: r * 0.58, start: angle, end: angle + sweep, fill: colour(palette, i), series: i, tip: `${data.labels[i]}: ${formatExact(v, chart.spec.yFormat)} (${formatValue(v / total, 'fraction-percent')})` });
    angle += sweep;
  });
  out.push({ kind: 'text', x: cx, y: cy, text: formatValue(total, chart.spec.yFormat), size: 11, color: INK, align: 'center', baseline: 'middle', bold: true });
  const lx = cx + r + 16;
  data.labels.forEach((label, i) => {
    const ly = box.y + 10 + i * 16;
    out.push({ kind: 'rect', x: lx, y: ly - 4, w: 8, h: 8, fill: colour(palette, i), series: i });
    out.push({ kind: 'text', x: lx + 12, y: ly, text: `${ellipsize(label, LABEL + 1, box.x + box.w - lx - 70)}  ${formatValue(data.values[i] / total, 'fraction-percent')}`, size: LABEL + 1, color: INK, align: 'left', baseline: 'middle' });
  });
  return out;
}

function kpiChart(chart: ReportChart, data: Extract<ReportChartData, { kind: 'kpi' }>, box: Box): Primitive[] {
  const out: Primitive[] = [{ kind: 'text', x: box.x + box.w / 2, y: box.y + box.h / 2 - 8, text: formatExact(data.value, chart.spec.yFormat), size: 30, color: INK, align: 'center', baseline: 'middle', bold: true }];
  const delta = chart.spec.delta;
  if (delta) {
    const d = formatDelta(delta.value, delta.format ?? 'fraction-percent');
    out.push({ kind: 'text', x: box.x + box.w / 2, y: box.y + box.h / 2 + 22, text: `${d.text} ${delta.label}`, size: 11, color: d.direction === 'down' ? '#B91C1C' : d.direction === 'up' ? '#047857' : MUTED, align: 'center', baseline: 'middle' });
  }
  return out;
}

function boxPlot(chart: ReportChart, data: Extract<ReportChartData, { kind: 'box' }>, box: Box, palette: readonly string[]): Primitive[] {
  const out: Primitive[] = [];
  const { min, q1, median, q3, max } = data.stats;
  const ticks = niceTicks(min, max, 5);
  const x = scale([ticks[0], ticks[ticks.length - 1]], [box.x + 10, box.x + box.w - 10]);
  const cy = box.y + box.h / 2 - 8;
  const fmt = chart.spec.yFormat;
  ticks.forEach((t) => out.push({ kind: 'text', x: x(t), y: box.y + box.h - 12, text: formatValue(t, fmt), size: LABEL, color: MUTED, align: 'center', baseline: 'top' }));
  out.push({ kind: 'line', x1: x(min), y1: cy, x2: x(max), y2: cy, stroke: MUTED, width: 1 });
  out.push({ kind: 'rect', x: x(q1), y: cy - 18, w: Math.max(1, x(q3) - x(q1)), h: 36, fill: colour(palette, 0), series: 0, tip: `Quartiles ${formatExact(q1, fmt)} – ${formatExact(q3, fmt)}; median ${formatExact(median, fmt)}` });
  out.push({ kind: 'line', x1: x(median), y1: cy - 18, x2: x(median), y2: cy + 18, stroke: '#FFFFFF', width: 2 });
  return out;
}

/** Lays a report chart out in a box. */
export function drawChart(chart: ReportChart, box: Box, palette: readonly string[]): Scene {
  const { data, spec } = chart;
  let legend: Legend[] = [];
  let primitives: Primitive[];
  switch (data.kind) {
    case 'category':
      primitives = categoryChart(chart, data, box, palette);
      if (data.series.length > 1) legend = data.series.map((s, i) => ({ name: s.name, color: colour(palette, i) }));
      break;
    case 'time':
    case 'xy':
      primitives = pointChart(chart, data, box, palette);
      if (data.series.length > 1) legend = data.series.map((s, i) => ({ name: s.name, color: colour(palette, i) }));
      break;
    case 'pie':
      primitives = pieChart(chart, data, box, palette);
      break;
    case 'histogram':
      primitives = categoryChart({ spec: { ...spec, type: 'column', yFormat: 'integer' }, data }, { kind: 'category', categories: data.categories, series: [{ name: 'Count', data: data.bins.map((b) => b.count) }], stacked: false, truncatedCategories: 0 }, box, palette);
      break;
    case 'box':
      primitives = boxPlot(chart, data, box, palette);
      break;
    case 'kpi':
      primitives = kpiChart(chart, data, box);
      break;
  }
  return { primitives, legend, description: describe(chart) };
}

function describe(chart: ReportChart): string {
  const { data, spec } = chart;
  const fmt = spec.yFormat;
  switch (data.kind) {
    case 'category': return `${spec.type} chart: ${data.categories.slice(0, 8).map((c, i) => `${c} ${formatValue(data.series[0]?.data[i] ?? null, fmt)}`).join(', ')}`;
    case 'pie': return `donut chart: ${data.labels.map((l, i) => `${l} ${formatValue(data.values[i], fmt)}`).join(', ')}`;
    case 'kpi': return `figure: ${formatExact(data.value, fmt)}`;
    default: return `${spec.type} chart of ${spec.yLabel ?? spec.y.join(', ')}`;
  }
}
