import { z } from 'zod';
import { empty, endpoint, id } from '../endpoint';

export const systemApi = {
  'system/health': endpoint({
    summary: 'Liveness and version; reachable without signing in.',
    access: 'public',
    request: empty,
    response: z.object({ status: z.enum(['ok', 'degraded']), version: z.string(), apiVersion: z.string(), uptimeS: z.number() }),
  }),
  'ops/cancel': endpoint({
    summary: 'Cancels a streaming call of this session by its request id.',
    access: 'authenticated',
    request: z.strictObject({ requestId: id }),
    response: z.object({ cancelled: z.boolean() }),
  }),
};
