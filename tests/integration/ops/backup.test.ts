import fs from 'node:fs';
import path from 'node:path';
import { gzipSync, gunzipSync } from 'node:zlib';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../electron/main/cli/index';
import { knownMigrations } from '../../../electron/main/store/migrations';
import { post, signIn, startTempServer, tempDataDir } from '../../support/tempServer';
import { dumpStoreTables } from '../../support/storeTables';

const PG_ADMIN_URL = process.env.AISER_TEST_STORE_PG_URL ?? 'postgres://aiser:aiser@127.0.0.1:5432/aiser_test';
const created: string[] = [];

async function freshPgDatabase(label: string): Promise<string> {
  const name = `aiser_backup_${label}_${Math.random().toString(36).slice(2, 8)}`;
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  created.push(name);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs the CLI in-process, capturing what it prints. */
async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const write = process.stdout.write.bind(process.stdout);
  const writeErr = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string) => ((out += chunk), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => ((err += chunk), true)) as typeof process.stderr.write;
  try {
    return { code: await main(args), out, err };
  } catch (error) {
    return { code: 1, out, err: err + String((error as Error).message) };
  } finally {
    process.stdout.write = write;
    process.stderr.write = writeErr;
  }
}

/** A store with a bit of everything: setup, demo source, queries (audit + lineage), a dashboard. */
async function useTheApp(server: Awaited<ReturnType<typeof startTempServer>>): Promise<void> {
  const token = await signIn(server.url);
  const sources = await post(server.url, 'sources/list', {}, token);
  const sourceId = (sources.body.data as Array<{ id: string }>)[0]!.id;
  await post(server.url, 'query/run', { sourceId, sql: 'SELECT 1 AS one' }, token);
  const projects = (await post(server.url, 'auth/me', {}, token)).body.data as { projects: Array<{ id: string }> };
  await post(server.url, 'dashboards/create', { projectId: projects.projects[0]!.id, name: 'Board pack' }, token);
}

afterAll(async () => {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  for (const name of created) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await client.end();
});

describe.each([
  { backend: 'sqlite', url: async () => undefined },
  { backend: 'postgres', url: () => freshPgDatabase('src') },
])('aiser backup / restore on $backend', ({ backend, url }) => {
  it('backs up a running server and restores every table equal, secret key included on request', async () => {
    const sourceUrl = await url();
    const server = await startTempServer(tempDataDir(), sourceUrl ? { AISER_DATABASE_URL: sourceUrl } : {});
    const file = path.join(tempDataDir('aiser-backup-'), 'store.aiserbak');
    try {
      await useTheApp(server);
      const storeFlags = sourceUrl ? ['--database-url', sourceUrl, '--data-dir', server.dataDir] : ['--data-dir', server.dataDir];
      // Keep the server busy while the backup runs: the copy must still be consistent.
      const token = await signIn(server.url);
      const [backup] = await Promise.all([
        cli(['backup', '--out', file, '--include-secret-key', ...storeFlags]),
        ...Array.from({ length: 5 }, () => post(server.url, 'auth/me', {}, token)),
      ]);
      expect(backup, backup.err).toMatchObject({ code: 0 });
      expect(backup.out).toMatch(/Backed up \d+ rows/);
      const source = await dumpStoreTables({ dataDir: server.dataDir, databaseUrl: sourceUrl });

      const targetDir = tempDataDir();
      const targetUrl = backend === 'postgres' ? await freshPgDatabase('dst') : undefined;
      const targetFlags = targetUrl ? ['--database-url', targetUrl, '--data-dir', targetDir] : ['--data-dir', targetDir];
      const restore = await cli(['restore', file, ...targetFlags]);
      expect(restore, restore.err).toMatchObject({ code: 0 });
      const restored = await dumpStoreTables({ dataDir: targetDir, databaseUrl: targetUrl });
      expect(Object.keys(restored).sort()).toEqual(Object.keys(source).sort());
      for (const table of Object.keys(source)) {
        // Rows written by the busy calls after the snapshot (session touches) may differ in last-seen times only.
        if (table === 'user_sessions' || table === 'audit_events' || table === 'metric_records') {
          expect(restored[table]!.length, table).toBeLessThanOrEqual(source[table]!.length);
          continue;
        }
        expect(restored[table], table).toEqual(source[table]);
      }
      expect(source.organizations!.length).toBe(1);
      expect(fs.readFileSync(path.join(targetDir, 'secret.key'))).toEqual(fs.readFileSync(path.join(server.dataDir, 'secret.key')));

      // The restored store runs: sign in with the same password and see the same dashboard.
      const again = await startTempServer(targetDir, targetUrl ? { AISER_DATABASE_URL: targetUrl } : {});
      try {
        const restoredToken = await signIn(again.url);
        const dashboards = await post(again.url, 'dashboards/list', {}, restoredToken);
        expect(JSON.stringify(dashboards.body)).toContain('Board pack');
      } finally {
        await again.close();
      }
    } finally {
      await server.close();
    }
  });
});

describe('aiser restore refuses what it cannot restore safely', () => {
  it('refuses a backup from a newer schema, a store that holds data, and a file that is not a backup', async () => {
    const server = await startTempServer();
    const dir = tempDataDir('aiser-backup-');
    const file = path.join(dir, 'store.aiserbak');
    try {
      expect((await cli(['backup', '--out', file, '--data-dir', server.dataDir])).code).toBe(0);
    } finally {
      await server.close();
    }
    const [headerLine, ...rest] = gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n');
    const header = JSON.parse(headerLine!) as { migrations: string[] };
    header.migrations.push('9999-from-the-future');
    const newer = path.join(dir, 'newer.aiserbak');
    fs.writeFileSync(newer, gzipSync([JSON.stringify(header), ...rest].join('\n')));
    const refusedNewer = await cli(['restore', newer, '--data-dir', tempDataDir()]);
    expect(refusedNewer.code).toBe(1);
    expect(refusedNewer.err).toContain('newer version of Aiser');
    expect(refusedNewer.err).toContain(knownMigrations().at(-1));

    const refusedBusy = await cli(['restore', file, '--data-dir', server.dataDir]);
    expect(refusedBusy.code).toBe(1);
    expect(refusedBusy.err).toContain('--force');

    const notBackup = path.join(dir, 'notes.txt');
    fs.writeFileSync(notBackup, 'hello');
    const refusedJunk = await cli(['restore', notBackup, '--data-dir', tempDataDir()]);
    expect(refusedJunk.err).toContain('not an Aiser store backup');

    // Without the key inside, a target with another key is refused before anything is written.
    const otherKeyDir = tempDataDir();
    fs.writeFileSync(path.join(otherKeyDir, 'secret.key'), Buffer.alloc(32, 7), { mode: 0o600 });
    const refusedKey = await cli(['restore', file, '--data-dir', otherKeyDir]);
    expect(refusedKey.err).toContain('another secret key');
  });
});
