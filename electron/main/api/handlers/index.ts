import type { Services } from '../../services';
import type { HandlerMap } from '../types';
import { adminHandlers } from './admin';
import { aiHandlers } from './ai';
import { alertHandlers } from './alerts';
import { authHandlers } from './auth';
import { chatHandlers } from './chat';
import { dashboardHandlers } from './dashboards';
import { insightHandlers } from './insights';
import { organizationHandlers } from './organizations';
import { queryHandlers } from './query';
import { reportHandlers } from './reports';
import { sourceHandlers } from './sources';
import { systemHandlers } from './system';
import { userHandlers } from './users';
import { verifiedHandlers } from './verified';

/** The one handler map both transports mount; `satisfies HandlerMap` fails the build when a
 *  contract call has no handler. */
export function buildHandlers(services: Services): HandlerMap {
  return {
    ...systemHandlers(services),
    ...authHandlers(services),
    ...sourceHandlers(services),
    ...queryHandlers(services),
    ...dashboardHandlers(services),
    ...userHandlers(services),
    ...adminHandlers(services),
    ...chatHandlers(services),
    ...aiHandlers(services),
    ...insightHandlers(services),
    ...organizationHandlers(services),
    ...alertHandlers(services),
    ...reportHandlers(services),
    ...verifiedHandlers(services),
  } satisfies HandlerMap;
}
