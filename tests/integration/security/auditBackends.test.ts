import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runAuditCommand } from '../../../electron/main/cli/auditCommand';
import { AuditTrail } from '../../../electron/main/security/auditTrail';
import { BACKENDS, seedOrganization, type StoreFixture } from '../store/harness';

/** `aiser audit verify` on both store backends: signed checkpoints catch a truncated trail. */
describe.each(BACKENDS)('aiser audit verify on $name', (backend) => {
  let fx: StoreFixture;

  beforeAll(async () => {
    fx = await backend.open();
  });
  afterAll(async () => {
    await fx?.cleanup();
  });
  afterEach(() => vi.restoreAllMocks());

  async function verifyCli(): Promise<{ code: number; output: string }> {
    const lines: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => lines.push(String(chunk)) > 0);
    const args = ['verify', '--data-dir', fx.dataDir, ...(fx.databaseUrl ? ['--database-url', fx.databaseUrl] : [])];
    const code = await runAuditCommand(args);
    vi.restoreAllMocks();
    return { code, output: lines.join('') };
  }

  it('passes an intact trail, then detects the newest events deleted after a signed checkpoint', async () => {
    const { orgId, admin } = await seedOrganization(fx.store, 'Checkpointed');
    for (const action of ['auth.sign_in', 'query.run', 'export.csv', 'ai.answer']) await fx.store.audit.append(admin, { action, details: { n: 1 } });
    const trail = new AuditTrail(fx.store, fx.dataDir);
    expect(await trail.checkpoint(admin)).toMatchObject({ seq: 4 });
    const intact = await verifyCli();
    expect(intact.code).toBe(0);
    expect(intact.output).toMatch(/OK .*4 events, chain intact, 1 signed checkpoint/);

    await fx.rawQuery(`DELETE FROM audit_events WHERE organization_id = '${orgId}' AND seq >= 3`);
    const truncated = await verifyCli();
    expect(truncated.code).toBe(1);
    expect(truncated.output).toMatch(/TAMPERED .*checkpoint/);
  });
});
