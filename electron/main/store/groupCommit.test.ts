/** Group commit on the embedded SQLite store: writes queued while a commit is in flight share the
 *  next transaction, each caller gets its own result once committed, and a failing piece of work
 *  fails alone. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
