import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../../shared/types/auth';
import { post, signIn, startTempServer } from '../../support/tempServer';
import { PASSWORD, addMember, cleanup, firstSource, ok, type TestServer } from '../security/fixtures';

interface AlertView { id: string; kind: string | null; severity: string; message: string; status: string }

describe('alert rules fire from real events; alerts are acknowledged and resolved; compliance report', () => {
  let server: TestServer;
  let admin: string;
  let orgId: string;
  let sourceId: string;
  let analyst: { id: string; token: string; email: string };
  /** Opened once and closed after the server: closing a second SQLite handle early drops the server's file locks. */
  let db: Database.Database;
  const alerts = async (status = 'all') => ok<AlertView[]>(server, 'alerts/list', { status }, admin);

  beforeAll(async () => {
    server = await startTempServer();
    admin = await signIn(server.url);
    orgId = (await ok<{ orgId: string }>(server, 'auth/me', {}, admin)).orgId;
    sourceId = (await firstSource(server, admin)).id;
    analyst = await addMember(server, admin, 'analyst', 'analyst@alerts.example');
    await addMember(server, admin, 'viewer', 'viewer@alerts.example');
    db = new Database(path.join(server.dataDir, 'aiser.sqlite'));
  });
  afterAll(async () => {
    db?.close();
    await cleanup(server);
  });

  it('a burst of failed sign-ins across accounts raises one alert; only administrators see alerts', async () => {
    expect((await alerts()).filter((a) => a.kind === 'auth.sign_in_failed')).toEqual([]);
    for (const email of ['analyst@alerts.example', 'viewer@alerts.example', 'analyst@alerts.example', 'viewer@alerts.example']) {
      await post(server.url, 'auth/signIn', { email, password: 'wrong-password-guess' });
    }
    expect((await alerts()).filter((a) => a.kind === 'auth.sign_in_failed')).toEqual([]);
    await post(server.url, 'auth/signIn', { email: 'analyst@alerts.example', password: 'another-wrong-guess' });
    await post(server.url, 'auth/signIn', { email: 'analyst@alerts.example', password: 'another-wrong-guess' }); // still open: not raised twice
    const burst = (await alerts()).filter((a) => a.kind === 'auth.sign_in_failed');
    expect(burst).toEqual([expect.objectContaining({ severity: 'warning', status: 'open', message: '5 failed sign-ins within 10 minutes.' })]);
    expect((await post(server.url, 'alerts/list', {}, analyst.token)).body.error?.code).toBe('FORBIDDEN');
  });

  it('a masked export attempt is refused and raises an alert naming the person', async () => {
    const res = await post(server.url, 'query/export', { sourceId, sql: 'SELECT customer_name, email FROM customers LIMIT 5' }, analyst.token);
    expect(res.body.error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('personal data (email) that your role only sees masked') });
    const raised = (await alerts()).filter((a) => a.kind === 'pii.export_attempt');
    expect(raised).toEqual([expect.objectContaining({ message: 'Someone tried to export personal data they may only see masked (analyst@alerts.example).' })]);
    const own = await ok<{ content: string; rowCount: number }>(server, 'query/export', { sourceId, sql: 'SELECT segment, COUNT(*) AS n FROM customers GROUP BY segment ORDER BY segment' }, analyst.token);
    expect(own.content.split('\r\n')[0]).toBe('segment,n');
    expect(own.rowCount).toBe(3);
  });

  it('a query that filters on or picks apart an e-mail its author sees masked raises the unmasking alert; plain display does not', async () => {
    const before = (await alerts()).filter((a) => a.kind === 'pii.unmask_attempt');
    expect(before).toEqual([]);
    const shown = await ok<{ rows: unknown[][] }>(server, 'query/run', { sourceId, sql: 'SELECT customer_name, email FROM customers LIMIT 3' }, analyst.token);
    expect(shown.rows.length).toBe(3);
    expect((await alerts()).filter((a) => a.kind === 'pii.unmask_attempt')).toEqual([]);
    const probe = await ok<{ rows: unknown[][] }>(server, 'query/run', { sourceId, sql: "SELECT COUNT(*) FROM customers WHERE email LIKE 'a%'" }, analyst.token);
    expect(probe.rows.length).toBe(1);
    const raised = (await alerts()).filter((a) => a.kind === 'pii.unmask_attempt');
    expect(raised).toEqual([expect.objectContaining({ status: 'open', message: expect.stringContaining('analyst@alerts.example') })]);
    const audited = db.prepare("SELECT details FROM audit_events WHERE action = 'query.pii_probe'").all() as Array<{ details: string }>;
    expect(audited.map((r) => JSON.parse(r.details).columns)).toEqual([['customers.email']]);
    // An administrator previewing what a role sees is checking the policy, not probing it.
    await ok(server, 'policies/preview', { sourceId, role: 'analyst', sql: "SELECT COUNT(*) AS n FROM customers WHERE email LIKE 'a%'" }, admin);
    expect(db.prepare("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'query.pii_probe'").get()).toEqual({ n: 1 });
  });

  it('usage near a limit and metric thresholds raise alerts; acknowledging and resolving works through the API', async () => {
    await ok(server, 'org/updateSettings', { limits: { questionsPerDay: 5 } }, admin);
    for (let i = 0; i < 4; i += 1) await ok(server, 'chat/ask', { sourceId, question: 'How many customers are there?', mode: 'offline' }, analyst.token);
    const near = (await alerts()).find((a) => a.kind === 'usage.near_limit');
    expect(near?.message).toBe('Usage of questionsPerDay is at 4 of 5 (80%).');

    await ok(server, 'alertRules/save', { name: 'Answers are being asked', metric: 'ai.answer.latency_ms', condition: { op: '>=', threshold: 4, aggregate: 'count', windowMinutes: 60, severity: 'info' } }, admin);
    expect(await server.container.services.admin.housekeeping.evaluateAlerts()).toBe(1);
    const threshold = (await alerts()).find((a) => a.kind === 'metric.threshold');
    expect(threshold?.message).toMatch(/^Answers are being asked: count of ai\.answer\.latency_ms over 60 minutes is \d+ \(>= 4\)\.$/);

    expect(await ok<AlertView>(server, 'alerts/acknowledge', { id: threshold!.id }, admin)).toMatchObject({ status: 'acknowledged' });
    expect(await ok<AlertView>(server, 'alerts/resolve', { id: threshold!.id }, admin)).toMatchObject({ status: 'resolved' });
    expect((await alerts('open')).map((a) => a.id)).not.toContain(threshold!.id);
    expect((await alerts('resolved')).map((a) => a.id)).toContain(threshold!.id);
    // Model tokens are charged as models answer: the schedule notices when they near the limit.
    await ok(server, 'org/updateSettings', { limits: { llmTokensPerMonth: 1000 } }, admin);
    await server.container.services.store.metrics.record(systemContext(orgId), { name: 'ai.tokens', value: 900, tags: { provider: 'test' } });
    await server.container.services.admin.housekeeping.evaluateAlerts();
    expect((await alerts()).map((a) => a.message)).toContain('Usage of llmTokensPerMonth is at 900 of 1000 (90%).');
    const bad = await post(server.url, 'alertRules/save', { name: 'No threshold', metric: 'ai.tokens', condition: {} }, admin);
    expect(bad.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: 'A rule on the metric "ai.tokens" needs a comparison and a threshold.' });
  });

  it('the compliance report lists access, exports, AI operations, policy changes and alerts as CSV', async () => {
    await ok(server, 'policies/set', { masking: { segment: 'partial' }, rowPolicies: [], userAttributes: {} }, admin);
    const today = new Date().toISOString().slice(0, 10);
    const report = await ok<{ filename: string; content: string; sections: Record<string, number> }>(server, 'compliance/export', { from: today, to: today }, admin);
    expect(report.filename).toBe(`compliance-${today}-to-${today}.csv`);
    const lines = report.content.trim().split('\r\n');
    expect(lines[0]).toBe('section,at,who,action,target,details');
    for (const section of ['access', 'exports', 'ai operations', 'policy changes', 'alerts']) expect(report.sections[section], section).toBeGreaterThan(0);
    expect(lines.some((l) => l.startsWith('exports,') && l.includes('analyst@alerts.example') && l.includes('export.masked_attempt'))).toBe(true);
    expect(lines.some((l) => l.startsWith('policy changes,') && l.includes('policies.update'))).toBe(true);
    const empty = await ok<{ content: string }>(server, 'compliance/export', { from: '2001-01-01', to: '2001-01-31' }, admin);
    expect(empty.content).toBe('section,at,who,action,target,details\r\n');
    expect((await post(server.url, 'compliance/export', { from: today, to: '2001-01-01' }, admin)).body.error?.code).toBe('VALIDATION_FAILED');
  });

  it('housekeeping purges expired sessions and metrics past retention', async () => {
    const { store, admin: services } = server.container.services;
    const ctx = systemContext(orgId);
    await store.sessions.create(ctx, { userId: analyst.id, tokenHash: 'expired-session-hash', expiresAt: new Date(Date.now() - 60_000) });
    await store.metrics.record(ctx, { name: 'ai.answer.latency_ms', value: 5, recordedAt: new Date(Date.now() - 400 * 86_400_000) });
    const purged = await services.housekeeping.purge();
    expect(purged.sessionsPurged).toBeGreaterThanOrEqual(1);
    expect(purged.metricsPurged).toBe(1);
    expect(await store.sessions.unscopedFindByTokenHash('expired-session-hash')).toBeNull();
    expect((await signIn(server.url, analyst.email, PASSWORD)).length).toBeGreaterThan(10);
  });

  it('a tampered audit row makes verification fail and raises a critical alert', async () => {
    db.prepare('UPDATE audit_events SET details = ? WHERE organization_id = ? AND seq = 2').run('{"tampered":true}', orgId);
    const verdict = await ok<{ ok: boolean }>(server, 'audit/verify', {}, admin);
    expect(verdict.ok).toBe(false);
    const broken = (await alerts()).filter((a) => a.kind === 'audit.chain_broken');
    expect(broken).toEqual([expect.objectContaining({ severity: 'critical', message: expect.stringContaining('The audit trail failed verification: Audit event 2 fails verification') })]);
    expect(await server.container.services.admin.housekeeping.verifyAuditChains()).toBe(0); // same situation, still open
  });
});
