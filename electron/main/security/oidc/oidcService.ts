import { systemContext, type RequestContext, type Role } from '../../../../shared/types/auth';
import { ROLES } from '../../../../shared/types/auth';
import type { Store, User } from '../../store';
import { AuthError, type AuthService, type SignedIn } from '../auth';
import { OidcClient } from './client';
import type { OidcConfig } from './config';
import { matchOrganization } from './orgMapping';
import { verifyIdToken, type IdTokenClaims } from './idToken';

interface PendingSignIn {
  nonce: string;
  codeVerifier: string;
  expiresAt: number;
}

const PENDING_TTL_MS = 10 * 60_000;
const MAX_PENDING = 10_000;
/** Most privileged first: a person in several mapped groups gets the highest role. */
const ROLE_RANK: readonly Role[] = ROLES;

/** Server-mode single sign-on: authorization code + PKCE against the configured provider, then
 *  the verified identity is mapped to a user (created on first sign-in) and role of one organization. */
export class OidcService {
  private readonly pending = new Map<string, PendingSignIn>();

  constructor(
    readonly config: OidcConfig,
    private readonly store: Store,
    private readonly auth: AuthService,
    private readonly client = new OidcClient(config),
    private readonly now: () => number = Date.now,
  ) {}

  /** Where to send the browser to sign in; the state is remembered for one use within 10 minutes. */
  async start(): Promise<{ authorizationUrl: string }> {
    this.prune();
    if (this.pending.size >= MAX_PENDING) throw new AuthError('Too many sign-ins are in progress.', 'Try again in a few minutes.');
    const request = await this.client.authorizationRequest();
    this.pending.set(request.state, { nonce: request.nonce, codeVerifier: request.codeVerifier, expiresAt: this.now() + PENDING_TTL_MS });
    return { authorizationUrl: request.url };
  }

  /** Finishes the sign-in the provider redirected back with; opens an Aiser session. */
  async complete(code: string, state: string, client: { ip?: string; userAgent?: string } = {}): Promise<SignedIn> {
    const pending = this.pending.get(state);
    this.pending.delete(state);
    if (!pending || pending.expiresAt < this.now()) throw new AuthError('This sign-in link has expired or was already used.', 'Start signing in again.');
    const idToken = await this.client.exchangeCode(code, pending.codeVerifier);
    const claims = await verifyIdToken(idToken, {
      issuer: this.config.issuer, clientId: this.config.clientId, nonce: pending.nonce, now: Math.floor(this.now() / 1000), keyFor: (kid) => this.client.keyFor(kid),
    });
    const email = this.emailOf(claims);
    const rule = matchOrganization(this.config.organizationRules, { email, groups: this.claimValues(claims) });
    // Where someone belongs is decided first: "no organization" is the more useful refusal than "no role".
    const orgCtx = systemContext(await this.organizationIdFor(rule?.organization ?? this.config.organizationId));
    const role = rule?.role ?? this.roleOf(claims);
    const user = await this.userFor(orgCtx, email, role, claims);
    const session = await this.auth.openSession(user, client);
    await this.store.audit.append(session.ctx, { action: 'auth.sign_in', target: user.id, details: { method: 'oidc', subject: claims.sub, ip: client.ip ?? null } });
    return session;
  }

  private emailOf(claims: IdTokenClaims): string {
    const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
    if (!email || claims.email_verified === false) throw new AuthError('Your identity provider did not confirm an e-mail address.', 'Ask your administrator to release a verified email claim to Aiser.');
    const domain = email.slice(email.lastIndexOf('@') + 1);
    if (this.config.allowedDomains.length && !this.config.allowedDomains.includes(domain)) {
      throw new AuthError(`Accounts from ${domain} may not sign in here.`, 'Sign in with your company account.');
    }
    return email;
  }

  private claimValues(claims: IdTokenClaims): string[] {
    const raw = claims[this.config.roleClaim];
    return Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? raw.split(/[\s,]+/) : [];
  }

  private async organizationIdFor(organization: string | null): Promise<string> {
    const found = organization ? await this.store.organizations.unscopedFind(organization) : null;
    if (!found) throw new AuthError('Your account is not linked to an organization on this server.', 'Ask your administrator to map your group or e-mail domain to an organization.');
    if (found.status === 'suspended') throw new AuthError(`${found.name} is suspended.`, 'Ask your platform administrator to reactivate it.');
    return found.id;
  }

  private roleOf(claims: IdTokenClaims): Role {
    const values = this.claimValues(claims);
    const mapped = values.map((v) => this.config.roleMap[v]).filter((r): r is Role => r !== undefined);
    const role = ROLE_RANK.find((r) => mapped.includes(r)) ?? this.config.defaultRole;
    if (!role) throw new AuthError('Your account has no Aiser role.', 'Ask your administrator to add you to a group that grants access.');
    return role;
  }

  private async userFor(orgCtx: RequestContext, email: string, role: Role, claims: IdTokenClaims): Promise<User> {
    const existing = await this.store.users.findByEmail(orgCtx, email);
    if (!existing) {
      if (!this.config.autoCreate) throw new AuthError('There is no Aiser account for this e-mail address.', 'Ask your administrator to create one.');
      const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim().slice(0, 120) : email;
      const created = await this.store.users.create(orgCtx, { email, name, role, passwordHash: null });
      for (const project of await this.store.projects.list(orgCtx)) await this.store.projects.addMember(orgCtx, project.id, created.id, role === 'viewer' ? 'viewer' : 'editor');
      await this.store.audit.append(orgCtx, { action: 'user.create', target: created.id, details: { role, via: 'oidc' } });
      return created;
    }
    if (existing.status === 'disabled') throw new AuthError('This account is disabled.', 'Ask your administrator to enable it.');
    if (existing.role === role) return existing;
    // The identity provider is the source of truth for roles: a group change applies at the next sign-in.
    const updated = await this.store.users.update(orgCtx, existing.id, { role });
    await this.store.audit.append(orgCtx, { action: 'user.update', target: existing.id, details: { role, previousRole: existing.role, via: 'oidc' } });
    return updated;
  }

  private prune(): void {
    const now = this.now();
    for (const [state, pending] of this.pending) if (pending.expiresAt < now) this.pending.delete(state);
  }
}
