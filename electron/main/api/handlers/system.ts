import { API_VERSION } from '../../../../shared/api/contract';
import type { Services } from '../../container';
import type { HandlerGroup } from '../types';

export const APP_VERSION = '0.1.0';

export function systemHandlers(services: Services): HandlerGroup<'system/health' | 'ops/cancel'> {
  return {
    'system/health': async () => ({ status: 'ok', version: APP_VERSION, apiVersion: API_VERSION, uptimeS: Math.round((Date.now() - services.startedAt) / 1000) }),
    'ops/cancel': async ({ requestId }, call) => ({ cancelled: services.activeCalls.cancel(call.auth.sessionId, requestId) }),
  };
}
