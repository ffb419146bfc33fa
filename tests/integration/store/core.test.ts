import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../../shared/types/auth';
import type { SchemaInfo } from '../../../shared/types/schema';
import { knownMigrations } from '../../../electron/main/store/migrations';
import { ConflictError, NotFoundError, SECRET_PLACEHOLDER, StoreInputError } from '../../../electron/main/store';
import { BACKENDS, contextFor, seedOrganization, type StoreFixture } from './harness';

describe.each(BACKENDS)('store core on $name', (backend) => {
  let fx: StoreFixture;

  beforeAll(async () => {
    fx = await backend.open();
  });
  afterAll(async () => {
    await fx?.cleanup();
  });

  it('runs the migrations once and records them; a second init is a no-op', async () => {
    const rows = await fx.rawQuery('SELECT name FROM "SequelizeMeta"');
    expect(rows.map((row) => row.name)).toEqual(knownMigrations());
    const store = await fx.reopen();
    expect(await store.init()).toEqual([]);
    expect(await store.migrationStatus()).toEqual({ executed: knownMigrations(), pending: [] });
  });

  it('creates every Aiser table, each indexed by organization', async () => {
    const tables = backend.name === 'sqlite'
      ? await fx.rawQuery("SELECT name AS t FROM sqlite_master WHERE type = 'table'")
      : await fx.rawQuery("SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public'");
    const indexes = backend.name === 'sqlite'
      ? await fx.rawQuery("SELECT tbl_name AS t, sql AS def FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
      : await fx.rawQuery("SELECT tablename AS t, indexdef AS def FROM pg_indexes WHERE schemaname = 'public'");
    const expected = ['organizations', 'projects', 'users', 'project_members', 'user_sessions', 'data_sources', 'dashboards', 'widgets',
      'dashboard_widgets', 'conversations', 'messages', 'ai_analysis_results', 'metric_records', 'alert_rules', 'alerts', 'audit_events', 'query_lineage'];
    expect(tables.map((row) => row.t)).toEqual(expect.arrayContaining([...expected, 'SequelizeMeta']));
    for (const table of expected.filter((name) => name !== 'organizations')) {
      const orgIndex = indexes.find((row) => row.t === table && /\(\s*[`"]?organization_id[`"]?\s*\)/.test(String(row.def)));
      expect(orgIndex, `${table} has an organization_id index`).toBeDefined();
    }
  });

  it('creates organizations with settings JSON and refuses duplicate slugs', async () => {
    const before = await fx.store.organizations.unscopedCountAll();
    const org = await fx.store.organizations.unscopedCreate({
      name: 'Acme Trading',
      settings: { featureFlags: { forecasts: true }, usageLimits: { queriesPerDay: 500 }, locale: 'de-DE' },
    });
    expect(org.slug).toBe('acme-trading');
    expect(await fx.store.organizations.unscopedCountAll()).toBe(before + 1);
    const ctx = systemContext(org.id);
    expect((await fx.store.organizations.get(ctx)).settings).toEqual({ featureFlags: { forecasts: true }, usageLimits: { queriesPerDay: 500 }, locale: 'de-DE' });
    const renamed = await fx.store.organizations.update(ctx, { name: 'Acme GmbH', settings: { featureFlags: { forecasts: false }, usageLimits: {} } });
    expect(renamed).toMatchObject({ name: 'Acme GmbH', settings: { featureFlags: { forecasts: false }, usageLimits: {} } });
    await expect(fx.store.organizations.unscopedCreate({ name: 'Other', slug: 'acme-trading' })).rejects.toThrow(ConflictError);
    await expect(fx.store.organizations.unscopedCreate({ name: '  ' })).rejects.toThrow(StoreInputError);
  });

  it('manages users: unique e-mail per organization, roles validated, hash hidden from normal reads', async () => {
    const { orgId, admin } = await seedOrganization(fx.store, 'Users');
    const ana = await fx.store.users.create(admin, {
      email: ' Ana@Example.COM ', name: 'Ana', role: 'analyst', department: 'Finance',
      settings: { preferences: { theme: 'dark', pinned: ['revenue'] } }, passwordHash: 'scrypt$abc',
    });
    expect(ana).toMatchObject({ email: 'ana@example.com', role: 'analyst', status: 'active', failedSignIns: 0, lockedUntil: null,
      settings: { preferences: { theme: 'dark', pinned: ['revenue'] }, expertiseLevel: 'analyst' } });
    expect(ana).not.toHaveProperty('passwordHash');
    expect((await fx.store.users.getWithPasswordHash(admin, ana.id)).passwordHash).toBe('scrypt$abc');
    await expect(fx.store.users.create(admin, { email: 'ana@example.com', name: 'Dup', role: 'viewer' })).rejects.toThrow(ConflictError);
    await expect(fx.store.users.create(admin, { email: 'x@example.com', name: 'X', role: 'boss' as never })).rejects.toThrow(/role must be one of admin, analyst, executive, viewer/);
    await expect(fx.store.users.create(admin, { email: 'not-an-email', name: 'X', role: 'viewer' })).rejects.toThrow(/not an e-mail/);

    const updated = await fx.store.users.update(admin, ana.id, { role: 'executive', settings: { expertiseLevel: 'executive' } });
    expect(updated.settings).toEqual({ preferences: { theme: 'dark', pinned: ['revenue'] }, expertiseLevel: 'executive' });
    const lockedUntil = new Date('2030-01-01T00:00:00.000Z');
    const locked = await fx.store.users.updateSignInState(admin, ana.id, { failedSignIns: 5, lockedUntil, status: 'locked' });
    expect(locked).toMatchObject({ failedSignIns: 5, lockedUntil: lockedUntil.toISOString(), status: 'locked' });

    const found = await fx.store.users.unscopedFindByEmail('ANA@example.com');
    expect(found.map((user) => [user.organizationId, user.passwordHash])).toEqual([[orgId, 'scrypt$abc']]);
    expect(await fx.store.users.findByEmail(admin, 'ana@example.com')).toMatchObject({ id: ana.id });
    await fx.store.users.delete(admin, ana.id);
    await expect(fx.store.users.get(admin, ana.id)).rejects.toThrow(NotFoundError);
  });

  it('manages projects and members, and lists the projects a user may work in', async () => {
    const { admin } = await seedOrganization(fx.store, 'Projects');
    const demo = await fx.store.projects.create(admin, { name: 'Demo', settings: { color: 'teal' } });
    const other = await fx.store.projects.create(admin, { name: 'Other' });
    const bob = await fx.store.users.create(admin, { email: 'bob@p.test', name: 'Bob', role: 'analyst' });
    await fx.store.projects.addMember(admin, demo.id, bob.id, 'viewer');
    const member = await fx.store.projects.addMember(admin, demo.id, bob.id, 'editor');
    expect(member.role).toBe('editor');
    expect((await fx.store.projects.listMembers(admin, demo.id)).map((m) => [m.userId, m.role])).toEqual([[bob.id, 'editor']]);
    expect(await fx.store.projects.projectIdsForUser(admin, bob.id)).toEqual([demo.id]);
    expect(await fx.store.projects.projectIdsForUser(admin, admin.userId)).toEqual([demo.id, other.id]);
    expect((await fx.store.projects.update(admin, demo.id, { settings: { color: 'red' } })).settings).toEqual({ color: 'red' });
    await fx.store.projects.removeMember(admin, demo.id, bob.id);
    expect(await fx.store.projects.projectIdsForUser(admin, bob.id)).toEqual([]);
    await fx.store.projects.delete(admin, other.id);
    expect((await fx.store.projects.list(admin)).map((p) => p.name)).toEqual(['Demo']);
  });

  it('stores sessions by token hash, touches, revokes and signs out everywhere', async () => {
    const { orgId, admin } = await seedOrganization(fx.store, 'Sessions');
    const expiresAt = new Date(Date.now() + 3600_000);
    const first = await fx.store.sessions.create(admin, { userId: admin.userId, tokenHash: `hash-${orgId}-1`, expiresAt, userAgent: 'vitest', ip: '127.0.0.1' });
    const second = await fx.store.sessions.create(admin, { userId: admin.userId, tokenHash: `hash-${orgId}-2`, expiresAt });
    expect(await fx.store.sessions.unscopedFindByTokenHash(`hash-${orgId}-1`)).toMatchObject({ id: first.id, organizationId: orgId, expiresAt: expiresAt.toISOString(), revokedAt: null });
    expect(await fx.store.sessions.unscopedFindByTokenHash('no-such-hash')).toBeNull();
    const seen = new Date(Date.now() + 60_000);
    expect((await fx.store.sessions.touch(admin, first.id, seen)).lastSeenAt).toBe(seen.toISOString());
    expect(await fx.store.sessions.revokeAllForUser(admin, admin.userId, second.id)).toBe(1);
    expect((await fx.store.sessions.get(admin, first.id)).revokedAt).not.toBeNull();
    expect((await fx.store.sessions.get(admin, second.id)).revokedAt).toBeNull();
    await expect(fx.store.sessions.create(admin, { userId: 'no-such-user', tokenHash: 'h', expiresAt })).rejects.toThrow(NotFoundError);
    await fx.store.sessions.create(admin, { userId: admin.userId, tokenHash: `hash-${orgId}-old`, expiresAt: new Date(Date.now() - 1000) });
    expect(await fx.store.sessions.deleteExpired(admin)).toBe(1);
    expect(await fx.store.sessions.listForUser(admin, admin.userId)).toHaveLength(2);
  });

  it('encrypts data-source configs at rest, redacts secrets on read and keeps them on edit', async () => {
    const { admin } = await seedOrganization(fx.store, 'Sources');
    const project = await fx.store.projects.create(admin, { name: 'Sales' });
    const source = await fx.store.dataSources.create(admin, {
      projectId: project.id, name: 'Warehouse',
      config: { type: 'postgres', host: 'db.internal', user: 'reader', password: 'Sup3r-S3cret!', database: 'dw' },
    });
    expect(source).toMatchObject({ type: 'database', dialect: 'postgres', connectorType: 'postgres', status: 'new', projectId: project.id });
    expect(source.config).toEqual({ type: 'postgres', host: 'db.internal', user: 'reader', password: SECRET_PLACEHOLDER, database: 'dw' });
    expect(source).not.toHaveProperty('configEncrypted');

    const raw = await fx.rawQuery(`SELECT config_encrypted FROM data_sources WHERE id = '${source.id}'`);
    expect(String(raw[0].config_encrypted)).not.toContain('Sup3r-S3cret!');
    expect(String(raw[0].config_encrypted)).not.toContain('db.internal');
    for (const file of fs.readdirSync(fx.dataDir)) {
      expect(fs.readFileSync(path.join(fx.dataDir, file)).includes('Sup3r-S3cret!'), `${file} holds the password`).toBe(false);
    }

    const api = await fx.store.dataSources.create(admin, {
      name: 'CRM API', config: { type: 'rest', url: 'https://crm.example/api?x=1', headers: { Authorization: 'Bearer tok-123', Accept: 'json' } },
    });
    expect(api).toMatchObject({ type: 'api', dialect: null, projectId: null });
    expect(api.config).toEqual({ type: 'rest', url: 'https://crm.example/api?x=1', headers: { Authorization: SECRET_PLACEHOLDER, Accept: SECRET_PLACEHOLDER } });

    const edited = await fx.store.dataSources.update(admin, source.id, { name: 'DW', config: { ...source.config, type: 'postgres', host: 'db2.internal' } });
    expect(edited.name).toBe('DW');
    expect(await fx.store.dataSources.getConfig(admin, source.id)).toEqual({ type: 'postgres', host: 'db2.internal', user: 'reader', password: 'Sup3r-S3cret!', database: 'dw' });
    await fx.store.dataSources.update(admin, source.id, { config: { type: 'postgres', url: 'postgres://reader:n3w@db/dw' } });
    expect((await fx.store.dataSources.get(admin, source.id)).config).toEqual({ type: 'postgres', url: `postgres://reader:${SECRET_PLACEHOLDER}@db/dw` });
    await expect(fx.store.dataSources.create(admin, { name: 'Bad', config: { type: 'oracle' } as never })).rejects.toThrow(/config.type must be one of/);
  });

  it('round-trips schema metadata, semantic model and status', async () => {
    const { admin } = await seedOrganization(fx.store, 'Schema');
    const source = await fx.store.dataSources.create(admin, { name: 'Files', config: { type: 'files', path: '/data/sales' } });
    const schema: SchemaInfo = {
      dialect: 'duckdb', version: 'v-abc',
      tables: [{ name: 'orders', columns: [{ name: 'region', type: 'VARCHAR', kind: 'text', nullable: false, isPrimaryKey: false, distinctValues: ['Europe', 'Asia'] }], primaryKey: [], rowCountEstimate: 1200 }],
      foreignKeys: [{ fromTable: 'orders', fromColumns: ['customer_id'], toTable: 'customers', toColumns: ['id'], inferred: true }],
    };
    await fx.store.dataSources.updateSchema(admin, source.id, schema);
    await fx.store.dataSources.updateSemanticModel(admin, source.id, { revenue: { synonyms: ['sales', 'turnover'], pii: false } });
    await fx.store.dataSources.setStatus(admin, source.id, 'error', 'Folder not found');
    const stored = await fx.store.dataSources.get(admin, source.id);
    expect(stored).toMatchObject({ schemaMetadata: schema, schemaVersion: 'v-abc', semanticModel: { revenue: { synonyms: ['sales', 'turnover'], pii: false } }, status: 'error', lastError: 'Folder not found' });
    await fx.store.dataSources.delete(admin, source.id);
    await expect(fx.store.dataSources.get(admin, source.id)).rejects.toThrow(/No data source with id/);
  });

  it('keeps every row across close and re-open', async () => {
    const { orgId, admin } = await seedOrganization(fx.store, 'Persist');
    const project = await fx.store.projects.create(admin, { name: 'Kept' });
    const source = await fx.store.dataSources.create(admin, { projectId: project.id, name: 'Db', config: { type: 'mysql', host: 'h', password: 'pw-kept' } });
    await fx.store.audit.append(admin, { action: 'source.create', target: source.id });
    const store = await fx.reopen();
    const ctx = contextFor(orgId, admin.userId, 'admin', []);
    expect((await store.projects.get(ctx, project.id)).name).toBe('Kept');
    expect(await store.dataSources.getConfig(ctx, source.id)).toEqual({ type: 'mysql', host: 'h', password: 'pw-kept' });
    expect((await store.audit.verify(ctx)).ok).toBe(true);
    expect(await store.audit.list(ctx)).toHaveLength(1);
  });
});
