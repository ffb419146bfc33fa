import dgram from 'node:dgram';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { systemContext } from '../../../shared/types/auth';
import { runAuditCommand } from '../../../electron/main/cli/auditCommand';
import { AUDIT_ANCHOR_FILE } from '../../../electron/main/security/auditAnchor';
import { CHECKPOINT_LOG_FILE } from '../../../electron/main/security/auditCheckpoints';
import { AuditTrail } from '../../../electron/main/security/auditTrail';
import { createKeyFileSecretBox } from '../../../electron/main/security/secrets';
import { startTempServer, tempDataDir } from '../../support/tempServer';
import { cleanup, type TestServer } from './fixtures';

/** An intruder who can write the whole data folder — store, anchor and checkpoint log — and
 *  rolls them back to an earlier state is still caught by the witness outside it. */
describe('audit checkpoints witnessed outside the data folder', () => {
  let server: TestServer;
  let witnessDir: string;
  let witnessFile: string;
  let syslog: dgram.Socket;
  const received: string[] = [];

  beforeAll(async () => {
    syslog = dgram.createSocket('udp4');
    syslog.on('message', (message) => received.push(message.toString('utf8')));
    await new Promise<void>((resolve) => syslog.bind(0, '127.0.0.1', () => resolve()));
    witnessDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiser-witness-'));
    witnessFile = path.join(witnessDir, 'audit-witness.jsonl');
    server = await startTempServer(tempDataDir(), { AISER_AUDIT_WITNESS_FILE: witnessFile, AISER_AUDIT_SYSLOG: `udp://127.0.0.1:${syslog.address().port}` });
  });
  afterAll(async () => {
    syslog?.close();
    await cleanup(server);
    fs.rmSync(witnessDir, { recursive: true, force: true });
  });

  async function cliVerify(org: string): Promise<{ code: number; output: string }> {
    const lines: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => lines.push(String(chunk)) > 0);
    vi.stubEnv('AISER_AUDIT_WITNESS_FILE', witnessFile); // the operator runs the CLI with the server's settings
    const code = await runAuditCommand(['verify', '--org', org, '--data-dir', server.dataDir]).finally(() => {
      vi.restoreAllMocks();
      vi.unstubAllEnvs();
    });
    return { code, output: lines.join('') };
  }

  it('sends each checkpoint to the witness file and to syslog', async () => {
    const { store, auditTrail } = server.container.services;
    const org = await store.organizations.unscopedCreate({ name: 'Witnessed', slug: 'witnessed' });
    await store.audit.append(systemContext(org.id), { action: 'auth.sign_in', details: {} });
    const signed = await auditTrail.checkpoint(systemContext(org.id));
    const witnessed = fs.readFileSync(witnessFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { orgId: string; signature: string });
    expect(witnessed.find((c) => c.orgId === org.id)?.signature).toBe(signed?.signature);
    await vi.waitFor(() => expect(received.some((m) => m.startsWith('<133>1 ') && m.includes(signed!.signature))).toBe(true));
  });

  it('catches a data folder rolled back to an earlier checkpoint with the newest events deleted', async () => {
    const { store, auditTrail } = server.container.services;
    const org = await store.organizations.unscopedCreate({ name: 'Rolled back', slug: 'rolled-back' });
    const ctx = systemContext(org.id);
    for (const action of ['auth.sign_in', 'query.run', 'export.csv']) await store.audit.append(ctx, { action, details: {} });
    await auditTrail.checkpoint(ctx);
    const earlier = new Map([AUDIT_ANCHOR_FILE, CHECKPOINT_LOG_FILE].map((name) => [name, fs.readFileSync(path.join(server.dataDir, name))]));
    for (const action of ['user.update', 'policies.update', 'export.csv']) await store.audit.append(ctx, { action, details: {} });
    await auditTrail.checkpoint(ctx);
    expect((await cliVerify('rolled-back')).code).toBe(0);

    // The intruder deletes events 4–6 and puts back the anchor and checkpoint log as they were at event 3.
    const db = new Database(path.join(server.dataDir, 'aiser.sqlite'));
    db.prepare('DELETE FROM audit_events WHERE organization_id = ? AND seq >= 4').run(org.id);
    db.close();
    for (const [name, content] of earlier) fs.writeFileSync(path.join(server.dataDir, name), content, { mode: 0o600 });
    expect(await new AuditTrail(store, { dataDir: server.dataDir, secrets: createKeyFileSecretBox(server.dataDir) }).verify(ctx)).toMatchObject({ ok: true, count: 3 }); // without the witness it looks intact
    const result = await cliVerify('rolled-back');
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/TAMPERED .*newest events were deleted .*witnessed checkpoint .*records 6 events, the store holds 3/);
  });

  it('refuses a witness file inside the data folder', async () => {
    const inside = tempDataDir();
    try {
      await expect(startTempServer(inside, { AISER_AUDIT_WITNESS_FILE: path.join(inside, 'witness.jsonl') })).rejects.toThrow(/AISER_AUDIT_WITNESS_FILE .*inside the data folder/);
    } finally {
      fs.rmSync(inside, { recursive: true, force: true });
    }
  });
});
