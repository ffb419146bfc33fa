import type { Role } from './auth';

/** Everything a caller can be allowed to do. Handlers declare one of these (or 'public' /
 *  'authenticated') in the API contract; roles map to permissions here, as data. */
export const PERMISSIONS = [
  'sources:read',
  'sources:manage',
  'query:run',
  'sql:free',
  'sql:see',
  'pii:see',
  'chat:ask',
  'dashboards:read',
  'dashboards:manage',
  'export',
  'reports:schedule',
  'users:manage',
  'providers:manage',
  'audit:read',
  'org:manage',
  /** Mark an answer verified: its SQL then answers the project's paraphrases of the question. */
  'answers:verify',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** What a handler requires: a permission, any signed-in user, or nothing. */
export type Access = Permission | 'authenticated' | 'public';

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  analyst: ['sources:read', 'query:run', 'sql:free', 'sql:see', 'chat:ask', 'dashboards:read', 'dashboards:manage', 'export', 'reports:schedule', 'answers:verify'],
  executive: ['sources:read', 'query:run', 'chat:ask', 'dashboards:read', 'dashboards:manage', 'export'],
  viewer: ['sources:read', 'dashboards:read'],
};

export function roleHas(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
