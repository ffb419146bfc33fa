import { describe, expect, it } from 'vitest';
import { formatDelta, formatExact, formatValue, humanizeColumn, inferFormat } from './format';

describe('formatValue', () => {
  it('compacts currency and big numbers', () => {
    expect(formatValue(13_912_345.67, 'currency')).toBe('$13.9M');
    expect(formatValue(1234, 'number')).toBe('1.2k');
    expect(formatValue(999, 'integer')).toBe('999');
    expect(formatValue(2_500_000_000, 'number')).toBe('2.5B');
    expect(formatValue(-4200, 'currency')).toBe('-$4.2k');
    expect(formatValue(12.5, 'currency')).toBe('$12.50');
  });
  it('formats percents, fractions and dates', () => {
    expect(formatValue(0.082, 'fraction-percent')).toBe('8.2%');
    expect(formatValue(42.25, 'percent')).toBe('42.3%');
    expect(formatValue('2026-04-01', 'month')).toBe('Apr 2026');
    expect(formatValue('2026-04-15', 'date')).toBe('Apr 15, 2026');
    expect(formatValue(null, 'currency')).toBe('—');
  });
  it('gives the exact value for hover', () => {
    expect(formatExact(13_912_345.67, 'currency')).toBe('$13,912,345.67');
    expect(formatExact(1234.5, 'number')).toBe('1,234.5');
  });
});

describe('formatDelta', () => {
  it('marks direction with an arrow, not colour alone', () => {
    expect(formatDelta(0.082)).toEqual({ arrow: '▲', direction: 'up', text: '▲ 8.2%' });
    expect(formatDelta(-0.031).text).toBe('▼ 3.1%');
    expect(formatDelta(0).direction).toBe('flat');
  });
});

describe('inferFormat', () => {
  it('reads the format from names, kinds and values', () => {
    expect(inferFormat('total_revenue', 'number', [100.5])).toBe('currency');
    expect(inferFormat('conversion_rate', 'number', [0.12, 0.4])).toBe('fraction-percent');
    expect(inferFormat('order_count', 'number', [3])).toBe('integer');
    expect(inferFormat('month', 'text', ['2025-01-01', '2025-02-01'])).toBe('month');
    expect(inferFormat('order_date', 'date', [])).toBe('date');
    expect(inferFormat('region', 'text', ['North'])).toBe('text');
  });
  it('humanizes column names', () => {
    expect(humanizeColumn('total_revenue')).toBe('Total revenue');
    expect(humanizeColumn('orderCount')).toBe('Order count');
    expect(humanizeColumn('revenue_jan_jun_2026')).toBe('Revenue Jan–Jun 2026');
    expect(humanizeColumn('orders_q3_2025')).toBe('Orders Q3 2025');
    expect(humanizeColumn('revenue_dec_2025')).toBe('Revenue Dec 2025');
    expect(humanizeColumn('may_visits')).toBe('May visits');
  });
});
