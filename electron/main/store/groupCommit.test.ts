/** Group commit on the embedded SQLite store: writes queued while a commit is in flight share the
 *  next transaction, each caller gets its own result once committed, and a failing piece of work
 *  fails alone. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Sequelize } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext, type RequestContext } from '../../../shared/types/auth';
import { createKeyFileSecretBox } from '../security/secrets';
import { createStore, StoreInputError, type Store } from '.';

describe('store group commit (SQLite)', () => {
  let dataDir: string;
  let store: Store;
  let ctx: RequestContext;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiser-group-commit-'));
    store = createStore({ dataDir, secrets: createKeyFileSecretBox(dataDir) });
    await store.init();
    ctx = systemContext((await store.organizations.unscopedCreate({ name: 'Group', slug: 'group' })).id);
  });
  afterAll(async () => {
    await store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('commits writes that arrive together in shared transactions, each caller getting its own rows', async () => {
    const before = store.groupCommit.commits;
    const written = await Promise.all(Array.from({ length: 20 }, (_, i) =>
      store.groupCommit.run((transaction) => store.metrics.recordMany(ctx, [{ name: 'bench.group', value: i }], transaction))));
    expect(written.map(([record]) => record.value)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(store.groupCommit.commits - before).toBeLessThan(20);
    const stored = await store.metrics.list(ctx, { name: 'bench.group' });
    expect(stored.map((r) => r.value).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('fails only the piece of work that fails; the others of its batch are committed', async () => {
    const outcomes = await Promise.allSettled([
      store.groupCommit.run((transaction) => store.metrics.recordMany(ctx, [{ name: 'bench.kept', value: 1 }], transaction)),
      store.groupCommit.run((transaction) => store.metrics.recordMany(ctx, [{ name: 'bench.kept', value: Number.NaN }], transaction)),
      store.groupCommit.run((transaction) => store.metrics.recordMany(ctx, [{ name: 'bench.kept', value: 3 }], transaction)),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(StoreInputError);
    expect((await store.metrics.list(ctx, { name: 'bench.kept' })).map((r) => r.value).sort()).toEqual([1, 3]);
  });

  it('single writing statements wait their turn behind a commit in flight instead of on the file lock', async () => {
    // A statement waiting on SQLite's lock holds up the connection it was sent on: a commit whose
    // work then reads through that connection (outside its transaction) waited for it, and it for
    // the commit, until the 10 s busy timeout failed the statement with SQLITE_BUSY.
    let open = () => undefined as void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const held = store.groupCommit.run(async (transaction) => {
      await store.metrics.recordMany(ctx, [{ name: 'bench.turn', value: 1 }], transaction);
      await gate;
      await store.metrics.list(ctx, { name: 'bench.turn' });
      return store.metrics.recordMany(ctx, [{ name: 'bench.turn', value: 2 }], transaction);
    });
    const sent = watchStatements(store);
    const singles = Array.from({ length: 8 }, (_, i) => store.leases.acquire(`turn-${i}`, 'test', 60_000));
    try {
      for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
      expect(sent.statements.filter((sql) => sql.includes('job_leases'))).toEqual([]); // queued in the process, not at the lock
    } finally {
      sent.stop();
      open();
    }
    await held;
    expect(await Promise.all(singles)).toEqual(Array(8).fill(true));
    expect((await store.metrics.list(ctx, { name: 'bench.turn' })).map((r) => r.value).sort()).toEqual([1, 2]);
  });

  it('writes a conversation with its first messages in one transaction, after checking it may be created', async () => {
    const admin: RequestContext = { ...ctx, userId: (await store.users.create(ctx, { email: 'a@group.test', name: 'A', role: 'admin' })).id, role: 'admin', projectIds: [], sessionId: 't' };
    const projectId = (await store.projects.create(admin, { name: 'Main' })).id;
    await store.conversations.assertCreatable(admin, { projectId });
    const id = '00000000-0000-4000-8000-000000000001';
    await store.groupCommit.run(async (transaction) => {
      await store.conversations.insertCreatable(admin, { id, projectId, title: 'Revenue' }, transaction);
      await store.messages.appendMany(admin, id, [{ role: 'user', content: 'revenue' }, { role: 'assistant', content: 'Revenue rose.' }], transaction);
    });
    expect((await store.messages.list(admin, id)).map((m) => m.content)).toEqual(['revenue', 'Revenue rose.']);
    await expect(store.conversations.assertCreatable(admin, { projectId: 'no-such-project' })).rejects.toThrow(/project/);
  });
});

type Statement = (sql: unknown, ...rest: unknown[]) => unknown;

/** The SQL statements sent to SQLite through the store's open connections until `stop()`. */
function watchStatements(store: Store): { statements: string[]; stop(): void } {
  const sequelize = (store.leases as unknown as { sequelize: Sequelize }).sequelize;
  const connections = (sequelize.connectionManager as unknown as { connections: Record<string, Record<'all' | 'run', Statement>> }).connections;
  const statements: string[] = [];
  const restore = Object.values(connections).flatMap((connection) => (['all', 'run'] as const).map((method) => {
    const original = connection[method];
    connection[method] = (sql, ...rest) => {
      statements.push(String(sql));
      return original(sql, ...rest);
    };
    return () => (connection[method] = original);
  }));
  return { statements, stop: () => restore.forEach((undo) => undo()) };
}
