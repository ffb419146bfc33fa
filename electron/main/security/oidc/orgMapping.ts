import { ROLES, type Role } from '../../../../shared/types/auth';

/** One identity provider, several organizations: a group or e-mail domain picks the
 *  organization (by id or slug) and optionally the role people get there. */
export interface OrgMappingRule {
  match: 'group' | 'domain';
  value: string;
  organization: string;
  role?: Role;
}

export class OrgMappingError extends Error {
  override name = 'ConfigError';
}

/** Parses `group:finance=acme:analyst, domain:client-b.com=client-b` (AISER_OIDC_ORG_MAP). */
export function parseOrgMap(text: string): OrgMappingRule[] {
  return text.split(',').map((entry) => entry.trim()).filter(Boolean).map((entry) => {
    const found = /^(group|domain):([^=]+)=([^:=\s]+)(?::([a-z]+))?$/.exec(entry);
    if (!found || (found[4] !== undefined && !(ROLES as readonly string[]).includes(found[4]))) {
      throw new OrgMappingError(`AISER_OIDC_ORG_MAP entry "${entry}" must look like group:<group>=<organization>[:<role>] or domain:<domain>=<organization>[:<role>], with role one of ${ROLES.join(', ')}.`);
    }
    const [, match, value, organization, role] = found;
    return { match: match as OrgMappingRule['match'], value: match === 'domain' ? value.trim().toLowerCase() : value.trim(), organization, role: role as Role | undefined };
  });
}

/** The rule that decides where a person signs in: group rules first (more specific), then the
 *  e-mail domain; null when none matches. */
export function matchOrganization(rules: readonly OrgMappingRule[], person: { email: string; groups: readonly string[] }): OrgMappingRule | null {
  const domain = person.email.slice(person.email.lastIndexOf('@') + 1).toLowerCase();
  return rules.find((r) => r.match === 'group' && person.groups.includes(r.value))
    ?? rules.find((r) => r.match === 'domain' && r.value === domain)
    ?? null;
}
