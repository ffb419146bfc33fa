import { describe, expect, it } from 'vitest';
import { chooseChart } from '../../../shared/charts/choose';
import { buildChartData } from '../../../shared/charts/data';
import { PALETTE_DARK } from '../../../shared/charts/palette';
import { toApexConfig } from './apexOptions';

const byRegion = { columns: [{ name: 'region', kind: 'text' }, { name: 'revenue', kind: 'number' }], rows: [['South', 1_200_000], ['North', 4_200_000]] };

describe('toApexConfig', () => {
  it('draws a ranking as sorted horizontal bars with compact currency and exact hover values', () => {
    const spec = chooseChart(byRegion, 'revenue by region');
    const config = toApexConfig(spec, buildChartData(spec, byRegion), 'light')!;
    expect(config.type).toBe('bar');
    expect(config.options.plotOptions?.bar?.horizontal).toBe(true);
    expect(config.options.xaxis?.categories).toEqual(['North', 'South']);
    const axis = config.options.xaxis?.labels?.formatter as unknown as (v: string) => string;
    expect(axis('4200000')).toBe('$4.2M');
    const hover = (config.options.tooltip?.y as { formatter: (v: number) => string }).formatter;
    expect(hover(4_200_000)).toBe('$4,200,000.00');
  });

  it('turns animations and markers off for a big series and uses the dark palette', () => {
    const rows = Array.from({ length: 5000 }, (_, i) => [new Date(Date.UTC(2025, 0, 1) + i * 3_600_000).toISOString(), i]);
    const result = { columns: [{ name: 'hour', kind: 'datetime' }, { name: 'visits', kind: 'number' }], rows };
    const spec = chooseChart(result);
    const config = toApexConfig(spec, buildChartData(spec, result), 'dark')!;
    expect(config.type).toBe('line');
    expect(config.options.chart?.animations?.enabled).toBe(false);
    expect(config.options.markers?.size).toBe(0);
    expect(config.options.colors).toEqual([...PALETTE_DARK]);
    expect(config.options.xaxis?.type).toBe('datetime');
  });

  it('keeps animations for small charts unless reduced motion is asked for', () => {
    const spec = chooseChart(byRegion);
    const data = buildChartData(spec, byRegion);
    expect(toApexConfig(spec, data, 'light')!.options.chart?.animations?.enabled).toBe(true);
    expect(toApexConfig(spec, data, 'light', undefined, true)!.options.chart?.animations?.enabled).toBe(false);
  });
});
