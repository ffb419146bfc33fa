import { Op } from 'sequelize';
import { describe, expect, it } from 'vitest';
import { ReadCache, copyOf, keyOf } from './readCache';
import { changeOf } from './storeWrites';

const loader = (values: unknown[]) => {
  let calls = 0;
  return { load: async () => values[Math.min(calls++, values.length - 1)], calls: () => calls };
};

describe('store read cache', () => {
  it('when the server is idle, drops the records not read since the cutoff and keeps the recent ones', async () => {
    let now = 0;
    const cache = new ReadCache(1_000_000, () => now);
    let loads = 0;
    const load = (value: string) => async () => { loads += 1; return { value }; };
    await cache.read(['users'], 'old', load('o'));
    await cache.read(['users'], 'recent', load('r'));
    now = 100;
    await cache.read(['users'], 'recent', load('r'));
    expect(cache.dropUntouchedSince(50)).toBe(1);
    expect(cache.size.entries).toBe(1);
    await cache.read(['users'], 'recent', load('r'));
    expect(loads).toBe(2);
    await cache.read(['users'], 'old', load('o'));
    expect(loads).toBe(3);
  });

  it('serves a record from memory until a write to its table, then reads again', async () => {
    const cache = new ReadCache();
    const source = loader([{ name: 'first' }, { name: 'second' }]);
    expect(await cache.read(['users'], 'u1', source.load)).toEqual({ name: 'first' });
    expect(await cache.read(['users'], 'u1', source.load)).toEqual({ name: 'first' });
    expect(source.calls()).toBe(1);
    cache.invalidate(['projects']);
    expect(await cache.read(['users'], 'u1', source.load)).toEqual({ name: 'first' });
    cache.invalidate(['users']);
    expect(await cache.read(['users'], 'u1', source.load)).toEqual({ name: 'second' });
    expect(source.calls()).toBe(2);
  });

  it('never serves what a read got while a write to its table committed', async () => {
    const cache = new ReadCache();
    let finish: (value: string) => void = () => undefined;
    const slow = cache.read(['users'], 'u1', () => new Promise<string>((resolve) => (finish = resolve)));
    cache.invalidate(['users']); // the write commits while the read is still running
    finish('before the write');
    expect(await slow).toBe('before the write');
    expect(await cache.read(['users'], 'u1', async () => 'after the write')).toBe('after the write');
  });

  it('depends on every table a record was read from', async () => {
    const cache = new ReadCache();
    const source = loader(['a', 'b']);
    await cache.read(['users', 'project_members'], 'ids', source.load);
    cache.invalidate(['project_members']);
    expect(await cache.read(['users', 'project_members'], 'ids', source.load)).toBe('b');
  });

  it('hands out copies, so a caller changing its record does not change the cache', async () => {
    const cache = new ReadCache();
    const first = await cache.read(['users'], 'u1', async () => ({ role: 'viewer' }));
    first.role = 'admin';
    const second = await cache.read(['users'], 'u1', async () => ({ role: 'never read' }));
    expect(second).toEqual({ role: 'viewer' });
    second.role = 'admin';
    expect(await cache.read(['users'], 'u1', async () => ({ role: 'never read' }))).toEqual({ role: 'viewer' });
  });

  it('shares a record\'s documents frozen between hits, while its own fields stay the caller\'s', async () => {
    const cache = new ReadCache();
    const at = new Date('2026-01-02T03:04:05Z');
    const load = async () => [{ id: 's1', name: 'Retail', updatedAt: at, schemaMetadata: { tables: [{ name: 'orders', columns: ['id'] }] } }];
    const missed = await cache.read(['data_sources'], 'list', load);
    missed[0].schemaMetadata.tables.push({ name: 'changed by the first reader', columns: [] }); // the loaded value is the caller's
    const [first] = await cache.read(['data_sources'], 'list', load);
    const [second] = await cache.read(['data_sources'], 'list', load);
    expect(first.schemaMetadata).toEqual({ tables: [{ name: 'orders', columns: ['id'] }] });
    expect(second.schemaMetadata).toBe(first.schemaMetadata);
    expect(Object.isFrozen(first.schemaMetadata.tables[0].columns)).toBe(true);
    expect(() => first.schemaMetadata.tables.push({ name: 'x', columns: [] })).toThrow(TypeError);
    first.name = 'Renamed';
    first.updatedAt.setUTCFullYear(2000);
    expect(second).toMatchObject({ name: 'Retail', updatedAt: at });
    expect(second).not.toBe(first);
  });

  it('stays within its byte budget, dropping the least recently used first', async () => {
    const cache = new ReadCache(40_000);
    const big = 'x'.repeat(4_000); // about 8 kB each
    for (const key of ['a', 'b', 'c', 'd']) await cache.read(['t'], key, async () => big);
    await cache.read(['t'], 'a', async () => 'reloaded'); // a is used again: b is now the oldest
    await cache.read(['t'], 'e', async () => big);
    expect(cache.size.bytes).toBeLessThanOrEqual(40_000);
    expect(await cache.read(['t'], 'a', async () => 'reloaded again')).toBe(big);
    expect(await cache.read(['t'], 'b', async () => 'evicted')).toBe('evicted');
  });

  it('switched off, reads always go to the store and nothing is kept', async () => {
    const cache = new ReadCache();
    const source = loader(['a', 'b', 'c']);
    await cache.read(['t'], 'k', source.load);
    cache.setEnabled(false);
    expect(await cache.read(['t'], 'k', source.load)).toBe('b');
    cache.setEnabled(true);
    expect(await cache.read(['t'], 'k', source.load)).toBe('c');
  });

  it('keys Sequelize conditions by their operators too', () => {
    expect(keyOf({ [Op.and]: [{ id: 1 }] })).not.toBe(keyOf({ [Op.or]: [{ id: 1 }] }));
    expect(keyOf({ id: { [Op.in]: ['a'] } })).not.toBe(keyOf({ id: { [Op.notIn]: ['a'] } }));
    expect(keyOf({ b: 1, a: 2 })).toBe(keyOf({ a: 2, b: 1 }));
  });

  it('tells writes from reads in the SQL both dialects send', () => {
    expect(changeOf('UPDATE `user_sessions` SET `revoked_at`=? WHERE `id` = ?')).toEqual({ tables: ['user_sessions'], all: false });
    expect(changeOf('INSERT INTO "users" ("id") VALUES ($1) RETURNING *')).toEqual({ tables: ['users'], all: false });
    expect(changeOf('/* returning */ INSERT INTO job_leases (name) VALUES (?)')).toEqual({ tables: ['job_leases'], all: false });
    expect(changeOf({ query: 'DELETE FROM "organizations" WHERE "id" = $1' })).toEqual({ tables: ['organizations'], all: true });
    expect(changeOf('DROP TABLE IF EXISTS `users`;')).toEqual({ tables: [], all: true });
    expect(changeOf('SELECT * FROM `users` WHERE id = ?')).toBeNull();
  });
});

describe('copyOf', () => {
  it('copies rows deeply, so a caller changing what it read does not change the cache', () => {
    const row = { id: 'a', at: new Date('2026-01-02T03:04:05Z'), settings: { flags: ['x'], nested: { n: 1 } }, bytes: Buffer.from('hi'), none: null, gone: undefined };
    const copy = copyOf(row);
    expect(copy).toEqual(row);
    copy.at.setUTCFullYear(2000);
    copy.settings.flags.push('y');
    copy.settings.nested.n = 2;
    copy.bytes[0] = 0;
    expect(row.at.getUTCFullYear()).toBe(2026);
    expect(row.settings).toEqual({ flags: ['x'], nested: { n: 1 } });
    expect(row.bytes.toString()).toBe('hi');
    expect('gone' in copy).toBe(true);
  });

  it('falls back to a structured clone for other objects', () => {
    const map = new Map([['k', { v: 1 }]]);
    const copy = copyOf({ map });
    expect(copy.map).toBeInstanceOf(Map);
    expect(copy.map).not.toBe(map);
    expect(copy.map.get('k')).toEqual({ v: 1 });
  });
});
