import type { z } from 'zod';
import type { EndpointDef } from './endpoint';
import { adminApi } from './domains/admin';
import { alertsApi } from './domains/alerts';
import { aiApi } from './domains/ai';
import { authApi } from './domains/auth';
import { chatApi } from './domains/chat';
import { dashboardsApi } from './domains/dashboards';
import { insightsApi } from './domains/insights';
import { organizationsApi } from './domains/organizations';
import { queryApi } from './domains/query';
import { reportsApi } from './domains/reports';
import { sourcesApi } from './domains/sources';
import { systemApi } from './domains/system';
import { usersApi } from './domains/users';
import { verifiedApi } from './domains/verified';

export const API_VERSION = 'v1';

/** Every call of the API, `'domain/action'` → schemas + access. Both transports mount this map. */
export const contract = {
  ...systemApi,
  ...authApi,
  ...sourcesApi,
  ...queryApi,
  ...chatApi,
  ...aiApi,
  ...dashboardsApi,
  ...usersApi,
  ...adminApi,
  ...insightsApi,
  ...organizationsApi,
  ...alertsApi,
  ...reportsApi,
  ...verifiedApi,
} as const satisfies Record<string, EndpointDef>;

export type Contract = typeof contract;
export type CallKey = keyof Contract;
export type RequestOf<K extends CallKey> = z.input<Contract[K]['request']>;
export type ParsedRequestOf<K extends CallKey> = z.output<Contract[K]['request']>;
export type ResponseOf<K extends CallKey> = z.output<Contract[K]['response']>;
export type EventOf<K extends CallKey> = NonNullable<Contract[K]['event']> extends infer E ? (E extends z.ZodType ? z.output<E> : never) : never;
export type StreamingKey = { [K in CallKey]: [EventOf<K>] extends [never] ? never : K }[CallKey];

export const CALL_KEYS = Object.keys(contract) as CallKey[];
export function isCallKey(key: string): key is CallKey {
  return Object.prototype.hasOwnProperty.call(contract, key);
}
