import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import { systemContext, type RequestContext } from '../../../shared/types/auth';
import type { AuditTrail } from '../security/auditTrail';
import { hashPassword } from '../security/passwords';
import type { Organization, Store } from '../store';

export interface OrganizationSummary {
  id: string;
  name: string;
  slug: string;
  status: Organization['status'];
  createdAt: string;
  people: number;
  projects: number;
}

export interface PlatformOptions {
  dataDir: string;
  /** Server-mode file roots; `{orgId}` stands for the organization (its folder goes with it). */
  fileRoots: readonly string[];
}

/** Server mode: the platform administrator creates, renames, suspends and deletes organizations. */
export class PlatformAdmin {
  constructor(
    private readonly store: Store,
    private readonly auditTrail: AuditTrail,
    private readonly options: PlatformOptions,
    private readonly onChange: (orgId: string) => void = () => undefined,
  ) {}

  async assertPlatformAdmin(ctx: RequestContext): Promise<void> {
    const me = await this.store.users.get(ctx, ctx.userId).catch(() => null);
    if (!me?.platformAdmin) {
      throw new ApiError('FORBIDDEN', 'Only a platform administrator can manage organizations.', { hint: 'Organization administrators manage their own organization under Administration.' });
    }
  }

  async list(ctx: RequestContext): Promise<OrganizationSummary[]> {
    await this.assertPlatformAdmin(ctx);
    return Promise.all((await this.store.organizations.unscopedList()).map((org) => this.summary(org)));
  }

  async create(ctx: RequestContext, input: { name: string; adminEmail: string; adminName: string; adminPassword: string }): Promise<OrganizationSummary> {
    await this.assertPlatformAdmin(ctx);
    const org = await this.store.organizations.unscopedCreate({ name: input.name, slug: await this.freeSlug(input.name) });
    const orgCtx = systemContext(org.id);
    const admin = await this.store.users.create(orgCtx, { email: input.adminEmail, name: input.adminName, role: 'admin', passwordHash: await hashPassword(input.adminPassword) });
    const project = await this.store.projects.create(orgCtx, { name: 'General' });
    await this.store.projects.addMember(orgCtx, project.id, admin.id, 'owner');
    await this.store.audit.append(orgCtx, { action: 'org.create', target: org.id, actorId: ctx.userId, details: { name: org.name, adminId: admin.id, by: ctx.userId, byOrg: ctx.orgId } });
    await this.store.audit.append(ctx, { action: 'platform.org_create', target: org.id, details: { name: org.name } });
    return this.summary(org);
  }

  async rename(ctx: RequestContext, id: string, name: string): Promise<OrganizationSummary> {
    await this.assertPlatformAdmin(ctx);
    const org = await this.store.organizations.unscopedUpdate(id, { name });
    await this.store.audit.append(ctx, { action: 'platform.org_rename', target: id, details: { name } });
    this.onChange(id);
    return this.summary(org);
  }

  async setStatus(ctx: RequestContext, id: string, status: Organization['status']): Promise<OrganizationSummary> {
    await this.assertPlatformAdmin(ctx);
    if (id === ctx.orgId && status === 'suspended') throw new ApiError('CONFLICT', 'You cannot suspend your own organization.', { hint: 'Ask another platform administrator.' });
    const org = await this.store.organizations.unscopedUpdate(id, { status });
    if (status === 'suspended') await this.signEveryoneOut(id);
    await this.store.audit.append(ctx, { action: status === 'suspended' ? 'platform.org_suspend' : 'platform.org_reactivate', target: id, details: { name: org.name } });
    this.onChange(id);
    return this.summary(org);
  }

  /** Removes the organization, every row it owns (including its audit trail) and its files. */
  async delete(ctx: RequestContext, id: string, confirmName: string): Promise<{ removedFiles: number }> {
    await this.assertPlatformAdmin(ctx);
    if (id === ctx.orgId) throw new ApiError('CONFLICT', 'You cannot delete your own organization.', { hint: 'Ask another platform administrator.' });
    const org = await this.store.organizations.unscopedFind(id);
    if (!org || org.id !== id) throw new ApiError('NOT_FOUND', 'There is no such organization.');
    if (confirmName.trim() !== org.name) {
      throw new ApiError('VALIDATION_FAILED', `Type the organization’s name exactly ("${org.name}") to delete it.`, { field: 'confirmName', hint: 'Deleting cannot be undone.' });
    }
    const folders = this.foldersOf(id);
    await this.store.organizations.unscopedDelete(id);
    await this.store.audit.unscopedDeleteOrganization(id);
    await this.auditTrail.forgetOrganization(id);
    let removedFiles = 0;
    for (const folder of folders) removedFiles += removeFolder(folder);
    this.onChange(id);
    await this.store.audit.append(ctx, { action: 'platform.org_delete', target: id, details: { name: org.name, removedFiles } });
    return { removedFiles };
  }

  private foldersOf(orgId: string): string[] {
    const folders = [path.join(this.options.dataDir, 'demo', orgId)];
    for (const root of this.options.fileRoots) if (root.includes('{orgId}')) folders.push(root.split('{orgId}').join(orgId));
    return folders;
  }

  private async signEveryoneOut(orgId: string): Promise<void> {
    const orgCtx = systemContext(orgId);
    for (const user of await this.store.users.list(orgCtx)) await this.store.sessions.revokeAllForUser(orgCtx, user.id);
  }

  private async summary(org: Organization): Promise<OrganizationSummary> {
    const ctx = systemContext(org.id);
    const [people, projects] = await Promise.all([this.store.users.list(ctx), this.store.projects.list(ctx)]);
    return { id: org.id, name: org.name, slug: org.slug, status: org.status, createdAt: org.createdAt, people: people.length, projects: projects.length };
  }

  private async freeSlug(name: string): Promise<string> {
    const base = name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'org';
    for (let n = 1; ; n += 1) {
      const slug = n === 1 ? base : `${base}-${n}`;
      if (!(await this.store.organizations.unscopedFind(slug))) return slug;
    }
  }
}

function countFiles(folder: string): number {
  let count = 0;
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) count += entry.isDirectory() ? countFiles(path.join(folder, entry.name)) : 1;
  return count;
}

function removeFolder(folder: string): number {
  if (!fs.existsSync(folder)) return 0;
  const count = countFiles(folder);
  fs.rmSync(folder, { recursive: true, force: true });
  return count;
}
