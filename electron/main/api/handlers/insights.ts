import { ApiError } from '../../../../shared/api/errors';
import type { RequestContext } from '../../../../shared/types/auth';
import type { Services } from '../../services';
import type { HandlerGroup } from '../types';

type InsightKeys = 'insights/list' | 'insights/get' | 'insights/summary';

/** Insights belong to a project of the caller's organization: below admin, only its members may read them. */
async function assertProjectMember(services: Services, ctx: RequestContext, projectId: string): Promise<void> {
  if (ctx.role !== 'admin' && !ctx.projectIds.includes(projectId)) {
    throw new ApiError('NOT_FOUND', 'There is no such project.', { hint: 'Choose one of your projects.' });
  }
  await services.store.projects.get(ctx, projectId);
}

export function insightHandlers(services: Services): HandlerGroup<InsightKeys> {
  const { insights } = services;
  return {
    'insights/list': async ({ projectId, kind, limit }, call) => {
      await assertProjectMember(services, call.auth, projectId);
      return insights.list(call.auth, { projectId, kind, limit });
    },
    'insights/get': async ({ id }, call) => insights.get(call.auth, id),
    'insights/summary': async ({ projectId, from, to }, call) => {
      await assertProjectMember(services, call.auth, projectId);
      return insights.executiveSummary(call.auth, projectId, { from, to });
    },
  };
}
