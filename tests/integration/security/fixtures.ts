import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import type { Role } from '../../../shared/types/auth';
import { systemContext } from '../../../shared/types/auth';
import { hashPassword } from '../../../electron/main/security/passwords';
import { post, signIn, startTempServer, type RawResponse } from '../../support/tempServer';

export type TestServer = Awaited<ReturnType<typeof startTempServer>>;
export const PASSWORD = 'a-long-test-password';

/** Calls the API and returns the data, failing the test with the structured error otherwise. */
export async function ok<T>(server: TestServer, call: string, body: unknown, token: string): Promise<T> {
  const res = await post(server.url, call, body, token);
  if (!res.body.ok) throw new Error(`${call} failed: ${res.status} ${JSON.stringify(res.body.error)}`);
  return res.body.data as T;
}

export function expectRefused(res: RawResponse, status: number, code: string): void {
  expect(res.body.ok, JSON.stringify(res.body)).toBe(false);
  expect(res.status).toBe(status);
  expect(res.body.error?.code).toBe(code);
}

/** Adds a person to the signed-in admin's organization through `users/create` and signs them in. */
export async function addMember(server: TestServer, adminToken: string, role: Role, email: string, extra: Record<string, unknown> = {}): Promise<{ id: string; token: string; email: string }> {
  const member = await ok<{ id: string }>(server, 'users/create', { email, name: `${role} ${email}`, role, password: PASSWORD, ...extra }, adminToken);
  return { id: member.id, email, token: await signIn(server.url, email, PASSWORD) };
}

/** A second organization created directly in the store (first run only makes one), with an
 *  admin and a project, plus a small file source of its own created through the API. */
export async function createSecondOrg(server: TestServer, slug: string): Promise<{ orgId: string; projectId: string; adminEmail: string; adminToken: string; sourceId: string; filesDir: string }> {
  const { store } = server.container.services;
  const org = await store.organizations.unscopedCreate({ name: `Org ${slug}`, slug });
  const ctx = systemContext(org.id);
  const adminEmail = `admin@${slug}.example.org`;
  const admin = await store.users.create(ctx, { email: adminEmail, name: `Admin ${slug}`, role: 'admin', passwordHash: await hashPassword(PASSWORD) });
  const project = await store.projects.create(ctx, { name: `${slug} project` });
  await store.projects.addMember(ctx, project.id, admin.id, 'owner');
  const adminToken = await signIn(server.url, adminEmail, PASSWORD);
  const dir = filesDir(server, slug);
  fs.writeFileSync(path.join(dir, 'accounts.csv'), 'account_id,account_name,contact_email\n1,Beta Corp,owner@beta-corp.example\n2,Gamma Ltd,cfo@gamma.example\n');
  const source = await ok<{ id: string }>(server, 'sources/create', { projectId: project.id, name: `${slug} files`, config: { type: 'files', path: dir } }, adminToken);
  return { orgId: org.id, projectId: project.id, adminEmail, adminToken, sourceId: source.id, filesDir: dir };
}

/** The first data source of the signed-in person (the demo source for the first-run admin). */
export async function firstSource(server: TestServer, token: string): Promise<{ id: string; projectId: string }> {
  const [source] = await ok<Array<{ id: string; projectId: string }>>(server, 'sources/list', {}, token);
  return source;
}

const extraDirs = new WeakMap<TestServer, string[]>();

/** A folder for a file source, outside the data folder (sources may not read Aiser's own files); removed by cleanup(). */
export function filesDir(server: TestServer, label: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `aiser-files-${label}-`));
  extraDirs.set(server, [...(extraDirs.get(server) ?? []), dir]);
  return dir;
}

export function cleanup(server: TestServer | undefined): Promise<void> {
  if (!server) return Promise.resolve();
  return server.close().finally(() => {
    for (const dir of [server.dataDir, ...(extraDirs.get(server) ?? [])]) fs.rmSync(dir, { recursive: true, force: true });
  });
}
