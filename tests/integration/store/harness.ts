import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import sqlite3 from 'sqlite3';
import { systemContext, type RequestContext, type Role } from '../../../shared/types/auth';
import { createKeyFileSecretBox } from '../../../electron/main/security/secrets';
import { createStore, type Store } from '../../../electron/main/store';
import { SQLITE_FILE } from '../../../electron/main/store/connection';

/** Runs the store suites on both backends: an embedded SQLite file and a fresh PostgreSQL database. */

export const PG_URL = process.env.AISER_TEST_PG_URL ?? 'postgres://aiser:aiser@127.0.0.1:5432/aiser_test';

export interface StoreFixture {
  store: Store;
  dataDir: string;
  databaseUrl?: string;
  /** Closes the store and opens a new one on the same database and data folder. */
  reopen(): Promise<Store>;
  /** Runs raw SQL on the backing database (for tamper and at-rest checks). */
  rawQuery(sql: string): Promise<Array<Record<string, unknown>>>;
  cleanup(): Promise<void>;
}

export interface Backend {
  name: 'sqlite' | 'postgres';
  open(): Promise<StoreFixture>;
}

export const BACKENDS: Backend[] = [
  { name: 'sqlite', open: () => openFixture(undefined) },
  { name: 'postgres', open: openPostgresFixture },
];

async function openPostgresFixture(): Promise<StoreFixture> {
  const database = `aiser_test_store_${randomBytes(6).toString('hex')}`;
  await withPg(PG_URL, (client) => client.query(`CREATE DATABASE ${database}`));
  const url = new URL(PG_URL);
  url.pathname = `/${database}`;
  const fixture = await openFixture(url.toString());
  const closeStore = fixture.cleanup;
  fixture.cleanup = async () => {
    await closeStore();
    await withPg(PG_URL, (client) => client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
  };
  return fixture;
}

async function withPg<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function openFixture(databaseUrl: string | undefined): Promise<StoreFixture> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiser-store-'));
  const open = async () => {
    const store = createStore({ databaseUrl, dataDir, secrets: createKeyFileSecretBox(dataDir) });
    await store.init();
    return store;
  };
  const fixture: StoreFixture = {
    store: await open(),
    dataDir,
    databaseUrl,
    async reopen() {
      await fixture.store.close();
      fixture.store = await open();
      return fixture.store;
    },
    rawQuery: (sql) => rawQuery(dataDir, databaseUrl, sql),
    async cleanup() {
      await fixture.store.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return fixture;
}

/** Talks to the database file or server directly, bypassing the store. */
async function rawQuery(dataDir: string, databaseUrl: string | undefined, sql: string): Promise<Array<Record<string, unknown>>> {
  if (databaseUrl) return withPg(databaseUrl, async (client) => (await client.query(sql)).rows);
  // The sqlite3 module, the same SQLite copy the store uses: a second SQLite library in one
  // process (e.g. better-sqlite3) would break the file locks and corrupt the database.
  const db = new sqlite3.Database(path.join(dataDir, SQLITE_FILE));
  try {
    return await new Promise((resolve, reject) => {
      db.all(sql, (error: Error | null, rows: Array<Record<string, unknown>>) => (error ? reject(error) : resolve(rows ?? [])));
    });
  } finally {
    await new Promise<void>((resolve) => db.close(() => resolve()));
  }
}

/** An organization with an admin, returned as the admin's request context. */
export async function seedOrganization(store: Store, name: string): Promise<{ orgId: string; admin: RequestContext }> {
  const org = await store.organizations.unscopedCreate({ name, slug: `${name.toLowerCase()}-${randomBytes(3).toString('hex')}` });
  const system = systemContext(org.id);
  const admin = await store.users.create(system, { email: `admin-${randomBytes(3).toString('hex')}@${name.toLowerCase()}.test`, name: `${name} Admin`, role: 'admin' });
  return { orgId: org.id, admin: contextFor(org.id, admin.id, 'admin', []) };
}

export function contextFor(orgId: string, userId: string, role: Role, projectIds: string[]): RequestContext {
  return { orgId, userId, role, projectIds, sessionId: `test-${userId}` };
}
