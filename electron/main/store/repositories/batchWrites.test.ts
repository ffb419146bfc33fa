/** The batch writes the chat path uses (a question and its answer in one insert, several metrics
 *  in one insert) and concurrent audit appends, on the embedded SQLite store. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext, type RequestContext } from '../../../../shared/types/auth';
import { createKeyFileSecretBox } from '../../security/secrets';
import { createStore, StoreInputError, type Store } from '..';

describe('store batch writes (SQLite)', () => {
  let dataDir: string;
  let store: Store;
  let admin: RequestContext;
  let otherOrg: RequestContext;
  let projectId: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiser-batch-writes-'));
    store = createStore({ dataDir, secrets: createKeyFileSecretBox(dataDir) });
    await store.init();
    const org = await store.organizations.unscopedCreate({ name: 'Batch', slug: 'batch' });
    const user = await store.users.create(systemContext(org.id), { email: 'admin@batch.test', name: 'Batch Admin', role: 'admin' });
    admin = { orgId: org.id, userId: user.id, role: 'admin', projectIds: [], sessionId: 'test' };
    projectId = (await store.projects.create(admin, { name: 'Main' })).id;
    const other = await store.organizations.unscopedCreate({ name: 'Other', slug: 'other' });
    otherOrg = systemContext(other.id);
  });
  afterAll(async () => {
    await store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('appends a question and its answer in order, after the messages already there', async () => {
    const conversation = await store.conversations.create(admin, { projectId, title: 'Revenue' });
    await store.messages.append(admin, conversation.id, { role: 'user', content: 'first question' });

    const [question, answer] = await store.messages.appendMany(admin, conversation.id, [
      { role: 'user', content: 'revenue by month' },
      { role: 'assistant', content: 'Revenue peaked in March.', aiMetadata: { sql: 'SELECT 1' } },
    ]);

    expect(Date.parse(question.createdAt)).toBeLessThan(Date.parse(answer.createdAt));
    const stored = await store.messages.list(admin, conversation.id);
    expect(stored.map((m) => m.content)).toEqual(['first question', 'revenue by month', 'Revenue peaked in March.']);
    expect(stored[2]).toMatchObject({ id: answer.id, role: 'assistant', aiMetadata: { sql: 'SELECT 1' }, feedback: null, approved: false });
  });

  it('writes none of the messages when one is invalid, and hides other organizations’ conversations', async () => {
    const conversation = await store.conversations.create(admin, { projectId, title: 'Invalid' });
    const invalid = [{ role: 'user' as const, content: 'ok' }, { role: 'robot' as never, content: 'bad' }];

    await expect(store.messages.appendMany(admin, conversation.id, invalid)).rejects.toBeInstanceOf(StoreInputError);
    await expect(store.messages.appendMany(otherOrg, conversation.id, [{ role: 'user', content: 'x' }])).rejects.toThrow(/No conversation with id/);
    expect(await store.messages.list(admin, conversation.id)).toEqual([]);
  });

  it('records several metrics with one call, scoped to the caller’s organization', async () => {
    const records = await store.metrics.recordMany(admin, [
      { name: 'batch.latency_ms', value: 12.5, tags: { route: 'offline' } },
      { name: 'batch.tokens', value: 300 },
    ]);

    expect(records.map((r) => [r.name, r.value])).toEqual([['batch.latency_ms', 12.5], ['batch.tokens', 300]]);
    expect((await store.metrics.list(admin, { name: 'batch.latency_ms' }))[0].tags).toEqual({ route: 'offline' });
    expect(await store.metrics.list(otherOrg, { name: 'batch.tokens' })).toEqual([]);
    await expect(store.metrics.recordMany(admin, [{ name: 'batch.ok', value: 1 }, { name: 'batch.bad', value: Number.NaN }])).rejects.toBeInstanceOf(StoreInputError);
    expect(await store.metrics.list(admin, { name: 'batch.ok' })).toEqual([]);
  });

  it('writes the new conversations, messages and metrics of answers committed together with one insert per table', async () => {
    const inserts: string[] = [];
    const counted = (sql: unknown) => {
      const text = String(sql);
      if (/^INSERT INTO `(conversations|messages|metric_records)`/.test(text)) inserts.push(/^INSERT INTO `(\w+)`/.exec(text)![1]);
    };
    const sequelize = (store.conversations.table.model.sequelize)!;
    const spied = sequelize.query.bind(sequelize);
    (sequelize as unknown as { query: typeof spied }).query = ((sql: unknown, options?: never) => {
      counted(typeof sql === 'string' ? sql : (sql as { query?: string }).query);
      return spied(sql as string, options);
    }) as typeof spied;
    try {
      const answers = Array.from({ length: 12 }, (_, i) => store.groupCommit.run(async (transaction) => {
        const conversation = await store.conversations.insertCreatable(admin, { projectId, title: `Together ${i}` }, transaction);
        const messages = await store.messages.appendMany(admin, conversation.id, [{ role: 'user', content: `q${i}` }, { role: 'assistant', content: `a${i}` }], transaction, { created: true });
        const metrics = await store.metrics.recordMany(admin, [{ name: 'batch.together', value: i }], transaction);
        return { conversation, messages, metrics };
      }));
      const written = await Promise.all(answers);
      written.forEach(({ conversation, messages, metrics }, i) => {
        expect(conversation.title).toBe(`Together ${i}`);
        expect(messages.map((m) => [m.conversationId, m.content])).toEqual([[conversation.id, `q${i}`], [conversation.id, `a${i}`]]);
        expect(metrics.map((m) => m.value)).toEqual([i]);
      });
      for (const { conversation } of written) expect((await store.messages.list(admin, conversation.id)).map((m) => m.content)).toHaveLength(2);
      const perTable = (table: string) => inserts.filter((t) => t === table).length;
      // The first piece starts its own transaction; the other eleven arrive while it commits.
      expect(perTable('conversations')).toBeLessThanOrEqual(2);
      expect(perTable('messages')).toBeLessThanOrEqual(2);
      expect(perTable('metric_records')).toBeLessThanOrEqual(2);
    } finally {
      (sequelize as unknown as { query: typeof spied }).query = spied;
    }
  });

  it('keeps the audit chain valid when many appends and other writes run at once', async () => {
    const conversation = await store.conversations.create(admin, { projectId, title: 'Concurrent' });
    await Promise.all(Array.from({ length: 40 }, (_, i) => Promise.all([
      store.audit.append(admin, { action: 'ai.answer', target: `q${i}` }),
      store.messages.appendMany(admin, conversation.id, [{ role: 'user', content: `q${i}` }, { role: 'assistant', content: `a${i}` }]),
      store.metrics.recordMany(admin, [{ name: 'batch.concurrent', value: i }]),
    ])));

    const verification = await store.audit.verify(admin);
    expect(verification).toMatchObject({ ok: true, count: 40 });
    expect(await store.messages.list(admin, conversation.id)).toHaveLength(80);
    expect(await store.metrics.list(admin, { name: 'batch.concurrent' })).toHaveLength(40);
  });
});
