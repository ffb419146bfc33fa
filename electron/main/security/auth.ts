import type { RequestContext } from '../../../shared/types/auth';
import type { Store } from '../store';
import type { User } from '../store/types';
import { hashPassword, hashToken, newSessionToken, verifyPassword } from './passwords';

export class AuthError extends Error {
  override name = 'AuthError';
  constructor(message: string, readonly hint?: string) {
    super(message);
  }
}

export interface AuthPolicy {
  sessionTtlMs: number;
  idleTimeoutMs: number;
  /** Failed attempts before the account locks. */
  maxFailedSignIns: number;
  lockoutMs: number;
}

export const DEFAULT_AUTH_POLICY: AuthPolicy = { sessionTtlMs: 12 * 3_600_000, idleTimeoutMs: 2 * 3_600_000, maxFailedSignIns: 5, lockoutMs: 15 * 60_000 };

export interface SignedIn {
  token: string;
  expiresAt: string;
  user: User;
  ctx: RequestContext;
}

const BAD_CREDENTIALS = 'That e-mail and password do not match an account.';
const BAD_CREDENTIALS_HINT = 'Check the e-mail address and password, or ask your administrator to reset it.';
const LOCKED = 'Too many failed sign-ins: signing in to this account from here is locked for a while.';
const LOCKED_HINT = 'Wait a few minutes, or ask an administrator to reset the password.';
/** Bound on the failure counters kept in memory (expired ones are pruned past this). */
const MAX_TRACKED_FAILURES = 10_000;

/** Local accounts and sessions. Tokens are random; only their SHA-256 is stored. */
export class AuthService {
  /** Failed sign-ins per (e-mail, source address). */
  private readonly failures = new Map<string, { count: number; lockedUntil: number; lastAt: number }>();

  constructor(private readonly store: Store, private readonly policy: AuthPolicy = DEFAULT_AUTH_POLICY, private readonly now: () => number = Date.now) {}

  async contextFor(user: User, sessionId: string): Promise<RequestContext> {
    const base: RequestContext = { userId: user.id, orgId: user.organizationId, role: user.role, projectIds: [], sessionId };
    const projectIds = user.role === 'admin'
      ? (await this.store.projects.list(base)).map((p) => p.id)
      : await this.store.projects.projectIdsForUser(base, user.id);
    return { ...base, projectIds, department: user.department ?? undefined, expertise: user.settings.expertiseLevel };
  }

  /**
   * Unknown account, wrong password and lockout read exactly the same whether or not the account
   * exists. Lockout counts failures per account *and source address*: someone guessing from
   * their own machine locks only themselves out, never the account's owner elsewhere.
   */
  async signIn(email: string, password: string, client: { ip?: string; userAgent?: string } = {}): Promise<SignedIn> {
    const candidates = await this.store.users.unscopedFindByEmail(email);
    const account = candidates.find((u) => u.status !== 'disabled') ?? null;
    const valid = await verifyPassword(password, account?.passwordHash ?? null);
    const key = `${email.trim().toLowerCase()}|${client.ip ?? 'unknown'}`;
    const now = this.now();
    const ctx = account ? await this.contextFor(account, 'sign-in') : null;
    const storedLock = account?.lockedUntil ? Date.parse(account.lockedUntil) : 0;
    const lockedUntil = Math.max(this.lockedUntil(key, now), storedLock);
    if (lockedUntil > now) {
      if (ctx && account) await this.store.audit.append(ctx, { action: 'auth.sign_in_refused', target: account.id, details: { reason: 'locked', ip: client.ip ?? null } });
      throw new AuthError(LOCKED, LOCKED_HINT);
    }
    if (!account || !valid || !ctx) {
      const locked = this.recordFailure(key, now);
      if (ctx && account) {
        await this.store.users.updateSignInState(ctx, account.id, { failedSignIns: account.failedSignIns + 1, lockedUntil: account.lockedUntil ? new Date(account.lockedUntil) : null });
        await this.store.audit.append(ctx, { action: locked ? 'auth.locked_out' : 'auth.sign_in_failed', target: account.id, details: { failedAttempts: account.failedSignIns + 1, ip: client.ip ?? null } });
      }
      throw new AuthError(locked ? LOCKED : BAD_CREDENTIALS, locked ? LOCKED_HINT : BAD_CREDENTIALS_HINT);
    }
    this.failures.delete(key);
    if (account.failedSignIns > 0 || account.lockedUntil) await this.store.users.updateSignInState(ctx, account.id, { failedSignIns: 0, lockedUntil: null });
    return this.openSession(account, client);
  }

  private lockedUntil(key: string, now: number): number {
    const entry = this.failures.get(key);
    return entry && entry.lockedUntil > now ? entry.lockedUntil : 0;
  }

  /** Counts a failure for this account and address; returns true when it locks them out. */
  private recordFailure(key: string, now: number): boolean {
    if (this.failures.size > MAX_TRACKED_FAILURES) {
      for (const [k, entry] of this.failures) if (entry.lockedUntil <= now && now - entry.lastAt > this.policy.lockoutMs) this.failures.delete(k);
    }
    const entry = this.failures.get(key) ?? { count: 0, lockedUntil: 0, lastAt: now };
    entry.count += 1;
    entry.lastAt = now;
    const locked = entry.count >= this.policy.maxFailedSignIns;
    if (locked) Object.assign(entry, { count: 0, lockedUntil: now + this.policy.lockoutMs });
    this.failures.set(key, entry);
    return locked;
  }

  async openSession(user: User, client: { ip?: string; userAgent?: string } = {}): Promise<SignedIn> {
    const token = newSessionToken();
    const expiresAt = new Date(this.now() + this.policy.sessionTtlMs);
    const bootstrap = await this.contextFor(user, 'sign-in');
    const session = await this.store.sessions.create(bootstrap, { userId: user.id, tokenHash: hashToken(token), expiresAt, ip: client.ip ?? null, userAgent: client.userAgent ?? null });
    return { token, expiresAt: expiresAt.toISOString(), user, ctx: { ...bootstrap, sessionId: session.id } };
  }

  /** The identity behind a token, or null when it is unknown, expired, idle too long or revoked. */
  async authenticate(token: string): Promise<RequestContext | null> {
    const session = await this.store.sessions.unscopedFindByTokenHash(hashToken(token));
    if (!session || session.revokedAt) return null;
    const now = this.now();
    if (Date.parse(session.expiresAt) <= now || Date.parse(session.lastSeenAt) + this.policy.idleTimeoutMs <= now) return null;
    const probe: RequestContext = { userId: session.userId, orgId: session.organizationId, role: 'viewer', projectIds: [], sessionId: session.id };
    const user = await this.store.users.get(probe, session.userId).catch(() => null);
    if (!user || user.status !== 'active') return null;
    if (now - Date.parse(session.lastSeenAt) > 60_000) await this.store.sessions.touch(probe, session.id, new Date(now));
    return this.contextFor(user, session.id);
  }

  async signOut(ctx: RequestContext): Promise<void> {
    await this.store.sessions.revoke(ctx, ctx.sessionId);
  }

  async signOutEverywhere(ctx: RequestContext, userId = ctx.userId): Promise<number> {
    await this.store.users.get(ctx, userId); // NotFoundError for anyone outside the caller's organization
    return this.store.sessions.revokeAllForUser(ctx, userId);
  }

  async changePassword(ctx: RequestContext, currentPassword: string, newPassword: string): Promise<void> {
    const user = await this.store.users.getWithPasswordHash(ctx, ctx.userId);
    if (!(await verifyPassword(currentPassword, user.passwordHash))) throw new AuthError('The current password is not right.', 'Type your current password again.');
    await this.store.users.setPasswordHash(ctx, ctx.userId, await hashPassword(newPassword));
    await this.store.sessions.revokeAllForUser(ctx, ctx.userId, ctx.sessionId);
  }

  /** Admin reset: sets a new password, unlocks the account and ends its sessions. */
  async resetPassword(ctx: RequestContext, userId: string, newPassword: string): Promise<void> {
    const user = await this.store.users.get(ctx, userId);
    for (const key of this.failures.keys()) if (key.startsWith(`${user.email}|`)) this.failures.delete(key);
    await this.store.users.setPasswordHash(ctx, userId, await hashPassword(newPassword));
    await this.store.users.updateSignInState(ctx, userId, { failedSignIns: 0, lockedUntil: null });
    await this.store.sessions.revokeAllForUser(ctx, userId);
  }
}
