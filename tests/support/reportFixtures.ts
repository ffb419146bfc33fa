import type { ReportItem, ReportRequest } from '../../shared/reports/build';

const months = ['2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12'];

/** Query results shaped like the demo workspace's, for rendering without a database. */
export function sampleItems(): ReportItem[] {
  const base = { sourceId: 'src-1', sourceName: 'Demo sales', durationMs: 12 };
  return [
    {
      ...base, id: 'f-region', title: 'Revenue by region', question: 'revenue by region', sql: 'SELECT region, SUM(amount) AS revenue FROM orders GROUP BY region',
      result: { columns: [{ name: 'region', kind: 'string' }, { name: 'revenue', kind: 'number' }], rows: [['North', 4212345.67], ['South', 3120000.5], ['East', 2875431.25], ['West', 1999999.99]], rowCount: 4, durationMs: 12, sqlHash: 'a'.repeat(64) },
      chart: { type: 'bar', title: '', x: 'region', y: ['revenue'], yFormat: 'currency', xFormat: 'text', yLabel: 'Revenue', xLabel: 'Region', alternatives: [] },
      narrative: 'North leads with the largest share. West trails the other regions.', actions: ['Review pricing in the West region'], confidence: 0.92,
    },
    {
      ...base, id: 'f-trend', title: 'Monthly revenue', question: 'monthly revenue trend', sql: 'SELECT month, SUM(amount) AS revenue FROM orders GROUP BY month ORDER BY month',
      result: { columns: [{ name: 'month', kind: 'string' }, { name: 'revenue', kind: 'number' }], rows: months.map((m, i) => [m, 900000 + i * 25000 - (i === 11 ? 260000 : 0)]), rowCount: 12, durationMs: 20, sqlHash: 'b'.repeat(64) },
      chart: { type: 'line', title: '', x: 'month', y: ['revenue'], yFormat: 'currency', xFormat: 'month', yLabel: 'Revenue', xLabel: 'Month', alternatives: [] },
      confidence: 0.88,
    },
    {
      ...base, id: 'f-share', title: 'Orders by channel', sql: 'SELECT channel, COUNT(*) AS orders FROM orders GROUP BY channel',
      result: { columns: [{ name: 'channel', kind: 'string' }, { name: 'orders', kind: 'number' }], rows: [['Online', 5400], ['Retail', 3100], ['Partner', 1500]], rowCount: 3, durationMs: 8, sqlHash: 'c'.repeat(64) },
      chart: { type: 'donut', title: '', x: 'channel', y: ['orders'], yFormat: 'integer', yLabel: 'Orders', alternatives: [] },
    },
    {
      ...base, id: 'f-customers', title: 'Top customers', sql: 'SELECT customer, email, SUM(amount) AS revenue FROM orders GROUP BY customer, email ORDER BY revenue DESC',
      result: {
        columns: [{ name: 'customer', kind: 'string' }, { name: 'email', kind: 'string', masked: true }, { name: 'revenue', kind: 'number' }],
        rows: Array.from({ length: 120 }, (_, i) => [`Customer ${String(i + 1).padStart(3, '0')}`, `c***@***.com`, 90000 - i * 500]), rowCount: 120, durationMs: 30, sqlHash: 'd'.repeat(64),
      },
      chart: { type: 'table', title: '', y: [], alternatives: [] },
    },
  ];
}

export function sampleRequest(overrides: Partial<ReportRequest> = {}): ReportRequest {
  return {
    title: 'Quarterly business review', audience: 'executive', organization: { name: 'Acme Corporation' },
    period: { label: 'Q4 2025', from: '2025-10-01', to: '2025-12-31' }, preparedFor: 'Executive team', preparedBy: 'Ada Analyst',
    generatedAt: '2026-01-05T09:30:00.000Z', viewerSeesSql: true, ...overrides,
  };
}
