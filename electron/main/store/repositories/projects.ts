import type { RequestContext } from '../../../../shared/types/auth';
import { NotFoundError, assertNonEmpty, assertOneOf } from '../errors';
import type { Models } from '../models';
import { OrgScopedTable, tableNameOf } from '../scoped';
import { cachedRead } from '../readCache';
import { PROJECT_MEMBER_ROLES, type JsonObject, type Project, type ProjectMember, type ProjectMemberRole } from '../types';

export class ProjectsRepository {
  private readonly projects: OrgScopedTable<Project>;
  private readonly members: OrgScopedTable<ProjectMember>;

  constructor(private readonly models: Models) {
    this.projects = new OrgScopedTable(models.projects, { entity: 'project', project: 'self', cached: true });
    this.members = new OrgScopedTable(models.projectMembers, { entity: 'project member', project: 'required', projects: models.projects, cached: true });
  }

  async create(ctx: RequestContext, input: { name: string; settings?: JsonObject }): Promise<Project> {
    assertNonEmpty('name', input.name);
    return this.projects.insert(ctx, { name: input.name.trim(), settings: input.settings ?? {} });
  }

  async list(ctx: RequestContext): Promise<Project[]> {
    return this.projects.list(ctx);
  }

  async get(ctx: RequestContext, id: string): Promise<Project> {
    return this.projects.get(ctx, id);
  }

  async update(ctx: RequestContext, id: string, patch: { name?: string; settings?: JsonObject }): Promise<Project> {
    if (patch.name !== undefined) assertNonEmpty('name', patch.name);
    return this.projects.update(ctx, id, { name: patch.name?.trim(), settings: patch.settings });
  }

  async delete(ctx: RequestContext, id: string): Promise<void> {
    return this.projects.remove(ctx, id);
  }

  async addMember(ctx: RequestContext, projectId: string, userId: string, role: ProjectMemberRole = 'editor'): Promise<ProjectMember> {
    assertOneOf('role', role, PROJECT_MEMBER_ROLES);
    await this.assertUserInOrg(ctx, userId);
    const existing = await this.members.list(ctx, { projectId, userId });
    if (existing[0]) return this.members.update(ctx, existing[0].id, { role });
    return this.members.insert(ctx, { projectId, userId, role });
  }

  async removeMember(ctx: RequestContext, projectId: string, userId: string): Promise<void> {
    const removed = await this.members.removeWhere(ctx, { projectId, userId });
    if (removed === 0) throw new NotFoundError('project member', `${projectId}/${userId}`);
  }

  async listMembers(ctx: RequestContext, projectId: string): Promise<ProjectMember[]> {
    await this.projects.assertVisible(ctx, projectId);
    return this.members.list(ctx, { projectId });
  }

  /** The projects a user may work in, for building their RequestContext: every project of the
   *  organization for admins, otherwise the projects they are a member of. */
  async projectIdsForUser(ctx: RequestContext, userId: string): Promise<string[]> {
    const tables = [this.models.users, this.models.projects, this.models.projectMembers].map(tableNameOf);
    const ids = await cachedRead(this.models.users.sequelize, tables, ['project ids', ctx.orgId, userId], async () => {
      try {
        return await this.readProjectIdsForUser(ctx, userId);
      } catch (error) {
        if (error instanceof NotFoundError) return null;
        throw error;
      }
    });
    if (!ids) throw new NotFoundError('user', userId);
    return ids;
  }

  private async readProjectIdsForUser(ctx: RequestContext, userId: string): Promise<string[]> {
    const user = await this.models.users.findOne({ where: { id: userId, organizationId: ctx.orgId } });
    if (!user) throw new NotFoundError('user', userId);
    if (user.get('role') === 'admin') {
      const all = await this.models.projects.findAll({ where: { organizationId: ctx.orgId }, attributes: ['id'], order: [['createdAt', 'ASC']] });
      return all.map((project) => project.get('id') as string);
    }
    const memberships = await this.models.projectMembers.findAll({ where: { organizationId: ctx.orgId, userId }, attributes: ['projectId'] });
    return memberships.map((membership) => membership.get('projectId') as string);
  }

  private async assertUserInOrg(ctx: RequestContext, userId: string): Promise<void> {
    const count = await this.models.users.count({ where: { id: userId, organizationId: ctx.orgId } });
    if (count === 0) throw new NotFoundError('user', userId);
  }
}
