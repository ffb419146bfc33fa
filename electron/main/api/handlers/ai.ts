import type { Services } from '../../services';
import type { HandlerGroup } from '../types';

type AiKeys = 'ai/listProviders' | 'ai/saveProvider' | 'ai/removeProvider' | 'ai/testProvider' | 'ai/checkHealth' | 'ai/status';

export function aiHandlers(services: Services): HandlerGroup<AiKeys> {
  const { ai } = services;
  return {
    'ai/listProviders': async (_request, call) => ai.listProviders(call.auth),
    'ai/saveProvider': async (request, call) => {
      const saved = await ai.saveProvider(call.auth, request);
      await services.store.audit.append(call.auth, { action: 'ai.provider_saved', target: saved.id, details: { kind: saved.kind, endpoint: saved.endpoint, model: saved.model, keyChanged: request.apiKey !== undefined } });
      return saved;
    },
    'ai/removeProvider': async ({ id }, call) => {
      await ai.removeProvider(call.auth, id);
      await services.store.audit.append(call.auth, { action: 'ai.provider_removed', target: id });
      return { ok: true as const };
    },
    'ai/testProvider': async (request, call) => {
      const result = await ai.testProvider(call.auth, request);
      await services.store.audit.append(call.auth, { action: 'ai.provider_tested', target: request.id ?? null, details: { ok: result.ok, latencyMs: result.latencyMs, model: result.model } });
      return result;
    },
    'ai/checkHealth': async (_request, call) => ai.checkHealth(call.auth),
    // Only the organization's provider managers reach this (contract access); counters are the organization's own.
    'ai/status': async (_request, call) => ai.status(call.auth),
  };
}
