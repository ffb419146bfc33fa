import type { Services } from '../../container';
import type { HandlerGroup } from '../types';

type InsightKeys = 'insights/list' | 'insights/get' | 'insights/summary';

export function insightHandlers(services: Services): HandlerGroup<InsightKeys> {
  const { insights } = services;
  return {
    'insights/list': async ({ projectId, kind, limit }, call) => insights.list(call.auth, { projectId, kind, limit }),
    'insights/get': async ({ id }, call) => insights.get(call.auth, id),
    'insights/summary': async ({ projectId, from, to }, call) => insights.executiveSummary(call.auth, projectId, { from, to }),
  };
}
