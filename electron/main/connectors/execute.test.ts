import { afterAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../../shared/types/auth';
import { sqlHash } from '../sql/hash';
import { executeQuery, type LineageRecord, type QueryProgress } from './execute';
import { createConnector } from './registry';
import { makeSalesDatabase } from '../../../tests/support/salesDatabase';

describe('executeQuery', () => {
  const database = makeSalesDatabase();
  const connector = createConnector({ type: 'sqlite', path: database.file });
  const ctx = { ...systemContext('org-1'), userId: 'user-7' };
  const reads = { tables: ['sales'], columns: ['sales.region', 'sales.amount'] };
  afterAll(async () => {
    await connector.close();
    database.remove();
  });

  function run(sql: string, pageSize = 1) {
    const lineage: LineageRecord[] = [];
    const progress: QueryProgress[] = [];
    const pages = executeQuery({ connector, sql, sourceId: 'src-1', ctx, reads, options: { pageSize }, lineage: { record: (entry) => void lineage.push(entry) }, onProgress: (p) => progress.push(p) });
    return { pages, lineage, progress };
  }

  it('streams pages, reports progress and records lineage metadata once', async () => {
    const { pages, lineage, progress } = run('SELECT region, amount FROM sales ORDER BY id');
    const rows = [];
    for await (const page of pages) rows.push(...page.rows);
    expect(rows).toEqual([['EU', 10], ['US', 20], ['EU', 5]]);
    expect(progress.map((p) => p.rowsRead)).toEqual([1, 2, 3, 3]);
    expect(lineage).toHaveLength(1);
    expect(lineage[0]).toMatchObject({
      userId: 'user-7', orgId: 'org-1', sourceId: 'src-1', sqlHash: sqlHash('SELECT region, amount FROM sales ORDER BY id'),
      tables: ['sales'], columns: ['sales.region', 'sales.amount'], rowCount: 3, outcome: 'completed',
    });
    expect(Number.isNaN(Date.parse(lineage[0].at))).toBe(false);
    expect(JSON.stringify(lineage[0])).not.toMatch(/EU|US/);
  });

  it('records a failed query with its error code', async () => {
    const { pages, lineage } = run('SELECT nope FROM sales');
    await expect(async () => {
      for await (const _page of pages) void _page;
    }).rejects.toMatchObject({ code: 'QUERY_FAILED' });
    expect(lineage).toEqual([expect.objectContaining({ outcome: 'failed', errorCode: 'QUERY_FAILED', rowCount: 0 })]);
  });

  it('records an abandoned stream as cancelled with the rows actually read', async () => {
    const { pages, lineage } = run('SELECT id FROM sales');
    for await (const _page of pages) break;
    expect(lineage).toEqual([expect.objectContaining({ outcome: 'cancelled', rowCount: 1 })]);
  });
});
