import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../electron/main/cli/index';
import { createKeyFileSecretBox } from '../../../electron/main/security/secrets';
import { createStore } from '../../../electron/main/store';
import { openSequelize, prepareConnection } from '../../../electron/main/store/connection';
import { createMigrator, knownMigrations } from '../../../electron/main/store/migrations';
import { systemContext } from '../../../shared/types/auth';
import { createScratchDatabase, type ScratchDatabase } from '../../support/scratchPgDatabase';
import { tempDataDir } from '../../support/tempServer';

const PG_ADMIN_URL = process.env.AISER_TEST_STORE_PG_URL ?? 'postgres://aiser:aiser@127.0.0.1:5432/aiser_test';
const dirs: string[] = [];
const databases: ScratchDatabase[] = [];

async function freshPgDatabase(): Promise<string> {
  const scratch = await createScratchDatabase(PG_ADMIN_URL, 'aiser_upgrade');
  databases.push(scratch);
  return scratch.url;
}

afterAll(async () => {
  dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
  for (const scratch of databases) await scratch.drop();
});

async function cli(args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string) => ((out += chunk), true)) as typeof process.stdout.write;
  try {
    return { code: await main(args), out };
  } finally {
    process.stdout.write = write;
  }
}

describe.each([
  { backend: 'SQLite', databaseUrl: async (): Promise<string | undefined> => undefined },
  { backend: 'PostgreSQL', databaseUrl: freshPgDatabase },
])('store upgrade path on $backend', ({ databaseUrl }) => {
  it('upgrades a store holding data from the first schema to the newest, and the data stays readable', async () => {
    const dataDir = tempDataDir();
    dirs.push(dataDir);
    const url = await databaseUrl();
    const urlFlags = url ? ['--database-url', url] : [];
    const first = knownMigrations()[0]!;
    const { sequelize, dialect } = openSequelize({ dataDir, databaseUrl: url });
    await prepareConnection(sequelize, dialect);
    await createMigrator(sequelize).up({ to: first });
    const now = new Date();
    const q = sequelize.getQueryInterface();
    // Rows as the first schema stored them, written with that schema's columns only.
    await q.bulkInsert('organizations', [{ id: 'org-1', name: 'Acme', slug: 'acme', settings: '{}', created_at: now, updated_at: now }]);
    await q.bulkInsert('users', [{ id: 'user-1', organization_id: 'org-1', email: 'ceo@acme.example', name: 'Casey', role: 'executive', department: null, status: 'active', password_hash: 'x', settings: '{}', failed_sign_ins: 0, created_at: now, updated_at: now }]);
    await q.bulkInsert('projects', [{ id: 'proj-1', organization_id: 'org-1', name: 'Finance', settings: '{}', created_at: now, updated_at: now }]);
    await sequelize.close();

    const status = await cli(['migrate', '--status', '--data-dir', dataDir, ...urlFlags]);
    expect(status.out).toContain(`applied  ${first}`);
    const pending = knownMigrations().length - 1;
    expect(status.out).toContain(pending ? `${pending} pending` : 'up to date');

    const store = createStore({ dataDir, databaseUrl: url, secrets: createKeyFileSecretBox(dataDir) });
    const applied = await store.init();
    expect(applied).toEqual(knownMigrations().slice(1));
    const ctx = systemContext('org-1');
    expect((await store.users.findByEmail(ctx, 'ceo@acme.example'))?.name).toBe('Casey');
    expect((await store.projects.list(ctx)).map((p) => p.name)).toContain('Finance');
    expect((await store.migrationStatus()).pending).toEqual([]);
    await store.close();
  });
});

describe('aiser migrate', () => {
  it('aiser migrate --down N reverts the newest migrations and aiser migrate applies them again', async () => {
    const dataDir = tempDataDir();
    dirs.push(dataDir);
    expect((await cli(['migrate', '--data-dir', dataDir])).out).toContain('Applied');
    const down = await cli(['migrate', '--down', '1', '--data-dir', dataDir]);
    expect(down.out).toContain(`Reverted 1 migration(s): ${knownMigrations().at(-1)}`);
    expect((await cli(['migrate', '--status', '--data-dir', dataDir])).out).toContain(`pending  ${knownMigrations().at(-1)}`);
    expect((await cli(['migrate', '--data-dir', dataDir])).out).toContain(`Applied 1 migration(s): ${knownMigrations().at(-1)}`);
    expect(fs.existsSync(path.join(dataDir, 'aiser.sqlite'))).toBe(true);
    await expect(main(['migrate', '--down', 'all', '--data-dir', dataDir])).rejects.toThrow(/--down needs how many/);
  });
});
