import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runAuditCommand } from '../../../electron/main/cli/auditCommand';
import { AUDIT_ANCHOR_FILE } from '../../../electron/main/security/auditAnchor';
import { CHECKPOINT_LOG_FILE } from '../../../electron/main/security/auditCheckpoints';
import { AuditTrail } from '../../../electron/main/security/auditTrail';
import { createKeyFileSecretBox } from '../../../electron/main/security/secrets';
import { createStore } from '../../../electron/main/store';
import { BACKENDS, seedOrganization, type StoreFixture } from '../store/harness';

const ACTIONS = ['auth.sign_in', 'query.run', 'export.csv', 'ai.answer', 'auth.sign_out'];

/** `aiser audit verify` on both store backends, against someone who can write to the store:
 *  the anchor and signed checkpoints kept outside the events table catch what the chain cannot. */
describe.each(BACKENDS)('aiser audit verify on $name', (backend) => {
  let fx: StoreFixture;
  let trail: AuditTrail;

  beforeAll(async () => {
    fx = await backend.open();
    // As in the app: the trail watches the store from the start, so every append moves the anchor.
    trail = new AuditTrail(fx.store, { dataDir: fx.dataDir, secrets: createKeyFileSecretBox(fx.dataDir) });
  });
  afterAll(async () => {
    await fx?.cleanup();
  });
  afterEach(() => vi.restoreAllMocks());

  async function verifyCli(orgId: string): Promise<{ code: number; output: string }> {
    const lines: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => lines.push(String(chunk)) > 0);
    const args = ['verify', '--org', orgId, '--data-dir', fx.dataDir, ...(fx.databaseUrl ? ['--database-url', fx.databaseUrl] : [])];
    const code = await runAuditCommand(args);
    vi.restoreAllMocks();
    return { code, output: lines.join('') };
  }

  async function trailOf(name: string, events = ACTIONS.length) {
    const seeded = await seedOrganization(fx.store, name);
    for (const action of ACTIONS.slice(0, events)) await fx.store.audit.append(seeded.admin, { action, details: { n: 1 } });
    return seeded;
  }
  const sql = (text: string) => fx.rawQuery(text);

  it('passes an intact trail, then detects the newest events deleted after a signed checkpoint', async () => {
    const { orgId, admin } = await trailOf('Checkpointed', 4);
    expect(await trail.checkpoint(admin)).toMatchObject({ seq: 4 });
    const intact = await verifyCli(orgId);
    expect(intact.code).toBe(0);
    expect(intact.output).toMatch(/OK .*4 events, chain intact, 1 signed checkpoint/);

    await sql(`DELETE FROM audit_events WHERE organization_id = '${orgId}' AND seq >= 3`);
    const truncated = await verifyCli(orgId);
    expect(truncated.code).toBe(1);
    expect(truncated.output).toMatch(/TAMPERED .*newest events were deleted/);
  });

  it('detects the newest events deleted before any checkpoint was signed (the anchor counts every event)', async () => {
    const { orgId } = await trailOf('Unsigned');
    expect((await verifyCli(orgId)).code).toBe(0);
    await sql(`DELETE FROM audit_events WHERE organization_id = '${orgId}' AND seq >= 4`);
    const truncated = await verifyCli(orgId);
    expect(truncated.code).toBe(1);
    expect(truncated.output).toMatch(/TAMPERED .*newest events were deleted .*anchor .*records 5 events, the store holds 3/);
  });

  it('detects truncation even when the checkpoint file was deleted with the newest events', async () => {
    const { orgId, admin } = await trailOf('NoLog', 3);
    await trail.checkpoint(admin);
    for (const action of ['user.update', 'export.csv']) await fx.store.audit.append(admin, { action, details: {} });
    const saved = fs.readFileSync(path.join(fx.dataDir, CHECKPOINT_LOG_FILE));
    fs.rmSync(path.join(fx.dataDir, CHECKPOINT_LOG_FILE));
    await sql(`DELETE FROM audit_events WHERE organization_id = '${orgId}' AND seq >= 4`);
    const result = await verifyCli(orgId);
    fs.writeFileSync(path.join(fx.dataDir, CHECKPOINT_LOG_FILE), saved, { mode: 0o600 });
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/TAMPERED .*records 5 events, the store holds 3/);
  });

  it('detects a whole chain rewritten with recomputed hashes', async () => {
    const { orgId, admin } = await trailOf('Rewritten');
    // The intruder replaces the trail with a consistent one of their own, written through a
    // second store on the same database that no audit trail is watching.
    await sql(`DELETE FROM audit_events WHERE organization_id = '${orgId}'`);
    const intruder = createStore({ databaseUrl: fx.databaseUrl, dataDir: fx.dataDir, secrets: createKeyFileSecretBox(fx.dataDir) });
    await intruder.init();
    try {
      for (const action of ACTIONS) await intruder.audit.append(admin, { action, details: { n: 2 } });
      expect(await intruder.audit.verify(admin)).toMatchObject({ ok: true, count: 5 });
    } finally {
      await intruder.close();
    }
    const result = await verifyCli(orgId);
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/TAMPERED .*chain was rewritten: event 5 no longer has the hash recorded by the anchor/);
  });

  it('detects an edited event and reordered events', async () => {
    const edited = await trailOf('Edited');
    await sql(`UPDATE audit_events SET action = 'nothing.happened' WHERE organization_id = '${edited.orgId}' AND seq = 2`);
    expect((await verifyCli(edited.orgId)).output).toMatch(/TAMPERED .*event 2 .*edited event/);

    const reordered = await trailOf('Reordered');
    await sql(`UPDATE audit_events SET seq = 100 WHERE organization_id = '${reordered.orgId}' AND seq = 2`);
    await sql(`UPDATE audit_events SET seq = 2 WHERE organization_id = '${reordered.orgId}' AND seq = 4`);
    await sql(`UPDATE audit_events SET seq = 4 WHERE organization_id = '${reordered.orgId}' AND seq = 100`);
    const result = await verifyCli(reordered.orgId);
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/TAMPERED .*event 2 .*reordered/);
  });

  it('requires the anchor: verification fails when it is deleted, and an edited anchor is caught by its signature', async () => {
    const { orgId } = await trailOf('Anchored');
    const file = path.join(fx.dataDir, AUDIT_ANCHOR_FILE);
    const saved = fs.readFileSync(file, 'utf8');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    fs.rmSync(file);
    const missing = await verifyCli(orgId);
    expect(missing.code).toBe(1);
    expect(missing.output).toMatch(/TAMPERED .*audit anchor .*has no record of this organization's 5 events/);

    const anchors = JSON.parse(saved) as Record<string, { seq: number }>;
    anchors[orgId].seq = 3;
    fs.writeFileSync(file, JSON.stringify(anchors), { mode: 0o600 });
    await sql(`DELETE FROM audit_events WHERE organization_id = '${orgId}' AND seq >= 4`);
    const forged = await verifyCli(orgId);
    expect(forged.code).toBe(1);
    expect(forged.output).toMatch(/TAMPERED .*anchor .*invalid signature/);
    fs.writeFileSync(file, saved, { mode: 0o600 });
  });
});
