import { describe, expect, it } from 'vitest';
import type { Insight, StoredInsight } from '../../../shared/api/domains/insights';
import { executiveSummary } from './executiveSummary';

function stored(id: string, over: Partial<Insight>, createdAt = '2026-03-10T10:00:00.000Z'): StoredInsight {
  const insight: Insight = {
    kind: 'anomalies', headline: `Finding ${id}`, summary: '', statistics: '', metric: { name: 'Revenue', format: 'currency' },
    confidence: 0.8, confidenceLabel: 'likely', impact: null, priority: 'medium', significant: true,
    evidence: { method: 'm', inputs: [], parameters: {}, numbers: [], queries: [], scope: [] },
    recommendations: [{ action: `Act on ${id}`, expectedOutcome: 'o', metricToWatch: 'Revenue', basis: id }], period: null, ...over,
  };
  return { id, projectId: 'p', sourceId: 's', messageId: null, createdAt, insight };
}

describe('executive summary of a period', () => {
  const records = [
    stored('a', { priority: 'low' }),
    stored('b', { priority: 'urgent', impact: { value: -5000, text: '−$5.0k', description: 'lost' } }),
    stored('c', { priority: 'high', impact: { value: 9000, text: '$9.0k', description: 'gain' } }),
    stored('d', { priority: 'urgent', significant: false }),
    stored('old', { priority: 'urgent' }, '2025-01-01T00:00:00.000Z'),
    stored('about-jan', { priority: 'high', period: { start: '2026-01-01', end: '2026-02-01', label: 'January 2026' } }),
  ];

  it('ranks findings by priority then impact, flags only significant urgent ones, and keeps to the period', () => {
    const summary = executiveSummary(records, { from: '2026-03-01', to: '2026-03-31' });
    expect(summary.keyFindings.map((f) => f.insightId)).toEqual(['b', 'c', 'a']);
    expect(summary.urgent.map((u) => u.insightId)).toEqual(['b']);
    expect(summary.headline).toContain('1 urgent finding');
    expect(summary.actions[0]).toMatchObject({ action: 'Act on b', insightId: 'b', priority: 'urgent' });
    expect(summary.counts.insights).toBe(4);
  });

  it('places an insight by the period it is about, not only when it was created', () => {
    const summary = executiveSummary(records, { from: '2026-01-15', to: '2026-01-20' });
    expect(summary.keyFindings.map((f) => f.insightId)).toEqual(['about-jan']);
  });

  it('says what to do when the period has no insights', () => {
    const summary = executiveSummary(records, { from: '2020-01-01', to: '2020-12-31' });
    expect(summary.keyFindings).toEqual([]);
    expect(summary.headline).toMatch(/No insights.*Ask for a forecast/);
  });
});
