import type { Services } from '../../services';
import type { HandlerGroup } from '../types';

type OrganizationKeys =
  | 'orgs/list' | 'orgs/create' | 'orgs/rename' | 'orgs/setStatus' | 'orgs/delete'
  | 'org/settings' | 'org/updateSettings' | 'org/usage'
  | 'projects/list' | 'projects/create' | 'projects/rename' | 'projects/remove' | 'projects/setMember' | 'projects/setSources';

export function organizationHandlers(services: Services): HandlerGroup<OrganizationKeys> {
  const { platform, orgSettings, projects, usage } = services.admin;
  return {
    'orgs/list': async (_req, call) => platform.list(call.auth),
    'orgs/create': async (req, call) => platform.create(call.auth, req),
    'orgs/rename': async ({ id, name }, call) => platform.rename(call.auth, id, name),
    'orgs/setStatus': async ({ id, status }, call) => platform.setStatus(call.auth, id, status),
    'orgs/delete': async ({ id, confirmName }, call) => ({ ok: true as const, ...(await platform.delete(call.auth, id, confirmName)) }),
    'org/settings': async (_req, call) => orgSettings.get(call.auth),
    'org/updateSettings': async (req, call) => orgSettings.update(call.auth, req),
    'org/usage': async (_req, call) => usage.report(call.auth, (await services.store.organizations.get(call.auth)).settings.usageLimits ?? {}),
    'projects/list': async (_req, call) => projects.list(call.auth),
    'projects/create': async ({ name }, call) => projects.create(call.auth, name),
    'projects/rename': async ({ id, name }, call) => projects.rename(call.auth, id, name),
    'projects/remove': async ({ id }, call) => {
      await projects.remove(call.auth, id);
      return { ok: true as const };
    },
    'projects/setMember': async ({ projectId, userId, role }, call) => projects.setMember(call.auth, projectId, userId, role),
    'projects/setSources': async ({ projectId, sourceIds }, call) => projects.setSources(call.auth, projectId, sourceIds),
  };
}
