import type { Cell } from './format';
import { lttb, MAX_CHART_POINTS } from './lttb';
import { type ResultLike, numbersOf } from './shape';
import type { ChartSpec } from './spec';

export const MAX_DONUT_SLICES = 6;
export const OTHER_LABEL = 'Other';
const MAX_CATEGORIES = 50;

export interface NamedSeries<T> { name: string; data: T[] }
export type ChartData =
  | { kind: 'category'; categories: string[]; series: NamedSeries<number | null>[]; stacked: boolean; truncatedCategories: number }
  | { kind: 'time'; series: NamedSeries<[number, number]>[]; sourcePoints: number; downsampled: boolean }
  | { kind: 'xy'; series: NamedSeries<[number, number]>[]; sourcePoints: number; downsampled: boolean }
  | { kind: 'pie'; labels: string[]; values: number[] }
  | { kind: 'histogram'; categories: string[]; bins: Array<{ from: number; to: number; count: number }> }
  | { kind: 'box'; name: string; stats: { min: number; q1: number; median: number; q3: number; max: number } }
  | { kind: 'kpi'; value: number | null }
  | { kind: 'table' };

function columnIndex(result: ResultLike, name: string | undefined): number {
  return name === undefined ? -1 : result.columns.findIndex((c) => c.name === name);
}

function toNumber(v: Cell | undefined): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/** Milliseconds for a time cell: ISO date text, epoch numbers or a bare year. */
export function timeOf(v: Cell | undefined): number | null {
  if (typeof v === 'number') return v > 1900 && v < 2200 ? Date.UTC(v, 0, 1) : v;
  if (typeof v !== 'string') return null;
  const text = /^\d{4}-\d{2}$/.test(v) ? `${v}-01` : v;
  const ms = Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text);
  return Number.isNaN(ms) ? null : ms;
}

function labelOf(v: Cell | undefined): string {
  return v === null || v === undefined ? '(blank)' : String(v);
}

/** Points evenly spread across a long series (scatter: LTTB needs an ordered x). */
function stride<T>(items: T[], limit: number): T[] {
  if (items.length <= limit) return items;
  const step = items.length / limit;
  return Array.from({ length: limit }, (_, i) => items[Math.floor(i * step)]);
}

/** Fast path for one long series whose ISO timestamps are already in order: downsample by row
 *  position first and parse only the dates that survive (parsing a million dates is the slow part). */
function longSortedSeries(spec: ChartSpec, result: ResultLike, xi: number): ChartData | null {
  const yi = columnIndex(result, spec.y[0]);
  const rows = result.rows;
  if (spec.series || spec.y.length !== 1 || yi < 0 || rows.length <= MAX_CHART_POINTS) return null;
  const first = rows[0][xi];
  if (typeof first !== 'string') return null;
  const ys = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const x = rows[i][xi];
    const y = rows[i][yi];
    if (typeof x !== 'string' || x.length !== first.length || typeof y !== 'number' || (i > 0 && x < (rows[i - 1][xi] as string))) return null;
    ys[i] = y;
  }
  const positions = Array.from({ length: rows.length }, (_, i) => i);
  const reduced = lttb(positions, ys, MAX_CHART_POINTS);
  const data: Array<[number, number]> = [];
  for (let k = 0; k < reduced.x.length; k++) {
    const t = timeOf(rows[reduced.x[k]][xi]);
    if (t === null) return null;
    data.push([t, reduced.y[k]]);
  }
  return { kind: 'time', series: [{ name: spec.y[0], data }], sourcePoints: rows.length, downsampled: true };
}

function timeData(spec: ChartSpec, result: ResultLike): ChartData {
  const xi = columnIndex(result, spec.x);
  const fast = longSortedSeries(spec, result, xi);
  if (fast) return fast;
  const si = columnIndex(result, spec.series);
  const groups = new Map<string, Array<[number, number]>>();
  const measures = spec.y.map((name) => ({ name, index: columnIndex(result, name) })).filter((m) => m.index >= 0);
  for (const row of result.rows) {
    const t = timeOf(row[xi]);
    if (t === null) continue;
    for (const m of measures) {
      const v = toNumber(row[m.index]);
      if (v === null) continue;
      const key = si >= 0 ? labelOf(row[si]) : m.name;
      let points = groups.get(key);
      if (!points) groups.set(key, (points = []));
      points.push([t, v]);
    }
  }
  let sourcePoints = 0;
  let downsampled = false;
  const series = [...groups.entries()].map(([name, points]) => {
    if (!isSortedByX(points)) points.sort((a, b) => a[0] - b[0]);
    sourcePoints += points.length;
    if (points.length <= MAX_CHART_POINTS) return { name, data: points };
    downsampled = true;
    const reduced = lttb(points.map((p) => p[0]), points.map((p) => p[1]), MAX_CHART_POINTS);
    return { name, data: reduced.x.map((x, i) => [x, reduced.y[i]] as [number, number]) };
  });
  return { kind: 'time', series, sourcePoints, downsampled };
}

function isSortedByX(points: Array<[number, number]>): boolean {
  for (let i = 1; i < points.length; i++) if (points[i][0] < points[i - 1][0]) return false;
  return true;
}

function categoryData(spec: ChartSpec, result: ResultLike, sortDescending: boolean): ChartData {
  const xi = columnIndex(result, spec.x);
  const si = columnIndex(result, spec.series);
  const measures = spec.y.map((name) => ({ name, index: columnIndex(result, name) })).filter((m) => m.index >= 0);
  if (si >= 0 && measures.length) {
    const categories: string[] = [];
    const seriesNames: string[] = [];
    const cells = new Map<string, number>();
    for (const row of result.rows) {
      const c = labelOf(row[xi]);
      const s = labelOf(row[si]);
      if (!categories.includes(c)) categories.push(c);
      if (!seriesNames.includes(s)) seriesNames.push(s);
      cells.set(`${c}\u0000${s}`, (cells.get(`${c}\u0000${s}`) ?? 0) + (toNumber(row[measures[0].index]) ?? 0));
    }
    const shown = categories.slice(0, MAX_CATEGORIES);
    return {
      kind: 'category', categories: shown, stacked: true, truncatedCategories: categories.length - shown.length,
      series: seriesNames.map((name) => ({ name, data: shown.map((c) => cells.get(`${c}\u0000${name}`) ?? null) })),
    };
  }
  let rows = result.rows.map((row) => ({ label: labelOf(row[xi]), values: measures.map((m) => toNumber(row[m.index])) }));
  if (sortDescending) rows = [...rows].sort((a, b) => (b.values[0] ?? -Infinity) - (a.values[0] ?? -Infinity));
  const shown = rows.slice(0, MAX_CATEGORIES);
  return {
    kind: 'category', categories: shown.map((r) => r.label), stacked: false, truncatedCategories: rows.length - shown.length,
    series: measures.map((m, i) => ({ name: m.name, data: shown.map((r) => r.values[i]) })),
  };
}

/** Slices sorted largest first; beyond 6, the rest is grouped as "Other". */
export function donutSlices(labels: string[], values: number[], maxSlices = MAX_DONUT_SLICES): { labels: string[]; values: number[] } {
  const pairs = labels.map((label, i) => ({ label, value: values[i] })).sort((a, b) => b.value - a.value);
  if (pairs.length <= maxSlices) return { labels: pairs.map((p) => p.label), values: pairs.map((p) => p.value) };
  const kept = pairs.slice(0, maxSlices - 1);
  const other = pairs.slice(maxSlices - 1).reduce((sum, p) => sum + p.value, 0);
  return { labels: [...kept.map((p) => p.label), OTHER_LABEL], values: [...kept.map((p) => p.value), other] };
}

function quantile(sorted: number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Equal-width bins; the count follows Sturges' rule (5–30 bins). */
export function histogramBins(values: number[]): Array<{ from: number; to: number; count: number }> {
  if (!values.length) return [];
  let min = Infinity, max = -Infinity;
  for (const v of values) { if (v < min) min = v; if (v > max) max = v; }
  if (min === max) return [{ from: min, to: max, count: values.length }];
  const binCount = Math.min(30, Math.max(5, Math.ceil(Math.log2(values.length) + 1)));
  const width = (max - min) / binCount;
  const bins = Array.from({ length: binCount }, (_, i) => ({ from: min + i * width, to: min + (i + 1) * width, count: 0 }));
  for (const v of values) bins[Math.min(binCount - 1, Math.floor((v - min) / width))].count++;
  return bins;
}

export function boxStats(values: number[]): { min: number; q1: number; median: number; q3: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { min: sorted[0], q1: quantile(sorted, 0.25), median: quantile(sorted, 0.5), q3: quantile(sorted, 0.75), max: sorted[sorted.length - 1] };
}

const cache = new WeakMap<ResultLike, Map<string, ChartData>>();

/** Turns a result and its spec into the series a chart draws (sorted, grouped, downsampled).
 *  Memoised per result object: the title and the chart of a million-row result share one pass. */
export function buildChartData(spec: ChartSpec, result: ResultLike): ChartData {
  const key = JSON.stringify([spec.type, spec.x, spec.y, spec.series, spec.xFormat]);
  let perResult = cache.get(result);
  if (!perResult) cache.set(result, (perResult = new Map()));
  const cached = perResult.get(key);
  if (cached) return cached;
  const data = computeChartData(spec, result);
  perResult.set(key, data);
  return data;
}

function computeChartData(spec: ChartSpec, result: ResultLike): ChartData {
  const yi = columnIndex(result, spec.y[0]);
  switch (spec.type) {
    case 'line':
    case 'area':
      if (spec.xFormat === 'date' || spec.xFormat === 'month' || result.rows.every((r) => timeOf(r[columnIndex(result, spec.x)]) !== null)) return timeData(spec, result);
      return categoryData(spec, result, false);
    case 'bar':
    case 'column':
      return categoryData(spec, result, spec.type === 'bar' && !spec.series && spec.xFormat !== 'date' && spec.xFormat !== 'month');
    case 'stacked-bar':
      return categoryData(spec, result, false);
    case 'donut': {
      const xi = columnIndex(result, spec.x);
      const slices = donutSlices(result.rows.map((r) => labelOf(r[xi])), result.rows.map((r) => toNumber(r[yi]) ?? 0));
      return { kind: 'pie', ...slices };
    }
    case 'scatter': {
      const xi = columnIndex(result, spec.x);
      const points: Array<[number, number]> = [];
      for (const row of result.rows) {
        const x = toNumber(row[xi]);
        const y = toNumber(row[yi]);
        if (x !== null && y !== null) points.push([x, y]);
      }
      const data = stride(points, MAX_CHART_POINTS);
      return { kind: 'xy', series: [{ name: spec.y[0], data }], sourcePoints: points.length, downsampled: data.length < points.length };
    }
    case 'histogram': {
      const bins = histogramBins(numbersOf(result, yi));
      return { kind: 'histogram', bins, categories: bins.map((b) => `${b.from.toPrecision(3)}–${b.to.toPrecision(3)}`) };
    }
    case 'box': {
      const values = numbersOf(result, yi);
      return values.length ? { kind: 'box', name: spec.y[0], stats: boxStats(values) } : { kind: 'table' };
    }
    case 'kpi':
      return { kind: 'kpi', value: result.rows.length ? toNumber(result.rows[0][yi]) : null };
    default:
      return { kind: 'table' };
  }
}
