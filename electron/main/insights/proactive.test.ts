import { describe, expect, it } from 'vitest';
import type { QueryResult } from '../../../shared/api/domains/query';
import { proactiveInsights, timeSeriesOf } from './proactive';
import { nextBucket } from './series';

/** Own generated monthly series: trend, yearly season, small deterministic wiggle. */
function monthlyResult(n: number, change: (i: number, v: number) => number = (_i, v) => v): QueryResult {
  const rows: Array<[string, number]> = [];
  for (let i = 0, t = '2022-01'; i < n; i++, t = nextBucket(t, 'month')) {
    const v = 50_000 * (1 + 0.01 * i) * (1 + 0.2 * Math.sin((2 * Math.PI * i) / 12)) * (1 + 0.02 * Math.sin(i * 7.3));
    rows.push([t, change(i, v)]);
  }
  return { columns: [{ name: 'month', kind: 'text' }, { name: 'revenue', kind: 'number' }], rows, rowCount: n, truncated: false, durationMs: 1, sql: 'SELECT month, revenue FROM t', sqlHash: 'abc123' };
}

describe('proactive checks after a time-series answer', () => {
  it('recognises a one-measure time series and leaves other shapes alone', () => {
    expect(timeSeriesOf(monthlyResult(12))?.unit).toBe('month');
    expect(timeSeriesOf({ ...monthlyResult(12), columns: [{ name: 'region', kind: 'text' }, { name: 'revenue', kind: 'number' }], rows: [['Europe', 1], ['Asia', 2]] })).toBeNull();
  });

  it('adds a card when the latest complete month is far outside its expected range', () => {
    const n = 36;
    const cards = proactiveInsights(monthlyResult(n, (i, v) => (i === n - 1 ? v * 0.45 : v)), { now: '2025-01-01', format: 'currency' });
    const latest = cards.find((c) => c.kind === 'anomalies' || c.kind === 'trend-break');
    expect(latest?.headline).toMatch(/^Revenue in December 2024 was unusually low: \$[\d.]+k against an expected \$[\d.]+k\.$/);
    expect(latest?.evidence.queries[0]).toMatchObject({ sqlHash: 'abc123' });
    expect(latest?.recommendations[0].action).toContain('December 2024');
  });

  it('stays quiet when the latest month is ordinary, and never judges a month still running', () => {
    expect(proactiveInsights(monthlyResult(36), { now: '2025-01-01', format: 'currency' }).filter((c) => c.kind !== 'target')).toEqual([]);
    const running = proactiveInsights(monthlyResult(36, (i, v) => (i === 35 ? v * 0.3 : v)), { now: '2024-12-10', format: 'currency' });
    expect(running.filter((c) => c.kind === 'anomalies')).toEqual([]);
  });
});
