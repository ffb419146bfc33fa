import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post, signIn, startTempServer } from '../../support/tempServer';
import { addMember, cleanup, expectRefused, firstSource, ok, type TestServer } from '../security/fixtures';

type Result = { columns: Array<{ name: string; masked?: boolean }>; rows: Array<Array<string | number | null>>; rowCount: number; truncated: boolean };
type Preview = Result & { viewedAs: { role: string; userId: string | null; name: string | null } };
type AuditEvent = { actorId: string; action: string; details: Record<string, unknown> };

const column = (result: Result, name: string) => {
  const index = result.columns.findIndex((c) => c.name === name);
  expect(index, `column ${name}`).toBeGreaterThanOrEqual(0);
  return result.rows.map((row) => row[index]);
};

describe('data-policy preview runs on the source as the chosen role or person', () => {
  let server: TestServer;
  let admin: string;
  let adminId: string;
  let analyst: { id: string; token: string };
  let sourceId: string;
  let rawEmails: Set<string>;

  beforeAll(async () => {
    server = await startTempServer();
    admin = await signIn(server.url);
    adminId = (await ok<{ id: string }>(server, 'auth/me', {}, admin)).id;
    analyst = await addMember(server, admin, 'analyst', 'analyst-preview@example.com');
    ({ id: sourceId } = await firstSource(server, admin));
    const all = await ok<Result>(server, 'query/run', { sourceId, sql: 'SELECT email FROM customers' }, admin);
    rawEmails = new Set(all.rows.map((r) => String(r[0])));
    await ok(server, 'policies/set', {
      masking: { 'customers.email': 'hash' },
      rowPolicies: [
        { table: 'customers', column: 'region_id', roles: ['analyst'], attribute: 'region' },
        { table: 'customers', column: 'region_id', roles: ['executive'], values: [3] },
      ],
      userAttributes: { [analyst.id]: { region: 2 } },
    }, admin);
  });
  afterAll(() => cleanup(server));

  it('as a person: only their rows, masked columns hashed, the same rows they get themselves', async () => {
    const preview = await ok<Preview>(server, 'policies/preview', { sourceId, userId: analyst.id, table: 'customers', limit: 200 }, admin);
    expect(preview.viewedAs).toMatchObject({ role: 'analyst', userId: analyst.id });
    expect(preview.rowCount).toBeGreaterThan(0);
    expect(new Set(column(preview, 'region_id'))).toEqual(new Set([2]));
    expect(preview.columns.find((c) => c.name === 'email')?.masked).toBe(true);
    expect(column(preview, 'email').every((e) => /^#[0-9a-f]{16}$/.test(String(e)))).toBe(true);
    expect(column(preview, 'email').filter((e) => rawEmails.has(String(e)))).toEqual([]);
    const own = await ok<Result>(server, 'query/preview', { sourceId, table: 'customers', limit: 200 }, analyst.token);
    expect(preview.rows).toEqual(own.rows);
  });

  it('as a role: a fixed-value rule filters rows of a free SELECT; admins see every region unmasked', async () => {
    const sql = 'SELECT region_id, COUNT(*) AS n FROM customers GROUP BY region_id ORDER BY region_id';
    const asExecutive = await ok<Preview>(server, 'policies/preview', { sourceId, role: 'executive', sql }, admin);
    const everything = await ok<Result>(server, 'query/run', { sourceId, sql }, admin);
    expect(asExecutive.rows).toEqual(everything.rows.filter((r) => r[0] === 3));
    const asAdmin = await ok<Preview>(server, 'policies/preview', { sourceId, role: 'admin', table: 'customers', limit: 200 }, admin);
    expect(new Set(column(asAdmin, 'region_id')).size).toBeGreaterThan(1);
    expect(column(asAdmin, 'email').every((e) => rawEmails.has(String(e)))).toBe(true);
    expect(asAdmin.rows.length).toBe(200);
    expect(asAdmin.truncated).toBe(true);
  });

  it('a role whose rows depend on a personal attribute asks for a person instead', async () => {
    const res = await post(server.url, 'policies/preview', { sourceId, role: 'analyst', table: 'customers' }, admin);
    expectRefused(res, 403, 'FORBIDDEN');
    expect(res.body.error?.message).toMatch(/role analyst has no "region"/);
    expect((res.body.error as { hint?: string } | undefined)?.hint).toMatch(/Preview as a person/);
  });

  it('is recorded as the administrator’s run, naming who was previewed', async () => {
    const { events } = await ok<{ events: AuditEvent[] }>(server, 'audit/list', { limit: 1000, action: 'query.run' }, admin);
    const previews = events.filter((e) => e.details.origin === 'policy-preview');
    expect(previews.length).toBeGreaterThan(0);
    expect(previews.every((e) => e.actorId === adminId)).toBe(true);
    expect(previews.some((e) => e.details.viewedAsUser === analyst.id)).toBe(true);
  });

  it('refuses people without org:manage and asks for exactly one role or person', async () => {
    expectRefused(await post(server.url, 'policies/preview', { sourceId, role: 'viewer', table: 'customers' }, analyst.token), 403, 'FORBIDDEN');
    const both = await post(server.url, 'policies/preview', { sourceId, role: 'viewer', userId: analyst.id, table: 'customers' }, admin);
    expectRefused(both, 400, 'VALIDATION_FAILED');
    expect(both.body.error?.message).toMatch(/either a role or a person/);
  });
});
