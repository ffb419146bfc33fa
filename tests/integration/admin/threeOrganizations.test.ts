import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALL_KEYS, type CallKey } from '../../../shared/api/contract';
import { ROLES, type Role } from '../../../shared/types/auth';
import { post, signIn, startTempServer } from '../../support/tempServer';
import { PASSWORD, cleanup, filesDir, ok, type TestServer } from '../security/fixtures';

/** One project's things, and the strings that betray them. */
interface ProjectThings { projectId: string; sourceId: string; dashboardId: string; widgetId: string; conversationId: string; messageId: string; canaries: string[] }
interface Org { name: string; orgId: string; people: Record<Role, { id: string; token: string }>; main: ProjectThings; other: ProjectThings; canaries: string[] }

type Own = { main: ProjectThings };
/** Every read call of the contract with a request naming the caller's own things; writes are
 *  listed by name. A new call must be placed in one of the two, or this suite fails. */
const READS: Partial<Record<CallKey, (own: Own) => unknown>> = {
  'system/health': () => ({}), 'setup/status': () => ({}), 'sso/status': () => ({}),
  'auth/me': () => ({}), 'chat/suggestions': (o) => ({ sourceId: o.main.sourceId }),
  'sources/list': () => ({}), 'sources/get': (o) => ({ id: o.main.sourceId }), 'sources/schema': (o) => ({ id: o.main.sourceId }),
  'sources/glossary': (o) => ({ id: o.main.sourceId }),
  'query/run': (o) => ({ sourceId: o.main.sourceId, sql: 'SELECT * FROM contacts' }), 'query/preview': (o) => ({ sourceId: o.main.sourceId, table: 'contacts' }),
  'query/export': (o) => ({ sourceId: o.main.sourceId, sql: 'SELECT region FROM contacts' }),
  'conversations/list': () => ({}), 'conversations/get': (o) => ({ id: o.main.conversationId }),
  'ai/listProviders': () => ({}), 'ai/status': () => ({}), 'ai/checkHealth': () => ({}),
  'dashboards/list': () => ({}), 'dashboards/get': (o) => ({ id: o.main.dashboardId }), 'dashboards/runWidget': (o) => ({ dashboardId: o.main.dashboardId, widgetId: o.main.widgetId }),
  'users/list': () => ({}), 'audit/list': () => ({ limit: 1000 }), 'audit/verify': () => ({}), 'audit/export': () => ({ format: 'json' }),
  'policies/get': () => ({}), 'policies/preview': (o) => ({ sourceId: o.main.sourceId, role: 'viewer', table: 'contacts' }), 'orgs/list': () => ({}), 'org/settings': () => ({}), 'org/usage': () => ({}), 'projects/list': () => ({}),
  'alerts/list': () => ({ status: 'all' }), 'alertRules/list': () => ({}), 'compliance/export': () => ({ from: '2000-01-01', to: '2100-01-01' }),
  'compliance/exportPdf': () => ({ from: '2000-01-01', to: '2100-01-01' }),
  'lineage/answer': (o) => ({ messageId: o.main.messageId }), 'sessions/list': () => ({}),
  'system/policy': () => ({}), 'insights/list': (o) => ({ projectId: o.main.projectId }),
  'insights/summary': (o) => ({ projectId: o.main.projectId, from: '2000-01-01', to: '2100-01-01' }),
  // An id no one owns: the read must be refused the same way for every caller (probed by id in tenancy.test.ts).
  'insights/get': () => ({ id: 'insight-that-does-not-exist' }),
  'reports/list': () => ({}), 'reports/schedules/list': () => ({}),
  'answers/verified': (o) => ({ sourceId: o.main.sourceId }),
  'reports/preview': (o) => ({ origin: { kind: 'dashboard', dashboardId: o.main.dashboardId }, audience: 'analyst' }),
};
const WRITES = new Set<string>([
  'setup/complete', 'auth/signIn', 'auth/signOut', 'profile/update', 'sources/test', 'sources/create', 'sources/update', 'sources/remove', 'sources/setGlossary',
  'chat/ask', 'chat/feedback', 'conversations/rename', 'conversations/remove', 'ai/saveProvider', 'ai/removeProvider', 'ai/testProvider',
  'dashboards/create', 'dashboards/update', 'dashboards/remove', 'dashboards/addWidget', 'dashboards/removeWidget',
  'users/create', 'users/update', 'users/resetPassword', 'users/signOutEverywhere', 'auth/changePassword', 'audit/checkpoint', 'policies/set',
  'sso/start', 'sso/complete', 'ops/cancel', 'orgs/create', 'orgs/rename', 'orgs/setStatus', 'orgs/delete', 'org/updateSettings',
  'projects/create', 'projects/rename', 'projects/remove', 'projects/setMember', 'projects/setSources',
  'alerts/acknowledge', 'alerts/resolve', 'alertRules/save', 'alertRules/remove', 'sessions/revoke',
  'dashboards/saveAnswer', 'dashboards/updateWidget', 'sources/upload',
  'reports/create', 'reports/download', 'reports/cancel', 'reports/schedules/create', 'reports/schedules/update', 'reports/schedules/remove',
  'reports/schedules/runNow', 'reports/schedules/runs', 'answers/verify',
]);

describe('three organizations with projects and people of every role: nothing crosses organizations or projects', () => {
  let server: TestServer;
  const orgs: Org[] = [];

  async function projectThings(server: TestServer, adminToken: string, org: string, projectId: string, label: string): Promise<ProjectThings> {
    const dir = filesDir(server, `${org}-${label}`);
    const secret = `secret-${org}-${label}@contacts.example`.toLowerCase();
    fs.writeFileSync(path.join(dir, 'contacts.csv'), `contact_id,region,contact_email\n1,${org}-${label}-north,${secret}\n2,${org}-${label}-south,other-${secret}\n`);
    const source = await ok<{ id: string }>(server, 'sources/create', { projectId, name: `Source ${org} ${label}`, config: { type: 'files', path: dir } }, adminToken);
    const board = await ok<{ id: string }>(server, 'dashboards/create', { projectId, name: `Board ${org} ${label}`, shared: true }, adminToken);
    const placed = await ok<{ widgets: Array<{ id: string }> }>(server, 'dashboards/addWidget', { dashboardId: board.id, title: `Widget ${org} ${label}`, sourceId: source.id, sql: 'SELECT region, COUNT(*) AS n FROM contacts GROUP BY region', chart: { type: 'table', title: `Widget ${org} ${label}`, y: [] } }, adminToken);
    const answer = await ok<{ conversationId: string; messageId: string }>(server, 'chat/ask', { sourceId: source.id, question: 'How many contacts are there?', mode: 'offline' }, adminToken);
    return {
      projectId, sourceId: source.id, dashboardId: board.id, widgetId: placed.widgets[0].id, conversationId: answer.conversationId, messageId: answer.messageId,
      canaries: [source.id, board.id, `Source ${org} ${label}`, `Board ${org} ${label}`, `${org}-${label}-north`, secret, answer.conversationId, answer.messageId],
    };
  }

  beforeAll(async () => {
    server = await startTempServer();
    const platform = await signIn(server.url);
    for (const name of ['Oak', 'Elm', 'Ash']) {
      const slug = name.toLowerCase();
      const summary = await ok<{ id: string }>(server, 'orgs/create', { name: `Org ${name}`, adminEmail: `admin@${slug}.example`, adminName: `${name} admin`, adminPassword: PASSWORD }, platform);
      const admin = await signIn(server.url, `admin@${slug}.example`, PASSWORD);
      const [general] = await ok<Array<{ id: string }>>(server, 'projects/list', {}, admin);
      const second = await ok<{ id: string }>(server, 'projects/create', { name: `${name} second project` }, admin);
      const main = await projectThings(server, admin, slug, general.id, 'main');
      const other = await projectThings(server, admin, slug, second.id, 'other');
      const people = { admin: { id: '', token: admin } } as Org['people'];
      for (const role of ROLES.filter((r) => r !== 'admin')) {
        const email = `${role}@${slug}.example`;
        const person = await ok<{ id: string }>(server, 'users/create', { email, name: `${name} ${role}`, role, password: PASSWORD, projectIds: [general.id] }, admin);
        people[role] = { id: person.id, token: await signIn(server.url, email, PASSWORD) };
      }
      // Each organization gets an alert of its own (through the API other features call).
      await server.container.services.admin.alerts.raise(summary.id, { kind: 'report.failed', severity: 'warning', message: `Report of ${slug} failed`, dedupeKey: `report-${slug}` });
      orgs.push({ name: `Org ${name}`, orgId: summary.id, people, main, other, canaries: [summary.id, `Org ${name}`, `admin@${slug}.example`, `Report of ${slug} failed`, ...main.canaries, ...other.canaries] });
    }
  }, 240_000);
  afterAll(() => cleanup(server));

  it('classifies every call of the contract as a read (probed below) or a write', () => {
    expect(CALL_KEYS.filter((key) => !READS[key] && !WRITES.has(key))).toEqual([]);
  });

  it('no read call returns another organization’s things, or (below admin) another project’s', async () => {
    const problems: string[] = [];
    for (const org of orgs) {
      const foreign = orgs.filter((o) => o !== org).flatMap((o) => o.canaries);
      for (const role of ROLES) {
        const { token } = org.people[role];
        const forbiddenHere = role === 'admin' ? foreign : [...foreign, ...org.other.canaries];
        for (const key of CALL_KEYS) {
          const body = READS[key];
          if (!body) continue;
          const res = await post(server.url, key, body(org), token);
          const text = JSON.stringify(res.body);
          const leaks = forbiddenHere.filter((c) => text.includes(c));
          if (leaks.length) problems.push(`${org.name} ${role} ${key} leaked ${leaks.join(', ')}`);
          if (res.status >= 500) problems.push(`${org.name} ${role} ${key}: ${res.status} ${res.body.error?.code}`);
        }
      }
    }
    expect(problems).toEqual([]);
  }, 600_000);

  it('people below admin cannot read the other project’s things by id', async () => {
    const problems: string[] = [];
    for (const org of orgs) {
      for (const role of ROLES.filter((r) => r !== 'admin')) {
        for (const key of CALL_KEYS) {
          const body = READS[key];
          if (!body) continue;
          const request = body({ main: org.other });
          if (JSON.stringify(request) === JSON.stringify(body({ main: org.main }))) continue; // takes no id
          const res = await post(server.url, key, request, org.people[role].token);
          if (res.body.ok) problems.push(`${org.name} ${role} ${key} read the other project`);
        }
      }
    }
    expect(problems).toEqual([]);
  }, 300_000);

  it('answers, caches, alerts, lineage and audit stay in their organization', async () => {
    for (const org of orgs) {
      const alerts = await ok<Array<{ kind: string; message: string }>>(server, 'alerts/list', { status: 'all' }, org.people.admin.token);
      expect(alerts.map((a) => a.message)).toEqual([`Report of ${org.name.slice(4).toLowerCase()} failed`]);
      const lineage = await ok<{ reads: Array<{ sourceId: string }> }>(server, 'lineage/answer', { messageId: org.main.messageId }, org.people.admin.token);
      expect(lineage.reads.map((r) => r.sourceId)).toEqual([org.main.sourceId]);
      const verdict = await ok<{ ok: boolean }>(server, 'audit/verify', {}, org.people.admin.token);
      expect(verdict.ok).toBe(true);
      // The same question in another organization is never served from this one's cache.
      const again = await ok<{ route: { cached: boolean }; headline: string }>(server, 'chat/ask', { sourceId: org.main.sourceId, question: 'How many contacts are there?', mode: 'offline' }, org.people.analyst.token);
      expect(JSON.stringify(again)).not.toContain(orgs.find((o) => o !== org)!.main.sourceId);
    }
  });
});
