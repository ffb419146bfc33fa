import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../../shared/types/auth';
import { UsageMeter } from '../../../electron/main/admin/usage';
import { BACKENDS, type StoreFixture } from '../store/harness';

/** Without a concurrency limit, a query's slot reaches the store only if the query is still
 *  running after a moment; until then this instance counts it itself. Usage shows it either way. */
describe.each(BACKENDS)('running queries without a limit ($name store)', (backend) => {
  let fixture: StoreFixture;
  const orgId = 'org-unlimited-slots';
  const ctx = systemContext(orgId);

  beforeAll(async () => { fixture = await backend.open(); });
  afterAll(async () => { await fixture?.cleanup(); });

  it('counts a short query without writing it, and frees it on release', async () => {
    const usage = new UsageMeter(fixture.store, undefined, 60_000, 60_000);
    const release = (await usage.hold(orgId, null))!;
    expect(await usage.used(ctx, 'concurrentQueries')).toBe(1);
    expect(await fixture.store.querySlots.count(orgId)).toBe(0);
    await release();
    await release(); // a second release changes nothing
    expect(await usage.used(ctx, 'concurrentQueries')).toBe(0);
  });

  it('writes the slot of a query still running, so every instance counts it, and removes it on release', async () => {
    const usage = new UsageMeter(fixture.store, undefined, 60_000, 20);
    const release = (await usage.hold(orgId, null))!;
    let written = false;
    for (let i = 0; i < 100 && !written; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      written = (await fixture.store.querySlots.count(orgId)) === 1;
    }
    expect(written).toBe(true);
    expect(await usage.used(ctx, 'concurrentQueries')).toBe(1); // not counted twice
    const otherInstance = new UsageMeter(fixture.store);
    expect(await otherInstance.used(ctx, 'concurrentQueries')).toBe(1);
    await release();
    expect(await fixture.store.querySlots.count(orgId)).toBe(0);
    expect(await usage.used(ctx, 'concurrentQueries')).toBe(0);
  });

  it('a limit set while unlimited queries run counts the written ones', async () => {
    const usage = new UsageMeter(fixture.store, undefined, 60_000, 0);
    const release = (await usage.hold(orgId, null))!;
    for (let i = 0; i < 100 && (await fixture.store.querySlots.count(orgId)) === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await usage.hold(orgId, 1)).toBeNull();
    await release();
    const limited = await usage.hold(orgId, 1);
    expect(limited).not.toBeNull();
    await limited!();
  });

  it('a limit asked for on the same instance counts its unlimited queries not written yet', async () => {
    const usage = new UsageMeter(fixture.store, undefined, 60_000, 60_000);
    const release = (await usage.hold(orgId, null))!;
    expect(await usage.hold(orgId, 1)).toBeNull();
    expect(await fixture.store.querySlots.count(orgId)).toBe(1); // written when the limit asked
    await release();
    expect(await fixture.store.querySlots.count(orgId)).toBe(0);
    const limited = (await usage.hold(orgId, 1))!;
    expect(limited).not.toBeNull();
    await limited();
  });

  it('a charge written in the background is counted by the next look at usage', async () => {
    const org = await fixture.store.organizations.unscopedCreate({ name: 'Charged', slug: `charged-${backend.name}` });
    const charged = systemContext(org.id);
    const usage = new UsageMeter(fixture.store);
    const failures: unknown[] = [];
    for (let i = 0; i < 3; i++) usage.chargeInBackground(charged, 'questionsPerDay', (error) => failures.push(error));
    expect(await usage.used(charged, 'questionsPerDay')).toBe(3);
    expect(failures).toEqual([]);
  });
});
