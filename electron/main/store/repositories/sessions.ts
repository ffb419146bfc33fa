import { Op } from 'sequelize';
import type { RequestContext } from '../../../../shared/types/auth';
import { NotFoundError, assertNonEmpty } from '../errors';
import type { Models } from '../models';
import { OrgScopedTable, plainRow, tableNameOf, toDate } from '../scoped';
import { cachedRead } from '../readCache';
import type { UserSession } from '../types';

export interface NewSession {
  userId: string;
  /** A hash of the bearer token; the token itself is never stored. */
  tokenHash: string;
  expiresAt: Date | string;
  userAgent?: string | null;
  ip?: string | null;
}

export class SessionsRepository {
  private readonly sessions: OrgScopedTable<UserSession>;

  constructor(private readonly models: Models) {
    this.sessions = new OrgScopedTable(models.sessions, { entity: 'session', project: 'none', cached: true });
  }

  async create(ctx: RequestContext, input: NewSession): Promise<UserSession> {
    assertNonEmpty('tokenHash', input.tokenHash);
    const userInOrg = await this.models.users.count({ where: { id: input.userId, organizationId: ctx.orgId } });
    if (userInOrg === 0) throw new NotFoundError('user', input.userId);
    return this.sessions.insert(ctx, {
      userId: input.userId,
      tokenHash: input.tokenHash,
      expiresAt: toDate('expiresAt', input.expiresAt),
      lastSeenAt: new Date(),
      userAgent: input.userAgent ?? null,
      ip: input.ip ?? null,
    });
  }

  /** Unscoped, for authenticating a request: the caller's organization is what we are finding out. */
  async unscopedFindByTokenHash(tokenHash: string): Promise<UserSession | null> {
    if (typeof tokenHash !== 'string' || tokenHash === '') return null;
    return cachedRead(this.models.sessions.sequelize, [tableNameOf(this.models.sessions)], ['session by token', tokenHash], async () => {
      const row = await this.models.sessions.findOne({ where: { tokenHash } });
      return row ? (plainRow(row) as unknown as UserSession) : null;
    });
  }

  async get(ctx: RequestContext, id: string): Promise<UserSession> {
    return this.sessions.get(ctx, id);
  }

  async listForUser(ctx: RequestContext, userId: string): Promise<UserSession[]> {
    return this.sessions.list(ctx, { userId });
  }

  /** Marks activity, for the idle timeout. */
  async touch(ctx: RequestContext, id: string, at: Date | string = new Date()): Promise<UserSession> {
    return this.sessions.update(ctx, id, { lastSeenAt: toDate('at', at) });
  }

  /** Extends (or shortens) a session's absolute expiry. */
  async extend(ctx: RequestContext, id: string, expiresAt: Date | string): Promise<UserSession> {
    return this.sessions.update(ctx, id, { expiresAt: toDate('expiresAt', expiresAt) });
  }

  async revoke(ctx: RequestContext, id: string): Promise<UserSession> {
    return this.sessions.update(ctx, id, { revokedAt: new Date() });
  }

  /** "Sign out everywhere": revokes every live session of a user, optionally keeping one. */
  async revokeAllForUser(ctx: RequestContext, userId: string, exceptSessionId?: string): Promise<number> {
    const where = this.sessions.scope(ctx, {
      userId,
      revokedAt: null,
      ...(exceptSessionId ? { id: { [Op.ne]: exceptSessionId } } : {}),
    });
    const [count] = await this.models.sessions.update({ revokedAt: new Date() }, { where });
    return count;
  }

  /** Removes sessions that expired before `before` (housekeeping). */
  async deleteExpired(ctx: RequestContext, before: Date | string = new Date()): Promise<number> {
    return this.sessions.removeWhere(ctx, { expiresAt: { [Op.lt]: toDate('before', before) } });
  }
}
