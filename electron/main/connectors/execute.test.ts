import { afterAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../../shared/types/auth';
import { sqlHash } from '../sql/hash';
import { executeQuery, type LineageRecord, type QueryProgress } from './execute';
import { createConnector } from './registry';
import { ResultCache } from './resultCache';
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

  describe('identical queries running at once', () => {
    const counted = createConnector({ type: 'sqlite', path: database.file });
    const ran: string[] = [];
    const query = counted.query.bind(counted);
    counted.query = (sql, options) => {
      ran.push(sql);
      return query(sql, options);
    };
    afterAll(() => counted.close());

    const ask = (sql: string, cache: ResultCache, signal?: AbortSignal) => {
      const lineage: LineageRecord[] = [];
      const rows = (async () => {
        const out: unknown[] = [];
        for await (const page of executeQuery({ connector: counted, sql, sourceId: 'src-1', ctx, reads, options: { signal }, lineage: { record: (entry) => void lineage.push(entry) }, resultCache: cache })) out.push(...page.rows);
        return out;
      })();
      return { rows, lineage };
    };

    it('run once: the others wait for its result, and each records its own lineage', async () => {
      ran.length = 0;
      const cache = new ResultCache();
      const asks = [1, 2, 3].map(() => ask('SELECT region, SUM(amount) FROM sales GROUP BY region ORDER BY region', cache));
      const other = ask('SELECT COUNT(*) FROM sales', cache);
      for (const a of asks) expect(await a.rows).toEqual([['EU', 15], ['US', 20]]);
      expect(await other.rows).toEqual([[3]]);
      expect(ran).toEqual(['SELECT region, SUM(amount) FROM sales GROUP BY region ORDER BY region', 'SELECT COUNT(*) FROM sales']);
      for (const a of asks) expect(a.lineage).toEqual([expect.objectContaining({ outcome: 'completed', rowCount: 2 })]);
    });

    it('runs its own query when the one it waited for failed, and stops waiting when cancelled', async () => {
      ran.length = 0;
      const cache = new ResultCache();
      const failing = ask('SELECT nope FROM sales', cache);
      const waiting = ask('SELECT nope FROM sales', cache);
      await expect(failing.rows).rejects.toMatchObject({ code: 'QUERY_FAILED' });
      await expect(waiting.rows).rejects.toMatchObject({ code: 'QUERY_FAILED' });
      expect(ran).toHaveLength(2);

      const slow = 'WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 200000000) SELECT COUNT(*) FROM n';
      const [first, second] = [new AbortController(), new AbortController()];
      const running = ask(slow, cache, first.signal);
      const impatient = ask(slow, cache, second.signal);
      setTimeout(() => second.abort(), 50);
      await expect(impatient.rows).rejects.toMatchObject({ code: 'CANCELLED' });
      expect(impatient.lineage).toEqual([expect.objectContaining({ outcome: 'cancelled' })]);
      first.abort();
      await expect(running.rows).rejects.toMatchObject({ code: 'CANCELLED' });
      expect(ran.filter((sql) => sql === slow)).toHaveLength(1);
    });
  });

  it('records an abandoned stream as cancelled with the rows actually read', async () => {
    const { pages, lineage } = run('SELECT id FROM sales');
    for await (const _page of pages) break;
    expect(lineage).toEqual([expect.objectContaining({ outcome: 'cancelled', rowCount: 1 })]);
  });
});

