import { z } from 'zod';
import { empty, endpoint, id } from '../endpoint';

export const systemApi = {
  'system/health': endpoint({
    summary: 'Liveness and version; reachable without signing in.',
    access: 'public',
    request: empty,
    response: z.object({ status: z.enum(['ok', 'degraded']), version: z.string(), apiVersion: z.string(), uptimeS: z.number() }),
  }),
  'system/policy': endpoint({
    summary: 'What this machine’s policy file manages (AI providers, exports, reports, preset sources), for the "Managed by your organization" panel.',
    access: 'authenticated',
    request: empty,
    response: z.object({
      managed: z.boolean(),
      file: z.string().nullable(),
      settings: z.array(z.object({ key: z.string(), value: z.string() })),
      exportsAllowed: z.boolean(),
      reportSchedulingAllowed: z.boolean(),
      languageModelsAllowed: z.boolean(),
    }),
  }),
  'ops/cancel': endpoint({
    summary: 'Cancels a streaming call of this session by its request id.',
    access: 'authenticated',
    request: z.strictObject({ requestId: id }),
    response: z.object({ cancelled: z.boolean() }),
  }),
};
