import { describe, expect, it } from 'vitest';
import { sampleItems, sampleRequest } from '../../tests/support/reportFixtures';
import { buildReport } from './build';
import { reportSchema } from './model';

describe('buildReport', () => {
  it('states each finding’s figures exactly as the results give them and flags a steep last-step decline', () => {
    const report = reportSchema.parse(buildReport(sampleRequest(), sampleItems()));
    const region = report.findings.find((f) => f.id === 'f-region')!;
    expect(region.title).toBe('North leads revenue with $4.2M');
    expect(region.evidence[0]).toEqual({ label: 'North (highest)', value: '$4,212,345.67', raw: 4212345.67 });
    const trend = report.findings.find((f) => f.id === 'f-trend')!;
    expect(trend.urgent).toBe(true);
    expect(report.urgent[0].text).toBe('Revenue fell 20.4% in Dec 2025, to $915,000.00');
    expect(report.recommendations[0]).toEqual({ text: 'Review pricing in the West region', owner: 'Executive team', due: '2026-01-19', findingId: 'f-region' });
  });

  it('gives the board fewer findings, no tables and no SQL; the analyst gets SQL only when their role may see it', () => {
    const board = buildReport(sampleRequest({ audience: 'board' }), sampleItems());
    expect(board.findings.every((f) => !f.table)).toBe(true);
    expect(board.appendix.queries.every((q) => q.sql === undefined)).toBe(true);
    expect(board.findings.filter((f) => f.chart).length).toBeLessThanOrEqual(3);
    const analyst = buildReport(sampleRequest({ audience: 'analyst' }), sampleItems());
    expect(analyst.appendix.queries[0].sql).toContain('GROUP BY');
    const noSql = buildReport(sampleRequest({ audience: 'analyst', viewerSeesSql: false }), sampleItems());
    expect(noSql.appendix.queries.every((q) => q.sql === undefined)).toBe(true);
  });

  it('holds no more rows than it prints and names masked columns', () => {
    const executive = buildReport(sampleRequest({ audience: 'executive' }), sampleItems());
    const customers = executive.findings.find((f) => f.id === 'f-customers')!;
    expect(customers.table!.rows).toHaveLength(10);
    expect(customers.table!.totalRows).toBe(120);
    expect(customers.table!.columns.find((c) => c.name === 'email')!.masked).toBe(true);
    expect(executive.appendix.lineage.find((l) => l.findingId === 'f-customers')!.maskedColumns).toEqual(['email']);
  });
});
