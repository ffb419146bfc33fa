import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post, signIn, startTempServer } from '../../support/tempServer';
import { cleanup, expectRefused, ok, type TestServer } from './fixtures';

function sqliteFile(file: string): void {
  const db = new Database(file);
  db.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes VALUES (1, 'hello');");
  db.close();
}

/** An administrator who saves an innocent file source, then swaps the file for a link to the app's own store. */
describe('file sources are checked where they really point, every time they are opened', () => {
  let server: TestServer;
  let admin: string;
  let projectId: string;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'aiser-roots-'));

  beforeAll(async () => {
    server = await startTempServer(undefined, { AISER_NO_DEMO: '1', AISER_FILE_ROOTS: root });
    admin = await signIn(server.url);
    projectId = (await ok<{ projects: Array<{ id: string }> }>(server, 'auth/me', {}, admin)).projects[0].id;
  });
  afterAll(async () => {
    await cleanup(server);
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('a SQLite file swapped for a link to the store after it was added is refused at the next query', async () => {
    const file = path.join(root, 'notes.db');
    sqliteFile(file);
    const source = await ok<{ id: string }>(server, 'sources/create', { projectId, name: 'Notes', config: { type: 'sqlite', path: file } }, admin);
    const first = await ok<{ rows: unknown[][] }>(server, 'query/run', { sourceId: source.id, sql: 'SELECT body FROM notes' }, admin);
    expect(first.rows).toEqual([['hello']]);

    fs.rmSync(file);
    fs.symlinkSync(path.join(server.dataDir, 'aiser.sqlite'), file);
    const res = await post(server.url, 'query/run', { sourceId: source.id, sql: 'SELECT name FROM sqlite_master' }, admin);
    expectRefused(res, 403, 'FORBIDDEN');
    expect(res.body.error?.message).toMatch(/data folder/);
    expect(JSON.stringify(res.body)).not.toMatch(/users|sessions|audit_events/);
    expectRefused(await post(server.url, 'sources/schema', { id: source.id, refresh: true }, admin), 403, 'FORBIDDEN');
  });

  it('a link placed inside a folder source is refused too', async () => {
    const dir = fs.mkdtempSync(path.join(root, 'folder-'));
    fs.writeFileSync(path.join(dir, 'sales.csv'), 'region,amount\nNorth,10\n');
    const source = await ok<{ id: string }>(server, 'sources/create', { projectId, name: 'Folder', config: { type: 'files', path: dir } }, admin);
    expect((await ok<{ rows: unknown[][] }>(server, 'query/run', { sourceId: source.id, sql: 'SELECT amount FROM sales' }, admin)).rows).toEqual([[10]]);
    fs.symlinkSync(path.join(server.dataDir, 'secret.key'), path.join(dir, 'key.csv'));
    expectRefused(await post(server.url, 'query/run', { sourceId: source.id, sql: 'SELECT amount FROM sales' }, admin), 403, 'FORBIDDEN');
  });

  it('a file outside the configured roots is refused, through a link or directly', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'aiser-outside-'));
    try {
      sqliteFile(path.join(outside, 'other.db'));
      fs.symlinkSync(path.join(outside, 'other.db'), path.join(root, 'looks-inside.db'));
      for (const file of [path.join(outside, 'other.db'), path.join(root, 'looks-inside.db')]) {
        const res = await post(server.url, 'sources/create', { projectId, name: 'Other', config: { type: 'sqlite', path: file } }, admin);
        expectRefused(res, 403, 'FORBIDDEN');
        expect(res.body.error?.message).toMatch(/configured folders/);
      }
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe('server mode without configured roots', () => {
  let server: TestServer;
  afterAll(() => cleanup(server));

  it('refuses file sources and says which setting opens them', async () => {
    server = await startTempServer(undefined, { AISER_NO_DEMO: '1', AISER_FILE_ROOTS: '' });
    const admin = await signIn(server.url);
    const projectId = (await ok<{ projects: Array<{ id: string }> }>(server, 'auth/me', {}, admin)).projects[0].id;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiser-noroots-'));
    try {
      fs.writeFileSync(path.join(dir, 'a.csv'), 'x\n1\n');
      const res = await post(server.url, 'sources/create', { projectId, name: 'A', config: { type: 'files', path: dir } }, admin);
      expectRefused(res, 403, 'FORBIDDEN');
      expect(JSON.stringify(res.body.error)).toMatch(/AISER_FILE_ROOTS/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
