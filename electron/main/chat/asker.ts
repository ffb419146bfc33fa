/** The organization and project a question is asked in, for the language model's prompt (the
 *  person's role, department and expertise come with the request context). The person's name is
 *  not included: the prompt leaves the machine and the name does not help write SQL. */
import type { RequestContext } from '../../../shared/types/auth';
import type { ContextRequest } from '../context/types';
import type { Store } from '../store';

export type AskerContext = Pick<ContextRequest, 'organization' | 'project'>;
export type AskerLookup = (ctx: RequestContext, projectId: string) => Promise<AskerContext>;

export function askerFromStore(store: Store): AskerLookup {
  return async (ctx, projectId) => {
    const [organization, project] = await Promise.all([store.organizations.get(ctx), store.projects.get(ctx, projectId).catch(() => undefined)]);
    return { organization: { name: organization.name }, ...(project ? { project: { id: project.id, name: project.name } } : {}) };
  };
}
