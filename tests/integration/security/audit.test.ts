import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { systemContext } from '../../../shared/types/auth';
import { runAuditCommand } from '../../../electron/main/cli/auditCommand';
import { CHECKPOINT_LOG_FILE } from '../../../electron/main/security/auditCheckpoints';
import { AUDIT_SIGNING_KEY_FILE, LEGACY_CHECKPOINT_KEY_FILE } from '../../../electron/main/security/auditSigningKey';
import { auditEventHash } from '../../../electron/main/store/repositories/audit';
import { post, signIn, startTempServer } from '../../support/tempServer';
import { addMember, cleanup, firstSource, ok, type TestServer } from './fixtures';

type Verdict = { ok: boolean; brokenAtSeq?: number | null; reason?: string; count?: number; checkpoints: number };

describe('audit trail: coverage, signed checkpoints, tamper detection', () => {
  let server: TestServer;
  let admin: string;
  let db: Database.Database;
  let orgCounter = 0;

  beforeAll(async () => {
    server = await startTempServer();
    admin = await signIn(server.url);
    db = new Database(path.join(server.dataDir, 'aiser.sqlite'));
  });
  afterAll(async () => {
    db?.close();
    await cleanup(server);
  });
  afterEach(() => vi.restoreAllMocks());

  /** A fresh organization with a 6-event chain, so each test tampers with its own chain. */
  async function seededOrg(): Promise<{ orgId: string; slug: string }> {
    const { store } = server.container.services;
    const slug = `audit-org-${++orgCounter}`;
    const org = await store.organizations.unscopedCreate({ name: `Audit ${orgCounter}`, slug });
    const ctx = systemContext(org.id);
    for (const action of ['auth.sign_in', 'query.run', 'user.update', 'export.csv', 'ai.answer', 'auth.sign_out']) {
      await store.audit.append(ctx, { action, target: `t-${action}`, details: { rows: 3, role: 'viewer' } });
    }
    return { orgId: org.id, slug };
  }
  const verify = (orgId: string) => server.container.services.auditTrail.verify(systemContext(orgId)) as Promise<Verdict>;
  const checkpoint = (orgId: string) => server.container.services.auditTrail.checkpoint(systemContext(orgId));
  const exec = (sql: string, ...params: unknown[]) => db.prepare(sql).run(...params);
  const row = (orgId: string, seq: number) => db.prepare('SELECT * FROM audit_events WHERE organization_id = ? AND seq = ?').get(orgId, seq) as Record<string, string | number>;

  async function cliVerify(slug: string): Promise<{ code: number; output: string }> {
    const lines: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => lines.push(String(chunk)) > 0);
    const code = await runAuditCommand(['verify', '--org', slug, '--data-dir', server.dataDir]);
    vi.restoreAllMocks();
    return { code, output: lines.join('') };
  }

  it('records sign-ins, failed sign-ins, permission changes, queries, policy changes and exports', async () => {
    const person = await addMember(server, admin, 'analyst', 'audited@example.com');
    await post(server.url, 'auth/signIn', { email: person.email, password: 'definitely-wrong' });
    await ok(server, 'users/update', { id: person.id, role: 'executive' }, admin);
    const source = await firstSource(server, admin);
    const result = await ok<{ sqlHash: string }>(server, 'query/run', { sourceId: source.id, sql: 'SELECT region_id, COUNT(*) AS n FROM customers GROUP BY region_id' }, admin);
    await ok(server, 'policies/set', { masking: { 'customers.email': 'hash' }, rowPolicies: [], userAttributes: {} }, admin);
    const exported = await ok<{ content: string; count: number }>(server, 'audit/export', { format: 'csv' }, admin);

    const { events } = await ok<{ events: Array<{ action: string; target: string | null; details: Record<string, unknown> }> }>(server, 'audit/list', { limit: 1000 }, admin);
    const actions = events.map((e) => e.action);
    for (const action of ['setup.complete', 'auth.sign_in', 'user.create', 'auth.sign_in_failed', 'user.update', 'query.run', 'policies.update', 'audit.export']) expect(actions).toContain(action);
    const query = events.find((e) => e.action === 'query.run');
    expect(query?.details).toMatchObject({ sqlHash: result.sqlHash, tables: ['customers'], rowCount: 5 });
    expect(events.find((e) => e.action === 'user.update')?.details).toMatchObject({ role: 'executive' });
    expect(exported.content.split('\r\n')[0]).toBe('seq,at,actorId,action,target,details,prevHash,hash');
    expect(exported.count).toBeGreaterThanOrEqual(8);

    const json = JSON.parse((await ok<{ content: string }>(server, 'audit/export', { format: 'json' }, admin)).content) as { verification: Verdict; events: unknown[] };
    expect(json.verification.ok).toBe(true);
    expect(await ok<Verdict>(server, 'audit/verify', {}, admin)).toMatchObject({ ok: true });
  });

  it('signs checkpoints with a key held only as secret-store ciphertext, readable only by the owner', async () => {
    const { orgId } = await seededOrg();
    const signed = await checkpoint(orgId);
    expect(signed).toMatchObject({ seq: 6, signature: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const boxed = path.join(server.dataDir, AUDIT_SIGNING_KEY_FILE);
    expect(fs.statSync(boxed).mode & 0o777).toBe(0o600);
    const key = Buffer.from(server.container.services.secrets.decrypt(fs.readFileSync(boxed, 'utf8').trim()), 'base64');
    expect(key).toHaveLength(32);
    expect(fs.readFileSync(boxed, 'utf8')).not.toContain(key.toString('base64'));
    expect(fs.existsSync(path.join(server.dataDir, LEGACY_CHECKPOINT_KEY_FILE))).toBe(false);
    expect(fs.statSync(path.join(server.dataDir, CHECKPOINT_LOG_FILE)).mode & 0o777).toBe(0o600);
    expect(await verify(orgId)).toMatchObject({ ok: true, count: 6, checkpoints: 1 });
  });

  it('the periodic job checkpoints every organization active since start', async () => {
    const before = await ok<Verdict & { lastCheckpointSeq: number | null }>(server, 'audit/verify', {}, admin);
    await server.container.services.auditTrail.checkpointActive();
    const after = await ok<Verdict & { lastCheckpointSeq: number | null; head: { seq: number } }>(server, 'audit/verify', {}, admin);
    expect(after.ok).toBe(true);
    expect(after.checkpoints).toBe(before.checkpoints + 1);
    expect(after.lastCheckpointSeq).toBe(after.head.seq); // signed the head as it was after the previous call
  });

  it('detects an edited event (API verify and `aiser audit verify`)', async () => {
    const { orgId, slug } = await seededOrg();
    expect((await cliVerify(slug)).code).toBe(0);
    exec('UPDATE audit_events SET details = ? WHERE organization_id = ? AND seq = 3', '{"rows":3,"role":"admin"}', orgId);
    expect(await verify(orgId)).toMatchObject({ ok: false, brokenAtSeq: 3 });
    const cli = await cliVerify(slug);
    expect(cli.code).toBe(1);
    expect(cli.output).toMatch(/TAMPERED .*event 3/);
  });

  it('detects a deleted event', async () => {
    const { orgId, slug } = await seededOrg();
    exec('DELETE FROM audit_events WHERE organization_id = ? AND seq = 2', orgId);
    expect(await verify(orgId)).toMatchObject({ ok: false, brokenAtSeq: 2 });
    expect((await cliVerify(slug)).code).toBe(1);
  });

  it('detects reordered events', async () => {
    const { orgId, slug } = await seededOrg();
    exec('UPDATE audit_events SET seq = 100 WHERE organization_id = ? AND seq = 2', orgId);
    exec('UPDATE audit_events SET seq = 2 WHERE organization_id = ? AND seq = 4', orgId);
    exec('UPDATE audit_events SET seq = 4 WHERE organization_id = ? AND seq = 100', orgId);
    expect(await verify(orgId)).toMatchObject({ ok: false, brokenAtSeq: 2 });
    expect((await cliVerify(slug)).code).toBe(1);
  });

  it('detects deleted newest events once a checkpoint covered them', async () => {
    const { orgId, slug } = await seededOrg();
    await checkpoint(orgId);
    exec('DELETE FROM audit_events WHERE organization_id = ? AND seq >= 5', orgId);
    expect(await verify(orgId)).toMatchObject({ ok: false, reason: expect.stringMatching(/newest events were deleted/) });
    expect((await cliVerify(slug)).code).toBe(1);
  });

  it('detects an edit whose author re-computed every later hash (the chain is consistent, the signed checkpoint is not)', async () => {
    const { orgId, slug } = await seededOrg();
    await checkpoint(orgId);
    exec('UPDATE audit_events SET target = ? WHERE organization_id = ? AND seq = 2', 'someone-else', orgId);
    let prevHash = String(row(orgId, 1).hash);
    for (let seq = 2; seq <= 6; seq++) {
      const r = row(orgId, seq);
      const hash = auditEventHash(prevHash, {
        organizationId: orgId, seq, at: new Date(Number(r.at) || String(r.at)).toISOString(), actorId: String(r.actor_id),
        action: String(r.action), target: r.target === null ? null : String(r.target), details: JSON.parse(String(r.details)),
      });
      exec('UPDATE audit_events SET prev_hash = ?, hash = ? WHERE organization_id = ? AND seq = ?', prevHash, hash, orgId, seq);
      prevHash = hash;
    }
    const verdict = await verify(orgId);
    expect(verdict).toMatchObject({ ok: false, reason: expect.stringMatching(/chain was rewritten: event 6 .*(anchor|checkpoint)/) });
    expect((await cliVerify(slug)).code).toBe(1);
  });

  it('detects an edited checkpoint file', async () => {
    const { orgId } = await seededOrg();
    await checkpoint(orgId);
    const file = path.join(server.dataDir, CHECKPOINT_LOG_FILE);
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
    const mine = lines.findIndex((line) => line.includes(orgId));
    lines[mine] = lines[mine].replace(/"seq":6/, '"seq":4');
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    expect(await verify(orgId)).toMatchObject({ ok: false, reason: expect.stringMatching(/invalid signature/) });
  });

  it('exports the trail from the CLI as JSON to a file', async () => {
    const { slug } = await seededOrg();
    const out = path.join(server.dataDir, 'audit-export.json');
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await runAuditCommand(['export', '--format', 'json', '--org', slug, '--out', out, '--data-dir', server.dataDir])).toBe(0);
    const exported = JSON.parse(fs.readFileSync(out, 'utf8')) as { events: Array<{ seq: number; action: string }> };
    expect(exported.events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await runAuditCommand(['export', '--format', 'xml', '--data-dir', server.dataDir])).toBe(2);
  });
});
