import type { UserView } from '../../../../shared/api/domains/auth';
import { ApiError } from '../../../../shared/api/errors';
import type { RequestContext } from '../../../../shared/types/auth';
import { ROLE_PERMISSIONS } from '../../../../shared/types/permissions';
import { flagEnabled, type FeatureFlag } from '../../../../shared/types/tenant';
import type { Services } from '../../services';
import { completeSetup, needsSetup } from '../../setup/firstRun';
import type { User } from '../../store/types';
import type { HandlerGroup } from '../types';

type AuthKeys = 'setup/status' | 'setup/complete' | 'auth/signIn' | 'auth/signOut' | 'auth/me' | 'profile/update';

/** Permissions an organization's feature flag switches off for everyone (the server refuses the
 *  calls anyway, see CALL_CONTROLS): the app learns it here and hides what cannot work. */
const PERMISSIONS_OF_FLAGS: Partial<Record<FeatureFlag, string>> = { exports: 'export' };

function permissionsFor(role: User['role'], flags: Partial<Record<string, boolean>> | undefined): string[] {
  const off = new Set(Object.entries(PERMISSIONS_OF_FLAGS).filter(([flag]) => !flagEnabled(flags, flag as FeatureFlag)).map(([, permission]) => permission));
  return ROLE_PERMISSIONS[role].filter((permission) => !off.has(permission));
}

export async function userView(services: Services, user: User, ctx: RequestContext): Promise<UserView> {
  const org = await services.store.organizations.get(ctx);
  const projects = (await services.store.projects.list(ctx)).filter((p) => ctx.role === 'admin' || ctx.projectIds.includes(p.id));
  return {
    id: user.id, email: user.email, name: user.name, role: user.role, department: user.department,
    expertise: user.settings.expertiseLevel, orgId: org.id, orgName: org.name,
    permissions: permissionsFor(user.role, org.settings.featureFlags), projects: projects.map((p) => ({ id: p.id, name: p.name })),
  };
}

export function authHandlers(services: Services): HandlerGroup<AuthKeys> {
  const { auth, store } = services;
  return {
    'setup/status': async () => ({ needsSetup: await needsSetup(services) }),
    'setup/complete': async (req, call) => {
      const admin = await completeSetup(services, req);
      const session = await auth.openSession(admin, call.client);
      return { token: session.token, user: await userView(services, session.user, session.ctx) };
    },
    'auth/signIn': async (req, call) => {
      try {
        const session = await auth.signIn(req.email, req.password, call.client);
        const org = await store.organizations.get(session.ctx);
        if (org.status === 'suspended') {
          await auth.signOut(session.ctx);
          throw new ApiError('FORBIDDEN', `${org.name} is suspended: Aiser cannot be used for it right now.`, { hint: 'Ask your platform administrator to reactivate the organization.' });
        }
        await store.audit.append(session.ctx, { action: 'auth.sign_in', target: session.user.id, details: { transport: call.transport, ip: call.client.ip ?? null } });
        return { token: session.token, expiresAt: session.expiresAt, user: await userView(services, session.user, session.ctx) };
      } catch (error) {
        services.logger.warn('auth.sign_in_failed', { transport: call.transport, ip: call.client.ip });
        throw error;
      }
    },
    'auth/signOut': async (_req, call) => {
      await auth.signOut(call.auth);
      await store.audit.append(call.auth, { action: 'auth.sign_out', target: call.auth.userId, details: {} });
      return { ok: true };
    },
    'auth/me': async (_req, call) => userView(services, await store.users.get(call.auth, call.auth.userId), call.auth),
    'profile/update': async (req, call) => {
      const ctx = call.auth;
      const current = await store.users.get(ctx, ctx.userId);
      const user = await store.users.update(ctx, ctx.userId, {
        name: req.name, department: req.department,
        settings: {
          expertiseLevel: req.expertise ?? current.settings.expertiseLevel,
          preferences: { ...current.settings.preferences, ...(req.preferences ?? {}) },
        },
      });
      return userView(services, user, { ...ctx, expertise: user.settings.expertiseLevel });
    },
  };
}
