import { describe, expect, it } from 'vitest';
import { chooseChart, switchChartType } from './choose';
import { buildChartData, donutSlices } from './data';
import { detectIntent } from './intent';

const byRegion = {
  columns: [{ name: 'region', kind: 'text' }, { name: 'revenue', kind: 'number' }],
  rows: [['South', 1_200_000], ['North', 4_200_000], ['West', 2_000_000]],
};

describe('chooseChart', () => {
  it('ranks categories with sorted bars and states the leader in the title', () => {
    const spec = chooseChart(byRegion, 'revenue by region');
    expect(spec.type).toBe('bar');
    expect(spec.title).toBe('North leads revenue with $4.2M');
    expect(spec.yFormat).toBe('currency');
    expect(spec.alternatives.map((a) => a.type)).toContain('donut');
    const data = buildChartData(spec, byRegion);
    expect(data.kind === 'category' && data.categories).toEqual(['North', 'West', 'South']);
  });
  it('uses a line for time, left to right, with the change in the title', () => {
    const result = { columns: [{ name: 'month', kind: 'date' }, { name: 'revenue', kind: 'number' }], rows: [['2026-02-01', 110], ['2026-01-01', 100]] };
    const spec = chooseChart(result, 'revenue by month');
    expect(spec.type).toBe('line');
    expect(spec.title).toBe('Revenue rose 10% over the period');
    const data = buildChartData(spec, result);
    expect(data.kind === 'time' && data.series[0].data.map((p) => p[1])).toEqual([100, 110]);
  });
  it('shows shares as a donut with at most 6 slices, the rest as Other', () => {
    const rows = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((l, i) => [l, 10 - i]);
    const spec = chooseChart({ columns: byRegion.columns, rows }, 'share of revenue by category');
    expect(spec.type).toBe('donut');
    const data = buildChartData(spec, { columns: byRegion.columns, rows });
    expect(data.kind === 'pie' && data.labels).toEqual(['a', 'b', 'c', 'd', 'e', 'Other']);
    expect(donutSlices(['x', 'y'], [1, 2]).labels).toEqual(['y', 'x']);
  });
  it('makes a KPI with a delta from a single row', () => {
    const spec = chooseChart({ columns: [{ name: 'revenue', kind: 'number' }, { name: 'previous_revenue', kind: 'number' }], rows: [[108.2, 100]] });
    expect(spec.type).toBe('kpi');
    expect(spec.delta?.value).toBeCloseTo(0.082);
    expect(spec.title).toBe('Revenue: $108');
  });
  it('plots two measures as a scatter with the correlation', () => {
    const rows = Array.from({ length: 20 }, (_, i) => [i, i * 2 + 1]);
    const spec = chooseChart({ columns: [{ name: 'discount', kind: 'number' }, { name: 'units', kind: 'number' }], rows }, 'discount vs units');
    expect(spec.type).toBe('scatter');
    expect(spec.subtitle).toContain('r = 1.00');
  });
  it('shows a lone measure as a histogram, or a box for a distribution question on few rows', () => {
    const rows = Array.from({ length: 100 }, (_, i) => [i % 17]);
    const columns = [{ name: 'amount', kind: 'number' }];
    expect(chooseChart({ columns, rows }).type).toBe('histogram');
    expect(chooseChart({ columns, rows: rows.slice(0, 20) }, 'distribution of amount').type).toBe('box');
  });
  it('downsamples a million points to a few thousand', () => {
    const n = 1_000_000;
    const rows = Array.from({ length: n }, (_, i) => [new Date(Date.UTC(2020, 0, 1) + i * 60_000).toISOString(), Math.sin(i / 5000)]);
    const result = { columns: [{ name: 'ts', kind: 'datetime' }, { name: 'value', kind: 'number' }], rows };
    const spec = chooseChart(result);
    const data = buildChartData(spec, result);
    expect(data.kind).toBe('time');
    if (data.kind === 'time') {
      expect(data.downsampled).toBe(true);
      expect(data.series[0].data.length).toBeLessThanOrEqual(2000);
      expect(data.sourcePoints).toBe(n);
    }
  });
  it('keeps peaks and the real timestamps when downsampling an ordered series', () => {
    const start = Date.UTC(2025, 0, 1);
    const rows = Array.from({ length: 10_000 }, (_, i) => [new Date(start + i * 3_600_000).toISOString(), i === 4321 ? 999 : i % 24]);
    const result = { columns: [{ name: 'hour', kind: 'datetime' }, { name: 'visits', kind: 'number' }], rows };
    const data = buildChartData(chooseChart(result), result);
    if (data.kind !== 'time') throw new Error('expected a time series');
    const points = data.series[0].data;
    expect(points[0][0]).toBe(start);
    expect(points[points.length - 1][0]).toBe(start + 9_999 * 3_600_000);
    expect(points).toContainEqual([start + 4321 * 3_600_000, 999]);
  });
  it('switches to an alternative keeping the reason', () => {
    const spec = chooseChart(byRegion);
    const donut = switchChartType(spec, 'donut', byRegion);
    expect(donut.type).toBe('donut');
    expect(donut.alternatives.map((a) => a.type)).toContain('bar');
    expect(donut.title).toContain('North makes up');
  });
  it('falls back to a table without measures', () => {
    expect(chooseChart({ columns: [{ name: 'name', kind: 'text' }], rows: [['x']] }).type).toBe('table');
  });
});

describe('detectIntent', () => {
  it('reads intent from the question', () => {
    expect(detectIntent('top 5 products by revenue')).toBe('ranking');
    expect(detectIntent('revenue by month')).toBe('trend');
    expect(detectIntent('share of orders by channel')).toBe('share');
    expect(detectIntent('price vs quantity')).toBe('correlation');
  });
});
