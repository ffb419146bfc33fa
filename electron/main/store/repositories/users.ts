import { EXPERTISE_LEVELS, ROLES, type ExpertiseLevel, type RequestContext, type Role } from '../../../../shared/types/auth';
import { ConflictError, StoreInputError, assertNonEmpty, assertOneOf } from '../errors';
import type { Models } from '../models';
import { OrgScopedTable, plainRow, toDate, type Row } from '../scoped';
import { USER_STATUSES, type JsonObject, type User, type UserSettings, type UserStatus, type UserWithPasswordHash } from '../types';

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  department?: string | null;
  status?: UserStatus;
  settings?: { preferences?: JsonObject; expertiseLevel?: ExpertiseLevel };
  passwordHash?: string | null;
}

export type UserPatch = Partial<Pick<NewUser, 'name' | 'role' | 'department' | 'status' | 'settings'>>;

const withHash = (row: Row): UserWithPasswordHash => row as unknown as UserWithPasswordHash;
const withoutHash = (row: Row): User => {
  const { passwordHash: _hidden, ...user } = row;
  return user as unknown as User;
};

export class UsersRepository {
  private readonly users: OrgScopedTable<User>;
  private readonly usersWithHash: OrgScopedTable<UserWithPasswordHash>;

  constructor(private readonly models: Models) {
    this.users = new OrgScopedTable(models.users, { entity: 'user', project: 'none', toRecord: withoutHash, cached: true });
    this.usersWithHash = new OrgScopedTable(models.users, { entity: 'user', project: 'none', toRecord: withHash });
  }

  /** An e-mail address is one identity across the whole install: sign-in is by e-mail alone,
   *  so a second account with the same address (even in another organization) is refused. */
  async create(ctx: RequestContext, input: NewUser): Promise<User> {
    assertNonEmpty('name', input.name);
    if ((await this.unscopedFindByEmail(input.email)).length) {
      throw new ConflictError('An account with this e-mail address already exists (e-mail addresses are unique across organizations).');
    }
    assertOneOf('role', input.role, ROLES);
    assertOneOf('status', input.status ?? 'active', USER_STATUSES);
    return this.users.insert(ctx, {
      email: normalizeEmail(input.email),
      name: input.name.trim(),
      role: input.role,
      department: input.department ?? null,
      status: input.status ?? 'active',
      settings: normalizeSettings(input.settings, defaultExpertise(input.role)),
      passwordHash: input.passwordHash ?? null,
      failedSignIns: 0,
    });
  }

  async list(ctx: RequestContext): Promise<User[]> {
    return this.users.list(ctx);
  }

  async get(ctx: RequestContext, id: string): Promise<User> {
    return this.users.get(ctx, id);
  }

  async findByEmail(ctx: RequestContext, email: string): Promise<User | null> {
    const [user] = await this.users.list(ctx, { email: normalizeEmail(email) });
    return user ?? null;
  }

  async update(ctx: RequestContext, id: string, patch: UserPatch): Promise<User> {
    if (patch.name !== undefined) assertNonEmpty('name', patch.name);
    if (patch.role !== undefined) assertOneOf('role', patch.role, ROLES);
    if (patch.status !== undefined) assertOneOf('status', patch.status, USER_STATUSES);
    let settings: UserSettings | undefined;
    if (patch.settings !== undefined) {
      const current = await this.users.get(ctx, id);
      settings = normalizeSettings({ ...current.settings, ...patch.settings }, current.settings.expertiseLevel);
    }
    return this.users.update(ctx, id, { name: patch.name?.trim(), role: patch.role, department: patch.department, status: patch.status, settings });
  }

  async delete(ctx: RequestContext, id: string): Promise<void> {
    return this.users.remove(ctx, id);
  }

  /** For password checks and changes only. */
  async getWithPasswordHash(ctx: RequestContext, id: string): Promise<UserWithPasswordHash> {
    return this.usersWithHash.get(ctx, id);
  }

  async setPasswordHash(ctx: RequestContext, id: string, passwordHash: string): Promise<void> {
    assertNonEmpty('passwordHash', passwordHash);
    await this.users.update(ctx, id, { passwordHash });
  }

  /** Records the outcome of sign-in attempts; the lockout policy itself lives in the auth service. */
  async updateSignInState(
    ctx: RequestContext,
    id: string,
    state: { failedSignIns: number; lockedUntil: Date | string | null; status?: UserStatus },
  ): Promise<User> {
    if (!Number.isInteger(state.failedSignIns) || state.failedSignIns < 0) {
      throw new StoreInputError('failedSignIns', 'failedSignIns must be a non-negative integer.');
    }
    if (state.status !== undefined) assertOneOf('status', state.status, USER_STATUSES);
    return this.users.update(ctx, id, {
      failedSignIns: state.failedSignIns,
      lockedUntil: state.lockedUntil === null ? null : toDate('lockedUntil', state.lockedUntil),
      status: state.status,
    });
  }

  /** Platform administrators may manage every organization (server mode). */
  async setPlatformAdmin(ctx: RequestContext, id: string, platformAdmin: boolean): Promise<User> {
    return this.users.update(ctx, id, { platformAdmin });
  }

  /** Unscoped, for sign-in only (the caller has no organization yet): every account with this
   *  e-mail, in any organization, including its password hash. */
  async unscopedFindByEmail(email: string): Promise<UserWithPasswordHash[]> {
    const rows = await this.models.users.findAll({ where: { email: normalizeEmail(email) }, order: [['createdAt', 'ASC']] });
    return rows.map((row) => withHash(plainRow(row)));
  }
}

function normalizeEmail(email: string): string {
  const normalized = typeof email === 'string' ? email.trim().toLowerCase() : '';
  if (!/^[^\s@]+@[^\s@]+$/.test(normalized)) throw new StoreInputError('email', `"${String(email)}" is not an e-mail address.`);
  return normalized;
}

function defaultExpertise(role: Role): ExpertiseLevel {
  return role === 'executive' ? 'executive' : role === 'viewer' ? 'manager' : 'analyst';
}

function normalizeSettings(settings: NewUser['settings'] = {}, fallback: ExpertiseLevel): UserSettings {
  const expertiseLevel = settings.expertiseLevel ?? fallback;
  assertOneOf('settings.expertiseLevel', expertiseLevel, EXPERTISE_LEVELS);
  return { ...settings, preferences: { ...settings.preferences }, expertiseLevel };
}
