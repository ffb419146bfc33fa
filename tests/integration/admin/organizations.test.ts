import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dumpStore } from '../../support/storeDump';
import { post, signIn, startTempServer, tempDataDir } from '../../support/tempServer';
import { PASSWORD, addMember, cleanup, ok, type TestServer } from '../security/fixtures';

interface Summary { id: string; name: string; status: string; people: number; projects: number }
interface ProjectView { id: string; name: string; members: Array<{ userId: string; projectRole: string }>; sourceIds: string[] | null; ownSourceIds: string[] }

describe('organizations and projects', () => {
  let server: TestServer;
  let platform: string;
  let roots: string;

  beforeAll(async () => {
    roots = fs.mkdtempSync(path.join(os.tmpdir(), 'aiser-org-files-'));
    const dataDir = tempDataDir();
    server = await startTempServer(dataDir, { AISER_FILE_ROOTS: [path.join(roots, '{orgId}'), path.join(dataDir, 'demo', '{orgId}')].join(path.delimiter) });
    platform = await signIn(server.url);
  });
  afterAll(async () => {
    await cleanup(server);
    fs.rmSync(roots, { recursive: true, force: true });
  });

  async function newOrganization(name: string, adminEmail: string): Promise<{ org: Summary; token: string }> {
    const org = await ok<Summary>(server, 'orgs/create', { name, adminEmail, adminName: `${name} admin`, adminPassword: PASSWORD }, platform);
    return { org, token: await signIn(server.url, adminEmail, PASSWORD) };
  }

  it('the platform administrator creates, renames and suspends organizations; organization admins cannot', async () => {
    const { org, token } = await newOrganization('Client Alpha', 'admin@alpha.example');
    expect(org).toMatchObject({ name: 'Client Alpha', status: 'active', people: 1, projects: 1 });
    const refused = await post(server.url, 'orgs/list', {}, token);
    expect(refused.body.error).toMatchObject({ code: 'FORBIDDEN', message: 'Only a platform administrator can manage organizations.' });
    expect((await post(server.url, 'orgs/create', { name: 'Sneaky', adminEmail: 'x@y.example', adminName: 'X', adminPassword: PASSWORD }, token)).body.error?.code).toBe('FORBIDDEN');

    expect(await ok<Summary>(server, 'orgs/rename', { id: org.id, name: 'Client Alpha Ltd' }, platform)).toMatchObject({ name: 'Client Alpha Ltd' });
    await ok(server, 'orgs/setStatus', { id: org.id, status: 'suspended' }, platform);
    expect((await post(server.url, 'auth/me', {}, token)).body.ok).toBe(false); // sessions ended
    expect((await post(server.url, 'auth/signIn', { email: 'admin@alpha.example', password: PASSWORD })).body.error?.message).toBe('Client Alpha Ltd is suspended: Aiser cannot be used for it right now.');
    await ok(server, 'orgs/setStatus', { id: org.id, status: 'active' }, platform);
    expect(await signIn(server.url, 'admin@alpha.example', PASSWORD)).toEqual(expect.any(String));
    const list = await ok<Summary[]>(server, 'orgs/list', {}, platform);
    expect(list.map((o) => o.name)).toEqual(['My Organization', 'Client Alpha Ltd']);
  });

  it('organization admins create projects, add members with a project role and choose the project’s sources', async () => {
    const { token } = await newOrganization('Client Gamma', 'admin@gamma.example');
    const folder = path.join(roots, (await ok<{ orgId: string }>(server, 'auth/me', {}, token)).orgId);
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'sales.csv'), 'region,amount\nnorth,10\nsouth,20\n');
    const project = await ok<ProjectView>(server, 'projects/create', { name: 'Finance' }, token);
    const [general] = (await ok<ProjectView[]>(server, 'projects/list', {}, token)).filter((p) => p.name === 'General');
    const sales = await ok<{ id: string }>(server, 'sources/create', { projectId: general.id, name: 'Sales files', config: { type: 'files', path: folder } }, token);
    const hr = await ok<{ id: string }>(server, 'sources/create', { projectId: project.id, name: 'HR files', config: { type: 'files', path: folder } }, token);
    const analyst = await addMember(server, token, 'analyst', 'ana@gamma.example', { projectIds: [] });
    expect(await ok(server, 'sources/list', {}, analyst.token)).toEqual([]);

    const withMember = await ok<ProjectView>(server, 'projects/setMember', { projectId: project.id, userId: analyst.id, role: 'editor' }, token);
    expect(withMember.members).toContainEqual(expect.objectContaining({ userId: analyst.id, projectRole: 'editor' }));
    const relogged = await signIn(server.url, 'ana@gamma.example', PASSWORD);
    expect((await ok<Array<{ id: string }>>(server, 'sources/list', {}, relogged)).map((s) => s.id)).toEqual([hr.id]);

    // The administrator gives Finance the General project's sales files instead of its own HR files.
    const chosen = await ok<ProjectView>(server, 'projects/setSources', { projectId: project.id, sourceIds: [sales.id] }, token);
    expect(chosen.sourceIds).toEqual([sales.id]);
    expect((await ok<Array<{ id: string }>>(server, 'sources/list', {}, relogged)).map((s) => s.id)).toEqual([sales.id]);
    expect(await ok<{ rows: unknown[][] }>(server, 'query/run', { sourceId: sales.id, sql: 'SELECT SUM(amount) AS total FROM sales' }, relogged)).toMatchObject({ rows: [[30]] });
    const blocked = await post(server.url, 'query/run', { sourceId: hr.id, sql: 'SELECT * FROM sales' }, relogged);
    expect(blocked.body.error?.code).toBe('NOT_FOUND');
    expect((await post(server.url, 'projects/list', {}, relogged)).body.error?.code).toBe('FORBIDDEN');

    await ok(server, 'projects/setMember', { projectId: project.id, userId: analyst.id, role: null }, token);
    const again = await signIn(server.url, 'ana@gamma.example', PASSWORD);
    expect(await ok(server, 'sources/list', {}, again)).toEqual([]);
  });

  it('deleting an organization asks for its name and removes every row and file it owns', async () => {
    const { org, token } = await newOrganization('Client Doomed', 'admin@doomed.example');
    const folder = path.join(roots, org.id);
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'orders.csv'), 'order_id,customer_email\n1,zed@doomed-customer.example\n');
    const [project] = await ok<ProjectView[]>(server, 'projects/list', {}, token);
    const source = await ok<{ id: string }>(server, 'sources/create', { projectId: project.id, name: 'Doomed orders', config: { type: 'files', path: folder } }, token);
    const viewer = await addMember(server, token, 'viewer', 'vic@doomed.example');
    await ok(server, 'query/run', { sourceId: source.id, sql: 'SELECT COUNT(*) AS n FROM orders' }, token);
    await ok(server, 'chat/ask', { sourceId: source.id, question: 'How many orders are there?', mode: 'offline' }, token);
    await ok(server, 'dashboards/create', { projectId: project.id, name: 'Doomed board' }, token);
    await ok(server, 'org/updateSettings', { limits: { questionsPerDay: 100 } }, token);
    await ok(server, 'audit/checkpoint', {}, token);
    await post(server.url, 'auth/signIn', { email: viewer.email, password: 'wrong-password-1' });
    expect(JSON.stringify(dumpStore(server.dataDir))).toContain(org.id);

    const wrongName = await post(server.url, 'orgs/delete', { id: org.id, confirmName: 'Client doomed' }, platform);
    expect(wrongName.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'confirmName', message: 'Type the organization’s name exactly ("Client Doomed") to delete it.' });
    const deleted = await ok<{ removedFiles: number }>(server, 'orgs/delete', { id: org.id, confirmName: 'Client Doomed' }, platform);
    expect(deleted.removedFiles).toBe(1);

    // The platform's own trail keeps a record that the deletion happened; nothing else may remain.
    const dump = dumpStore(server.dataDir);
    dump.audit_events = dump.audit_events.filter((row) => !String(row.action).startsWith('platform.'));
    const remaining = JSON.stringify(dump);
    for (const trace of [org.id, 'Client Doomed', 'admin@doomed.example', 'vic@doomed.example', source.id, project.id, 'Doomed board']) expect(remaining.includes(trace), trace).toBe(false);
    expect(fs.existsSync(folder)).toBe(false);
    const checkpoints = path.join(server.dataDir, 'audit-checkpoints.jsonl');
    expect(fs.existsSync(checkpoints) ? fs.readFileSync(checkpoints, 'utf8') : '').not.toContain(org.id);
    expect((await post(server.url, 'auth/me', {}, token)).body.ok).toBe(false);
    const verdict = await ok<{ ok: boolean }>(server, 'audit/verify', {}, platform);
    expect(verdict.ok).toBe(true);
  });
});
