import { ApiError } from '../../../shared/api/errors';
import type { HandlerMap } from '../api/types';
import { providerRefusal, type MachinePolicy } from './schema';

function refuse(message: string): never {
  throw new ApiError('FORBIDDEN', message, { hint: 'This computer is managed by your organization; ask IT to change the policy.' });
}

/** Wraps the calls a machine policy restricts, so the rule holds whatever the screen shows. */
export function applyMachinePolicy(handlers: HandlerMap, policy: MachinePolicy): HandlerMap {
  const saveProvider = handlers['ai/saveProvider'];
  const testProvider = handlers['ai/testProvider'];
  return {
    ...handlers,
    'ai/saveProvider': async (request, call) => {
      const reason = providerRefusal(policy, request);
      if (reason) refuse(reason);
      return saveProvider(request, call);
    },
    'ai/testProvider': async (request, call) => {
      if ('kind' in request && typeof request.kind === 'string' && 'endpoint' in request && typeof request.endpoint === 'string') {
        const reason = providerRefusal(policy, { kind: request.kind, endpoint: request.endpoint });
        if (reason) refuse(reason);
      } else if (policy.ai?.forceOffline) {
        refuse('This computer is managed to work offline: language-model providers cannot be used.');
      }
      return testProvider(request, call);
    },
  };
}
