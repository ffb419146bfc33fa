import { describe, expect, it } from 'vitest';
import type { ExecutiveSummary, StoredInsight } from '../api/domains/insights';
import { buildInsightsReport, chartOfInsight } from './fromInsights';
import { resolveInsightsPeriod } from './insightsPeriod';

function stored(id: string, priority: 'urgent' | 'low', headline: string, createdAt: string): StoredInsight {
  return {
    id, projectId: 'p1', sourceId: 's1', messageId: null, createdAt,
    insight: {
      kind: 'anomalies', headline, summary: 'A value far outside its expected range. Worth a look.', statistics: 'z = 4.1', metric: { name: 'Revenue', format: 'currency' },
      confidence: 0.9, confidenceLabel: 'Very likely', impact: { value: -1200, text: '−$1,200', description: 'Below the expected value.' }, priority, significant: true,
      evidence: { method: 'Seasonal decomposition with robust bands', inputs: [], parameters: {}, numbers: [{ label: 'Actual', value: 800, text: '$800.00' }], queries: [{ purpose: 'Daily revenue', sql: 'SELECT 1', sqlHash: 'abc', rowCount: 30 }], scope: [] },
      recommendations: [{ action: 'Check the payment provider.', expectedOutcome: 'Revenue back in range.', metricToWatch: 'Daily revenue', basis: '3 March' }],
      chart: { kind: 'markers', title: 'Revenue by day', format: 'currency', yLabel: 'Revenue', points: [{ t: '2026-03-01', value: 2000, expected: 2000, lo: 1500, hi: 2500, flagged: false }, { t: '2026-03-02', value: 800, expected: 2000, lo: 1500, hi: 2500, flagged: true }] },
      period: { start: '2026-03-01', end: '2026-03-03', label: 'March 2026' },
    },
  };
}

const request = { title: 'Insights', audience: 'analyst' as const, organization: { name: 'Acme' }, preparedBy: 'Aiser', generatedAt: '2026-04-02T08:00:00.000Z', viewerSeesSql: false };

describe('reports of insights', () => {
  it('resolves windows to whole UTC days and labels them', () => {
    const now = new Date('2026-04-15T10:00:00Z');
    expect(resolveInsightsPeriod({}, now)).toMatchObject({ from: '2026-03-01', to: '2026-03-31' });
    expect(resolveInsightsPeriod({ window: 'last-month' }, new Date('2026-01-05T00:00:00Z'))).toMatchObject({ from: '2025-12-01', to: '2025-12-31' });
    expect(resolveInsightsPeriod({ window: 'month-to-date' }, now)).toMatchObject({ from: '2026-04-01', to: '2026-04-15' });
    expect(resolveInsightsPeriod({ window: 'last-7-days' }, now)).toMatchObject({ from: '2026-04-08', to: '2026-04-14' });
    expect(() => resolveInsightsPeriod({ from: '2026-04-10', to: '2026-04-01' }, now)).toThrow(/swap the dates/);
  });

  it('draws an insight chart as native time series with the points it was computed on', () => {
    const chart = chartOfInsight(stored('a', 'low', 'x', '2026-03-05T00:00:00Z').insight.chart!);
    expect(chart?.data.kind).toBe('time');
    expect(chart?.data.kind === 'time' && chart.data.series[0].data.map((p) => p[1])).toEqual([2000, 800]);
  });

  it('leads with the summary’s key findings, flags urgent ones, keeps evidence as stored and hides SQL from a reader who may not see it', () => {
    const records = [stored('low', 'low', 'Orders steady', '2026-03-04T00:00:00Z'), stored('urgent', 'urgent', 'Revenue fell on 2 March', '2026-03-05T00:00:00Z')];
    const summary: ExecutiveSummary = {
      period: { from: '2026-03-01', to: '2026-03-31' }, headline: '1 urgent finding from 2026-03-01 to 2026-03-31: Revenue fell on 2 March',
      keyFindings: [{ insightId: 'urgent', headline: 'Revenue fell on 2 March', priority: 'urgent', impact: '−$1,200', confidenceLabel: 'Very likely' }],
      urgent: [{ insightId: 'urgent', headline: 'Revenue fell on 2 March' }], actions: [], counts: { insights: 2, byKind: {}, byPriority: {} },
    };
    const report = buildInsightsReport(request, records, summary, new Map([['s1', 'Sales']]));
    expect(report.summary.headline).toBe(summary.headline);
    expect(report.findings.map((f) => f.id)).toEqual(['urgent', 'low']);
    expect(report.urgent).toEqual([{ findingId: 'urgent', text: 'Revenue fell on 2 March (−$1,200)' }]);
    expect(report.findings[0].evidence).toEqual([{ label: 'Actual', value: '$800.00', raw: 800 }]);
    expect(report.recommendations[0]).toMatchObject({ findingId: 'urgent', due: '2026-04-09' });
    expect(report.appendix.queries.every((q) => q.sql === undefined && q.durationMs === null)).toBe(true);
    expect(report.findings[0].sourceName).toBe('Sales');
  });
});
