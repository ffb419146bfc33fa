import type { ProjectView } from '../../../shared/api/domains/organizations';
import type { RequestContext } from '../../../shared/types/auth';
import { NotFoundError, type Project, type ProjectMemberRole, type Store } from '../store';

/** Organization administrators: projects, who works in them with which project role, and which
 *  organization-wide data sources each may use (enforced by the data-sources repository). */
export class ProjectsAdmin {
  constructor(private readonly store: Store) {}

  async list(ctx: RequestContext): Promise<ProjectView[]> {
    const [projects, users, sources] = await Promise.all([this.store.projects.list(ctx), this.store.users.list(ctx), this.store.dataSources.list(ctx)]);
    return Promise.all(projects.map((project) => this.view(ctx, project, users, sources)));
  }

  async get(ctx: RequestContext, id: string): Promise<ProjectView> {
    const [project, users, sources] = await Promise.all([this.store.projects.get(ctx, id), this.store.users.list(ctx), this.store.dataSources.list(ctx)]);
    return this.view(ctx, project, users, sources);
  }

  async create(ctx: RequestContext, name: string): Promise<ProjectView> {
    const project = await this.store.projects.create(ctx, { name });
    await this.store.projects.addMember(ctx, project.id, ctx.userId, 'owner');
    await this.store.audit.append(ctx, { action: 'project.create', target: project.id, details: { name } });
    return this.get(ctx, project.id);
  }

  async rename(ctx: RequestContext, id: string, name: string): Promise<ProjectView> {
    await this.store.projects.update(ctx, id, { name });
    await this.store.audit.append(ctx, { action: 'project.rename', target: id, details: { name } });
    return this.get(ctx, id);
  }

  async remove(ctx: RequestContext, id: string): Promise<void> {
    await this.store.projects.delete(ctx, id);
    await this.store.audit.append(ctx, { action: 'project.remove', target: id, details: {} });
  }

  async setMember(ctx: RequestContext, projectId: string, userId: string, role: ProjectMemberRole | null): Promise<ProjectView> {
    await this.store.projects.get(ctx, projectId);
    if (role === null) await this.store.projects.removeMember(ctx, projectId, userId);
    else await this.store.projects.addMember(ctx, projectId, userId, role);
    await this.store.audit.append(ctx, { action: role === null ? 'project.member_remove' : 'project.member_set', target: projectId, details: { userId, role } });
    return this.get(ctx, projectId);
  }

  async setSources(ctx: RequestContext, projectId: string, sourceIds: string[] | null): Promise<ProjectView> {
    const project = await this.store.projects.get(ctx, projectId);
    if (sourceIds) {
      const known = new Set((await this.store.dataSources.list(ctx)).map((s) => s.id));
      const unknown = sourceIds.find((id) => !known.has(id));
      if (unknown) throw new NotFoundError('data source', unknown);
    }
    const { sourceIds: _previous, ...rest } = project.settings;
    await this.store.projects.update(ctx, projectId, { settings: sourceIds ? { ...rest, sourceIds: [...new Set(sourceIds)] } : rest });
    await this.store.audit.append(ctx, { action: 'project.sources_set', target: projectId, details: { sourceIds } });
    return this.get(ctx, projectId);
  }

  private async view(ctx: RequestContext, project: Project, users: Awaited<ReturnType<Store['users']['list']>>, sources: Awaited<ReturnType<Store['dataSources']['list']>>): Promise<ProjectView> {
    const members = await this.store.projects.listMembers(ctx, project.id);
    const byId = new Map(users.map((user) => [user.id, user]));
    const ids = project.settings.sourceIds;
    return {
      id: project.id, name: project.name, createdAt: project.createdAt,
      members: members.flatMap((m) => {
        const user = byId.get(m.userId);
        return user ? [{ userId: user.id, name: user.name, email: user.email, orgRole: user.role, projectRole: m.role }] : [];
      }),
      sourceIds: Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : null,
      ownSourceIds: sources.filter((s) => s.projectId === project.id).map((s) => s.id),
    };
  }
}
