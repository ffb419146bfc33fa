import { API_VERSION } from '../../../../shared/api/contract';
import type { Services } from '../../services';
import { managedSettings } from '../../policy';
import type { HandlerGroup } from '../types';

export const APP_VERSION = '0.1.0';

export function systemHandlers(services: Services): HandlerGroup<'system/health' | 'system/policy' | 'ops/cancel'> {
  const { policy, file } = services.machinePolicy;
  return {
    'system/health': async () => ({ status: 'ok', version: APP_VERSION, apiVersion: API_VERSION, uptimeS: Math.round((Date.now() - services.startedAt) / 1000) }),
    'system/policy': async () => ({
      managed: file !== null, file, settings: managedSettings(policy),
      exportsAllowed: policy.exports?.allowed ?? true,
      reportSchedulingAllowed: policy.reports?.allowScheduling ?? true,
      languageModelsAllowed: !policy.ai?.forceOffline,
    }),
    'ops/cancel': async ({ requestId }, call) => ({ cancelled: services.activeCalls.cancel(call.auth.sessionId, requestId) }),
  };
}
