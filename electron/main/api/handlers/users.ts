import type { MemberView } from '../../../../shared/api/domains/users';
import type { RequestContext } from '../../../../shared/types/auth';
import { ApiError } from '../../../../shared/api/errors';
import { roleHas } from '../../../../shared/types/permissions';
import type { Services } from '../../services';
import { hashPassword } from '../../security/passwords';
import type { User } from '../../store/types';
import type { HandlerGroup } from '../types';

type UserKeys = 'users/list' | 'users/create' | 'users/update' | 'users/resetPassword' | 'users/signOutEverywhere' | 'auth/changePassword';

async function memberView(services: Services, ctx: RequestContext, user: User): Promise<MemberView> {
  return {
    id: user.id, email: user.email, name: user.name, role: user.role, department: user.department,
    status: user.status, expertise: user.settings.expertiseLevel, createdAt: user.createdAt,
    projectIds: await services.store.projects.projectIdsForUser(ctx, user.id),
  };
}

export function userHandlers(services: Services): HandlerGroup<UserKeys> {
  const { store, auth } = services;
  const audit = (ctx: RequestContext, action: string, target: string, details: Record<string, string | number | boolean | null | string[]> = {}) =>
    store.audit.append(ctx, { action, target, details });
  return {
    'users/list': async (_req, call) => Promise.all((await store.users.list(call.auth)).map((u) => memberView(services, call.auth, u))),
    'users/create': async (req, call) => {
      const ctx = call.auth;
      const projectIds = req.projectIds ?? (await store.projects.list(ctx)).map((p) => p.id);
      // Every project must be the caller's organization's before anything is written.
      for (const projectId of projectIds) await store.projects.get(ctx, projectId);
      const user = await store.users.create(ctx, {
        email: req.email, name: req.name, role: req.role, department: req.department ?? null,
        passwordHash: await hashPassword(req.password), settings: req.expertise ? { expertiseLevel: req.expertise } : undefined,
      });
      try {
        for (const projectId of projectIds) await store.projects.addMember(ctx, projectId, user.id, req.role === 'viewer' ? 'viewer' : 'editor');
      } catch (error) {
        await store.users.delete(ctx, user.id).catch(() => undefined); // no half-created account
        throw error;
      }
      await audit(ctx, 'user.create', user.id, { role: user.role, projectIds });
      return memberView(services, ctx, user);
    },
    'users/update': async ({ id, ...patch }, call) => {
      const ctx = call.auth;
      if (id === ctx.userId && patch.role && patch.role !== 'admin') throw new ApiError('CONFLICT', 'You cannot remove your own administrator role.', { hint: 'Ask another administrator to change it.' });
      const user = await store.users.update(ctx, id, patch);
      if (patch.status === 'disabled' || patch.role) await auth.signOutEverywhere(ctx, id);
      await audit(ctx, 'user.update', id, { fields: Object.keys(patch), role: patch.role ?? null, status: patch.status ?? null });
      return memberView(services, ctx, user);
    },
    'users/resetPassword': async ({ id, password }, call) => {
      await auth.resetPassword(call.auth, id, password);
      await audit(call.auth, 'user.reset_password', id);
      return { ok: true };
    },
    'users/signOutEverywhere': async ({ id }, call) => {
      const ctx = call.auth;
      const target = id ?? ctx.userId;
      if (target !== ctx.userId && !roleHas(ctx.role, 'users:manage')) throw new ApiError('FORBIDDEN', 'Only administrators can sign other people out.');
      const revoked = await auth.signOutEverywhere(ctx, target);
      await audit(ctx, 'auth.sign_out_everywhere', target, { revoked });
      return { revoked };
    },
    'auth/changePassword': async ({ currentPassword, newPassword }, call) => {
      await auth.changePassword(call.auth, currentPassword, newPassword);
      await audit(call.auth, 'auth.change_password', call.auth.userId);
      return { ok: true };
    },
  };
}
