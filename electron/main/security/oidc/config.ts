import { z } from 'zod';
import { ROLES, type Role } from '../../../../shared/types/auth';
import { parseOrgMap, type OrgMappingRule } from './orgMapping';

/** Single sign-on through an OpenID Connect identity provider (server mode). */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  /** Confidential clients only; public clients rely on PKCE alone. */
  clientSecret?: string;
  /** Where the provider sends the browser back: `<server>/auth/oidc/callback`. */
  redirectUri: string;
  scopes: string[];
  /** ID-token claim holding the person's groups or roles (string or string[]). */
  roleClaim: string;
  /** Claim value → Aiser role; the highest-privilege match wins. */
  roleMap: Record<string, Role>;
  /** Role for people with no mapped claim value; null refuses them. */
  defaultRole: Role | null;
  /** Id of the organization this identity provider signs people into (one provider ↔ one
   *  organization, so a provider can never assert identities of another organization). */
  organizationId: string | null;
  /** Group or e-mail-domain rules that sign people into other organizations (AISER_OIDC_ORG_MAP). */
  organizationRules: OrgMappingRule[];
  /** Only e-mail addresses of these domains may sign in (empty: any). */
  allowedDomains: string[];
  /** Create an account on first sign-in (otherwise an admin must create it first). */
  autoCreate: boolean;
}

export class OidcConfigError extends Error {
  override name = 'ConfigError';
}

const list = (value: string | undefined) => (value ?? '').split(',').map((v) => v.trim()).filter(Boolean);

const envSchema = z.object({
  AISER_OIDC_ISSUER: z.string().url('must be the provider’s issuer URL, e.g. https://login.example.com/realms/acme'),
  AISER_OIDC_CLIENT_ID: z.string().min(1, 'is required'),
  AISER_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  AISER_OIDC_REDIRECT_URI: z.string().url('must be this server’s https://…/auth/oidc/callback URL'),
  AISER_OIDC_SCOPES: z.string().default('openid email profile'),
  AISER_OIDC_ROLE_CLAIM: z.string().min(1).default('groups'),
  AISER_OIDC_ROLE_MAP: z.string().default(''),
  AISER_OIDC_DEFAULT_ROLE: z.enum([...ROLES, 'none']).default('none'),
  AISER_OIDC_ORG_ID: z.string().min(1).optional(),
  AISER_OIDC_ORG_MAP: z.string().default(''),
  AISER_OIDC_ALLOWED_DOMAINS: z.string().default(''),
  AISER_OIDC_AUTO_CREATE: z.enum(['true', 'false']).default('true'),
});

/** Reads AISER_OIDC_* variables; null when SSO is not configured (AISER_OIDC_ISSUER unset). */
export function loadOidcConfig(env: NodeJS.ProcessEnv): OidcConfig | null {
  if (!env.AISER_OIDC_ISSUER) return null;
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new OidcConfigError(`Single sign-on configuration error: ${issue.path.join('.')} ${issue.message}. Fix the environment variable and start again.`);
  }
  const e = parsed.data;
  const roleMap: Record<string, Role> = {};
  for (const pair of list(e.AISER_OIDC_ROLE_MAP)) {
    const [claimValue, role] = pair.split('=').map((s) => s.trim());
    if (!claimValue || !(ROLES as readonly string[]).includes(role)) {
      throw new OidcConfigError(`AISER_OIDC_ROLE_MAP entry "${pair}" must look like group=role with role one of ${ROLES.join(', ')}.`);
    }
    roleMap[claimValue] = role as Role;
  }
  const organizationRules = parseOrgMap(e.AISER_OIDC_ORG_MAP);
  if (!e.AISER_OIDC_ORG_ID && organizationRules.length === 0) {
    throw new OidcConfigError('Single sign-on configuration error: set AISER_OIDC_ORG_ID (the organization people sign in to) or AISER_OIDC_ORG_MAP (group/domain → organization rules).');
  }
  const scopes = e.AISER_OIDC_SCOPES.split(/\s+/).filter(Boolean);
  if (!scopes.includes('openid')) scopes.unshift('openid');
  return {
    issuer: e.AISER_OIDC_ISSUER.replace(/\/+$/, ''),
    clientId: e.AISER_OIDC_CLIENT_ID,
    clientSecret: e.AISER_OIDC_CLIENT_SECRET,
    redirectUri: e.AISER_OIDC_REDIRECT_URI,
    scopes,
    roleClaim: e.AISER_OIDC_ROLE_CLAIM,
    roleMap,
    defaultRole: e.AISER_OIDC_DEFAULT_ROLE === 'none' ? null : e.AISER_OIDC_DEFAULT_ROLE,
    organizationId: e.AISER_OIDC_ORG_ID ?? null,
    organizationRules,
    allowedDomains: list(e.AISER_OIDC_ALLOWED_DOMAINS).map((d) => d.toLowerCase()),
    autoCreate: e.AISER_OIDC_AUTO_CREATE === 'true',
  };
}
