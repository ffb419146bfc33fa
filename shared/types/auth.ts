/** Roles and the identity every request carries (see ARCHITECTURE.md, principle 3). */

export const ROLES = ['admin', 'analyst', 'executive', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const EXPERTISE_LEVELS = ['executive', 'manager', 'analyst', 'expert'] as const;
export type ExpertiseLevel = (typeof EXPERTISE_LEVELS)[number];

/** The caller of a service method. Services take it explicitly; the store scopes every read
 *  and write by `orgId` (and by project membership where a row belongs to a project). */
export interface RequestContext {
  userId: string;
  orgId: string;
  role: Role;
  /** Projects this user is a member of (admins: all projects of the organization). */
  projectIds: string[];
  sessionId: string;
  department?: string;
  expertise?: ExpertiseLevel;
}

/** A context for work the system does on an organization's behalf (migrations, schedulers). */
export function systemContext(orgId: string): RequestContext {
  return { userId: 'system', orgId, role: 'admin', projectIds: [], sessionId: 'system' };
}
