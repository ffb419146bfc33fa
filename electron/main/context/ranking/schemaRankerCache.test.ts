import { describe, expect, it } from 'vitest';
import { systemContext } from '../../../../shared/types/auth';
import type { SchemaInfo } from '../../../../shared/types/schema';
import { SchemaRanker } from './schemaRanker';

const ctx = systemContext('org-1');
const schemaVersion = (version: string): SchemaInfo => ({
  dialect: 'sqlite',
  version,
  foreignKeys: [],
  tables: [{
    name: 'orders',
    primaryKey: ['id'],
    rowCountEstimate: null,
    columns: ['id', 'region', 'amount'].map((name) => ({ name, type: 'text', kind: 'text' as const, nullable: true, isPrimaryKey: name === 'id' })),
  }],
});
const source = (version: string) => ({ orgId: 'org-1', sourceId: 'src', schema: schemaVersion(version) });

describe('schema index cache', () => {
  it('bounds memory in bytes and evicts the least recently used index', async () => {
    const probe = new SchemaRanker();
    await probe.rank(ctx, source('v1'), 'revenue by region');
    const oneIndex = probe.cachedIndexBytes;
    expect(oneIndex).toBeGreaterThan(0);

    const budget = Math.floor(oneIndex * 2.5);
    const ranker = new SchemaRanker({ maxCachedIndexes: 100, maxCachedIndexBytes: budget });
    const first = (await ranker.rank(ctx, source('v1'), 'revenue by region')).index;
    const second = (await ranker.rank(ctx, source('v2'), 'revenue by region')).index;
    expect((await ranker.rank(ctx, source('v1'), 'orders')).index).toBe(first); // kept, and now the most recent
    await ranker.rank(ctx, source('v3'), 'revenue by region');

    expect(ranker.cachedIndexCount).toBe(2);
    expect(ranker.cachedIndexBytes).toBeLessThanOrEqual(budget);
    expect((await ranker.rank(ctx, source('v1'), 'orders')).index).toBe(first);
    expect((await ranker.rank(ctx, source('v2'), 'orders')).index).not.toBe(second); // rebuilt: it was evicted
  });

  it('keeps the index in use even when it alone is over the budget', async () => {
    const ranker = new SchemaRanker({ maxCachedIndexBytes: 1 });
    const first = (await ranker.rank(ctx, source('v1'), 'revenue by region')).index;
    expect(ranker.cachedIndexCount).toBe(1);
    expect((await ranker.rank(ctx, source('v1'), 'orders')).index).toBe(first);
    await ranker.rank(ctx, source('v2'), 'orders');
    expect(ranker.cachedIndexCount).toBe(1);
  });
});
