import { glossarySchema, type Glossary } from '../../../../shared/types/semantic';
import type { Services } from '../../services';
import { glossaryOf } from '../../sources/glossary';
import { maskSchemaSamples } from '../../security/masking';
import type { JsonObject } from '../../store/types';
import { zodToApiError } from '../errorMapping';
import type { HandlerGroup } from '../types';
import { storeUpload } from '../../uploads';

type SourceKeys = 'sources/list' | 'sources/get' | 'sources/test' | 'sources/create' | 'sources/update' | 'sources/remove' | 'sources/schema' | 'sources/glossary' | 'sources/setGlossary' | 'sources/upload';

export function sourceHandlers(services: Services): HandlerGroup<SourceKeys> {
  const { sources, store } = services;
  return {
    'sources/list': async ({ projectId }, call) => sources.list(call.auth, projectId),
    'sources/get': async ({ id }, call) => sources.get(call.auth, id),
    'sources/test': async ({ config, id }, call) => sources.testWithStoredSecrets(call.auth, config, id),
    'sources/upload': async (req, call) => {
      const stored = await storeUpload(call.auth, req, { dataDir: services.config.dataDir, fileRoots: services.config.fileRoots });
      await store.audit.append(call.auth, { action: 'source.upload', target: stored.fileName, details: { bytes: stored.bytes, type: stored.type } });
      return stored;
    },
    'sources/create': async (req, call) => {
      const view = await sources.create(call.auth, req);
      await store.audit.append(call.auth, { action: 'source.create', target: view.id, details: { name: view.name, kind: view.kind } });
      return view;
    },
    'sources/update': async ({ id, ...patch }, call) => {
      const view = await sources.update(call.auth, id, patch);
      await store.audit.append(call.auth, { action: 'source.update', target: id, details: { fields: Object.keys(patch) } });
      return view;
    },
    'sources/remove': async ({ id }, call) => {
      await sources.remove(call.auth, id);
      await store.audit.append(call.auth, { action: 'source.remove', target: id, details: {} });
      return { ok: true };
    },
    'sources/schema': async ({ id, refresh }, call) => maskSchemaSamples(call.auth, await sources.schema(call.auth, id, refresh)),
    'sources/glossary': async ({ id }, call) => glossaryOf(await sources.record(call.auth, id)) ?? null,
    'sources/setGlossary': async ({ id, glossary }, call) => {
      let parsed: Glossary | null = null;
      if (glossary !== null) {
        const result = glossarySchema.safeParse(glossary);
        if (!result.success) throw zodToApiError(result.error, 'glossary');
        parsed = result.data;
      }
      await sources.setSemanticModel(call.auth, id, parsed as unknown as JsonObject | null);
      await store.audit.append(call.auth, { action: 'source.glossary', target: id, details: { metrics: parsed?.metrics.length ?? 0, removed: parsed === null } });
      return parsed;
    },
  };
}
