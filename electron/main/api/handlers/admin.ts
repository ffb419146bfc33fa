import { ApiError } from '../../../../shared/api/errors';
import type { Services } from '../../services';
import { PolicyPreview } from '../../admin/policyPreview';
import type { OidcService } from '../../security/oidc/oidcService';
import type { HandlerGroup } from '../types';
import { userView } from './auth';

type AdminKeys = 'audit/list' | 'audit/verify' | 'audit/checkpoint' | 'audit/export' | 'policies/get' | 'policies/set' | 'policies/preview' | 'sso/status' | 'sso/start' | 'sso/complete';

/** Browser entry point of single sign-on in server mode (the HTTP transport redirects from it). */
export const SSO_LOGIN_PATH = '/auth/oidc/login';

function requireSso(services: Services): OidcService {
  if (!services.oidc) throw new ApiError('NOT_FOUND', 'Single sign-on is not configured on this server.', { hint: 'Sign in with your e-mail and password, or ask your administrator to set AISER_OIDC_*.' });
  return services.oidc;
}

export function adminHandlers(services: Services): HandlerGroup<AdminKeys> {
  const { store, auditTrail, policies } = services;
  const policyPreview = new PolicyPreview(store, services.auth, services.query);
  return {
    'audit/list': async ({ afterSeq, limit, action }, call) => {
      const page = await store.audit.list(call.auth, { afterSeq, limit: limit + 1, action });
      return { events: page.slice(0, limit).map(({ id: _id, organizationId: _org, ...event }) => event), hasMore: page.length > limit };
    },
    'audit/verify': async (_req, call) => {
      const verdict = await auditTrail.verify(call.auth);
      await store.audit.append(call.auth, { action: 'audit.verify', details: { ok: verdict.ok } });
      if (!verdict.ok) await services.admin.housekeeping.reportAuditVerdict(call.auth.orgId, verdict);
      return verdict;
    },
    'audit/checkpoint': async (_req, call) => {
      const checkpoint = await auditTrail.checkpoint(call.auth);
      return checkpoint ? { seq: checkpoint.seq, hash: checkpoint.hash, at: checkpoint.at } : null;
    },
    'audit/export': async ({ format }, call) => {
      const { content, count } = await auditTrail.export(call.auth, format);
      await store.audit.append(call.auth, { action: 'audit.export', details: { format, count } });
      return { format, filename: `audit-${new Date().toISOString().slice(0, 10)}.${format}`, content, count };
    },
    'policies/get': async (_req, call) => policies.get(call.auth),
    'policies/set': async (req, call) => {
      const saved = await policies.set(call.auth, req);
      await store.audit.append(call.auth, {
        action: 'policies.update',
        details: { maskedColumns: Object.keys(saved.masking), rowPolicies: saved.rowPolicies.length, peopleWithAttributes: Object.keys(saved.userAttributes).length },
      });
      return saved;
    },
    'policies/preview': async (req, call) => policyPreview.run(call.auth, req),
    'sso/status': async () => ({ enabled: services.oidc !== null, loginPath: services.oidc ? SSO_LOGIN_PATH : null }),
    'sso/start': async () => requireSso(services).start(),
    'sso/complete': async ({ code, state }, call) => {
      const session = await requireSso(services).complete(code, state, call.client);
      return { token: session.token, expiresAt: session.expiresAt, user: await userView(services, session.user, session.ctx) };
    },
  };
}
