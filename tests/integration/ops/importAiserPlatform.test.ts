import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { systemContext } from '../../../shared/types/auth';
import { runImportCommand } from '../../../electron/main/cli/importCommand';
import { importAiserPlatform, originOf, type ImportReport } from '../../../electron/main/importers/aiserPlatform';
import { hashPassword, verifyPassword } from '../../../electron/main/security/passwords';
import { AesGcmSecretBox } from '../../../electron/main/security/secrets';
import { createStore, type Store } from '../../../electron/main/store';
import {
  GLOBEX_PASSWORD, PLATFORM_SCHEMA, SNOWFLAKE_PASSWORD, WAREHOUSE_PASSWORD, createScratchDatabase, platformData, withClient,
} from '../../support/aiserPlatformFixture';
import { BACKENDS, PG_URL, type StoreFixture } from '../store/harness';

const ADMIN_URL = process.env.AISER_TEST_STORE_PG_URL ?? PG_URL;

let platform: { url: string; drop: () => Promise<void> };

beforeAll(async () => {
  platform = await createScratchDatabase(ADMIN_URL, 'aiser_platform');
  const bobHash = await hashPassword('bob-password');
  await withClient(platform.url, async (client) => {
    await client.query(PLATFORM_SCHEMA);
    await client.query(platformData(bobHash));
  });
});

afterAll(async () => {
  await platform?.drop();
});

async function orgIdOf(store: Store, platformOrgId: number): Promise<string> {
  const mappings = await store.importMappings.unscopedListForOrigin(originOf(platform.url));
  const mapping = mappings.get(`organizations:${platformOrgId}`);
  if (!mapping) throw new Error(`organization ${platformOrgId} was not imported`);
  return mapping.targetId;
}

const skippedOf = (report: ImportReport, entity: string) =>
  report.skipped.filter((row) => row.entity === entity).map((row) => ({ id: row.sourceId, reason: row.reason }));

describe.each(BACKENDS)('aiser import aiser-platform into a $name store', (backend) => {
  let fixture: StoreFixture;
  let report: ImportReport;

  beforeAll(async () => {
    fixture = await backend.open();
  });

  afterAll(async () => {
    await fixture?.cleanup();
  });

  it('a dry run reports what it would import and writes nothing', async () => {
    const dryRun = await importAiserPlatform({ from: platform.url, store: fixture.store, dryRun: true });
    expect(dryRun.dryRun).toBe(true);
    expect(dryRun.counts.organizations.imported).toBe(2);
    expect(dryRun.counts.messages.imported).toBe(5);
    expect(await fixture.store.organizations.unscopedCountAll()).toBe(0);
    expect(await fixture.rawQuery('SELECT id FROM import_mappings')).toHaveLength(0);
  });

  it('imports every supported row and reports each skipped row with its reason', async () => {
    report = await importAiserPlatform({ from: platform.url, store: fixture.store });
    const imported = Object.fromEntries(Object.entries(report.counts).map(([entity, c]) => [entity, c.imported]));
    expect(imported).toEqual({
      organizations: 2, projects: 3, users: 5, user_sessions: 0, data_sources: 3, widgets: 3, dashboards: 2,
      dashboard_widgets: 3, conversations: 2, messages: 5,
    });
    expect(report.counts.user_sessions).toMatchObject({ read: 3, skipped: 3 });
    expect(skippedOf(report, 'users')).toEqual([{ id: '4', reason: expect.stringMatching(/no e-mail/) }]);
    expect(skippedOf(report, 'data_sources')).toEqual([{ id: '3', reason: expect.stringMatching(/Unsupported source type "snowflake"/) }]);
    expect(skippedOf(report, 'widgets')).toEqual([
      { id: '3', reason: expect.stringMatching(/data source 3, which was not imported/) },
      { id: '5', reason: expect.stringMatching(/no SQL/) },
    ]);
    expect(skippedOf(report, 'dashboard_widgets').map((row) => row.id)).toEqual(['1/3', '1/5']);
    expect(skippedOf(report, 'conversations')).toEqual([{ id: '3', reason: expect.stringMatching(/owner \(user 4\) was not imported/) }]);
    expect(skippedOf(report, 'messages')).toEqual([{ id: '12', reason: expect.stringMatching(/conversation \(3\) was skipped/) }]);
    expect(report.notes.join('\n')).toMatch(/4 imported user\(s\) have no password here.*reset their password or sign in with SSO/);
    expect(report.notes.join('\n')).toMatch(/3 platform sign-in session\(s\) were not imported/);
  });

  it('maps organizations, projects and users (roles, status, compatible password hashes only)', async () => {
    expect(await fixture.store.organizations.unscopedCountAll()).toBe(2);
    const acme = systemContext(await orgIdOf(fixture.store, 1));
    const globex = systemContext(await orgIdOf(fixture.store, 2));
    expect((await fixture.store.organizations.get(acme)).slug).toBe('acme');
    expect((await fixture.store.projects.list(acme)).map((p) => p.name).sort()).toEqual(['Ops', 'Sales']);
    expect((await fixture.store.projects.list(globex)).map((p) => p.name)).toEqual(['Main']);

    const users = await fixture.store.users.list(acme);
    const byEmail = new Map(users.map((user) => [user.email, user]));
    expect([...byEmail.keys()].sort()).toEqual(['alice@acme.test', 'bob@acme.test', 'carol@acme.test']);
    expect(byEmail.get('alice@acme.test')).toMatchObject({ role: 'admin', name: 'Alice Admin', status: 'active' });
    expect(byEmail.get('carol@acme.test')).toMatchObject({ role: 'viewer', status: 'disabled' });
    const bob = await fixture.store.users.getWithPasswordHash(acme, byEmail.get('bob@acme.test')!.id);
    expect(await verifyPassword('bob-password', bob.passwordHash)).toBe(true);
    const alice = await fixture.store.users.getWithPasswordHash(acme, byEmail.get('alice@acme.test')!.id);
    expect(alice.passwordHash).toBeNull();
    const globexRoles = Object.fromEntries((await fixture.store.users.list(globex)).map((user) => [user.email, user.role]));
    expect(globexRoles).toEqual({ 'dave@globex.test': 'executive', 'eve@globex.test': 'viewer' });
    expect(await fixture.rawQuery('SELECT id FROM user_sessions')).toHaveLength(0);
  });

  it('re-encrypts source secrets with this install\'s key and never stores them in clear text', async () => {
    const acme = systemContext(await orgIdOf(fixture.store, 1));
    const sources = await fixture.store.dataSources.list(acme);
    expect(sources.map((s) => s.name)).toEqual(['Sales CSV', 'Warehouse']);
    const warehouse = sources.find((s) => s.name === 'Warehouse')!;
    expect(await fixture.store.dataSources.getConfig(acme, warehouse.id)).toEqual({
      type: 'postgres', host: 'db.acme.internal', port: 5432, database: 'warehouse', user: 'reporter', password: WAREHOUSE_PASSWORD, ssl: 'require',
    });
    expect(await fixture.store.dataSources.getConfig(acme, sources[0].id)).toEqual({ type: 'files', path: '/data/sales.csv' });

    const dump = JSON.stringify(await fixture.rawQuery('SELECT * FROM data_sources'));
    for (const secret of [WAREHOUSE_PASSWORD, GLOBEX_PASSWORD, SNOWFLAKE_PASSWORD]) expect(dump).not.toContain(secret);
    const otherKey = createStore({ databaseUrl: fixture.databaseUrl, dataDir: fixture.dataDir, secrets: new AesGcmSecretBox(Buffer.alloc(32, 7)) });
    try {
      await expect(otherKey.dataSources.getConfig(acme, warehouse.id)).rejects.toThrow(/cannot be decrypted/);
    } finally {
      await otherKey.close();
    }
  });

  it('keeps dashboards, widgets and their links to imported sources', async () => {
    const acme = systemContext(await orgIdOf(fixture.store, 1));
    const [dashboard] = await fixture.store.dashboards.list(acme);
    expect(dashboard).toMatchObject({ name: 'Sales overview', layout: { columns: 12 } });
    const alice = await fixture.store.users.findByEmail(acme, 'alice@acme.test');
    expect(dashboard.ownerId).toBe(alice!.id);
    const placed = await fixture.store.dashboards.listWidgets(acme, dashboard.id);
    const sources = new Map((await fixture.store.dataSources.list(acme)).map((s) => [s.id, s.name]));
    expect(placed.map((p) => ({ title: p.widget.title, source: sources.get(p.widget.sourceId!), x: p.x, w: p.w }))).toEqual([
      { title: 'Revenue by month', source: 'Warehouse', x: 0, w: 6 },
      { title: 'Top products', source: 'Sales CSV', x: 6, w: 6 },
    ]);
    expect(placed[0].widget.query).toEqual({ sql: 'SELECT month, sum(amount) FROM sales GROUP BY month', question: 'Revenue by month?' });
    expect(placed[0].widget.chartSpec).toEqual({ type: 'line', xAxis: 'month' });

    const globex = systemContext(await orgIdOf(fixture.store, 2));
    const [kpis] = await fixture.store.dashboards.list(globex);
    expect(kpis.layout).toEqual({ items: [{ i: 'w4' }] });
    const [orders] = await fixture.store.dashboards.listWidgets(globex, kpis.id);
    expect((await fixture.store.dataSources.get(globex, orders.widget.sourceId!)).name).toBe('Globex MySQL');
  });

  it('imports conversations with their messages in the platform\'s order, visible to their owner', async () => {
    const acmeId = await orgIdOf(fixture.store, 1);
    const acme = systemContext(acmeId);
    const bob = (await fixture.store.users.findByEmail(acme, 'bob@acme.test'))!;
    const [sales] = (await fixture.store.projects.list(acme)).filter((p) => p.name === 'Sales');
    expect(await fixture.store.projects.projectIdsForUser(acme, bob.id)).toEqual([sales.id]);
    const bobCtx = { orgId: acmeId, userId: bob.id, role: 'analyst' as const, projectIds: [sales.id], sessionId: 'test' };
    const [conversation] = await fixture.store.conversations.list(bobCtx);
    expect(conversation.title).toBe('Revenue questions');
    const messages = await fixture.store.messages.list(bobCtx, conversation.id);
    expect(messages.map((m) => [m.role, m.content])).toEqual([
      ['user', 'What was revenue?'], ['assistant', 'Revenue was 42.'], ['user', 'Thanks'],
    ]);
    expect(await fixture.store.conversations.list(acme)).toHaveLength(1);
  });

  it('imports nothing new when run again', async () => {
    const again = await importAiserPlatform({ from: platform.url, store: fixture.store });
    for (const [entity, counts] of Object.entries(again.counts)) {
      expect(counts.imported, entity).toBe(0);
      expect(counts.alreadyImported, entity).toBe(report.counts[entity as keyof typeof report.counts].imported);
    }
    expect(await fixture.store.organizations.unscopedCountAll()).toBe(2);
    expect(await fixture.rawQuery('SELECT id FROM messages')).toHaveLength(5);
  });
});

describe('the aiser import command', () => {
  it('prints a dry-run report and writes nothing; refuses a --from that is not a PostgreSQL URL', async () => {
    const [sqlite] = BACKENDS;
    const fixture = await sqlite.open();
    const out: string[] = [];
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
    const databaseUrl = process.env.AISER_DATABASE_URL;
    delete process.env.AISER_DATABASE_URL;
    try {
      expect(await runImportCommand(['aiser-platform', '--from', platform.url, '--dry-run', '--data-dir', fixture.dataDir])).toBe(0);
      expect(await runImportCommand(['aiser-platform', '--from', 'mysql://x'])).toBe(2);
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
      if (databaseUrl !== undefined) process.env.AISER_DATABASE_URL = databaseUrl;
    }
    const text = out.join('');
    expect(text).toMatch(/Dry run \(nothing written\)/);
    expect(text).toMatch(/data_sources 3 \(Snowflake\): Unsupported source type "snowflake"/);
    expect(text).toMatch(/--from must be the platform database URL/);
    expect(await fixture.store.organizations.unscopedCountAll()).toBe(0);
    await fixture.cleanup();
  });
});

describe('a database that is not shaped like the platform', () => {
  it('is refused with the missing column named, before anything is written', async () => {
    const other = await createScratchDatabase(ADMIN_URL, 'aiser_platform_bad');
    const [sqlite] = BACKENDS;
    const fixture = await sqlite.open();
    try {
      await withClient(other.url, (client) =>
        client.query(`CREATE TABLE organizations (id serial PRIMARY KEY, name text NOT NULL);
          INSERT INTO organizations (name) VALUES ('Solo');
          CREATE TABLE data_sources (id serial PRIMARY KEY, name text NOT NULL)`),
      );
      await expect(importAiserPlatform({ from: other.url, store: fixture.store })).rejects.toThrow(/"data_sources" has no column "type"/);
      expect(await fixture.store.organizations.unscopedCountAll()).toBe(0);
    } finally {
      await fixture.cleanup();
      await other.drop();
    }
  });
});
