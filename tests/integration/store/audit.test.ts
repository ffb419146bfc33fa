import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../../shared/types/auth';
import { BACKENDS, seedOrganization, type StoreFixture } from './harness';

describe.each(BACKENDS)('audit hash chain on $name', (backend) => {
  let fx: StoreFixture;
  let ctx: RequestContext;

  beforeAll(async () => {
    fx = await backend.open();
  });
  afterAll(async () => {
    await fx?.cleanup();
  });
  beforeEach(async () => {
    ({ admin: ctx } = await seedOrganization(fx.store, 'Audit'));
    for (const [index, action] of ['auth.sign_in', 'query.run', 'source.create', 'export.csv', 'auth.sign_out'].entries()) {
      await fx.store.audit.append(ctx, { action, target: `target-${index + 1}`, details: { sqlHash: `h${index + 1}`, rows: index * 10, columns: ['a', 'b'] } });
    }
  });

  const rawUpdate = (sql: string) => fx.rawQuery(sql);
  const eventId = async (seq: number) =>
    (await fx.rawQuery(`SELECT id FROM audit_events WHERE organization_id = '${ctx.orgId}' AND seq = ${seq}`))[0].id as string;

  it('numbers events 1..n, links each to the previous one, and verifies an untouched chain', async () => {
    const events = await fx.store.audit.list(ctx);
    expect(events.map((event) => event.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(events[0].prevHash).toBe('0'.repeat(64));
    for (let i = 1; i < events.length; i++) expect(events[i].prevHash).toBe(events[i - 1].hash);
    expect(events[2]).toMatchObject({ action: 'source.create', actorId: ctx.userId, target: 'target-3', details: { sqlHash: 'h3', rows: 20, columns: ['a', 'b'] } });
    expect(await fx.store.audit.verify(ctx)).toEqual({ ok: true, count: 5, head: { seq: 5, hash: events[4].hash } });
    expect(await fx.store.audit.list(ctx, { afterSeq: 3 })).toHaveLength(2);
    expect((await fx.store.audit.list(ctx, { action: 'query.run' })).map((event) => event.seq)).toEqual([2]);
  });

  it('detects an edited event', async () => {
    await rawUpdate(`UPDATE audit_events SET target = 'someone-else' WHERE id = '${await eventId(3)}'`);
    expect(await fx.store.audit.verify(ctx)).toMatchObject({ ok: false, brokenAtSeq: 3, reason: expect.stringMatching(/edited/) });
  });

  it('detects edited details JSON', async () => {
    await rawUpdate(`UPDATE audit_events SET details = '{"sqlHash":"h2","rows":0,"columns":["a","b"]}' WHERE id = '${await eventId(2)}'`);
    expect(await fx.store.audit.verify(ctx)).toMatchObject({ ok: false, brokenAtSeq: 2 });
  });

  it('detects a deleted event in the middle', async () => {
    await rawUpdate(`DELETE FROM audit_events WHERE id = '${await eventId(2)}'`);
    expect(await fx.store.audit.verify(ctx)).toMatchObject({ ok: false, brokenAtSeq: 2, reason: expect.stringMatching(/missing/) });
  });

  it('detects a deleted event whose successors were renumbered to close the gap', async () => {
    await rawUpdate(`DELETE FROM audit_events WHERE id = '${await eventId(2)}'`);
    for (const seq of [3, 4, 5]) await rawUpdate(`UPDATE audit_events SET seq = ${seq - 1} WHERE id = '${await eventId(seq)}'`);
    expect(await fx.store.audit.verify(ctx)).toMatchObject({ ok: false, brokenAtSeq: 2 });
  });

  it('detects reordered events', async () => {
    const [second, fourth] = [await eventId(2), await eventId(4)];
    await rawUpdate(`UPDATE audit_events SET seq = 99 WHERE id = '${second}'`);
    await rawUpdate(`UPDATE audit_events SET seq = 2 WHERE id = '${fourth}'`);
    await rawUpdate(`UPDATE audit_events SET seq = 4 WHERE id = '${second}'`);
    expect(await fx.store.audit.verify(ctx)).toMatchObject({ ok: false, brokenAtSeq: 2, reason: expect.stringMatching(/reordered/) });
  });

  it('detects deleted newest events against a saved checkpoint', async () => {
    const checkpoint = await fx.store.audit.head(ctx);
    expect(checkpoint?.seq).toBe(5);
    await rawUpdate(`DELETE FROM audit_events WHERE id = '${await eventId(5)}'`);
    expect((await fx.store.audit.verify(ctx)).ok).toBe(true);
    expect(await fx.store.audit.verify(ctx, checkpoint!)).toMatchObject({ ok: false, brokenAtSeq: 5, reason: expect.stringMatching(/checkpoint/) });
  });

  it('keeps one unbroken chain under concurrent appends', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => fx.store.audit.append(ctx, { action: 'query.run', details: { i } })));
    const result = await fx.store.audit.verify(ctx);
    expect(result).toMatchObject({ ok: true, count: 25 });
  });

  it('commits appends that arrive together in shared transactions, each caller getting its own committed event', async () => {
    const { admin: other } = await seedOrganization(fx.store, 'AuditBatch');
    const commitsBefore = fx.store.audit.commits;
    const appends = Array.from({ length: 40 }, (_, i) => fx.store.audit.append(i % 2 ? other : ctx, { action: 'ai.answer', details: { i } }));
    const refused = fx.store.audit.append(ctx, { action: 'ai.answer', details: [] as unknown as Record<string, never> }).catch((error: Error) => error);
    const events = await Promise.all(appends);

    expect(String(await refused)).toMatch(/JSON object/);
    events.forEach((event, i) => expect(event).toMatchObject({ organizationId: i % 2 ? other.orgId : ctx.orgId, details: { i } }));
    expect(events.filter((_, i) => i % 2).map((event) => event.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(events.filter((_, i) => i % 2 === 0).map((event) => event.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 6));
    expect(fx.store.audit.commits - commitsBefore).toBeLessThan(events.length);
    expect(await fx.store.audit.verify(ctx)).toMatchObject({ ok: true, count: 25 });
    expect(await fx.store.audit.verify(other)).toMatchObject({ ok: true, count: 20 });
    const stored = await fx.store.audit.list(other);
    expect(stored.map((event) => event.hash)).toEqual(events.filter((_, i) => i % 2).map((event) => event.hash));
  });

  it('keeps chains of different organizations apart', async () => {
    const { admin: other } = await seedOrganization(fx.store, 'AuditOther');
    const first = await fx.store.audit.append(other, { action: 'auth.sign_in' });
    expect(first.seq).toBe(1);
    expect(await fx.store.audit.list(other)).toHaveLength(1);
    expect((await fx.store.audit.verify(ctx)).ok).toBe(true);
    await expect(fx.store.audit.append(ctx, { action: '' })).rejects.toThrow(/action is required/);
  });
});
