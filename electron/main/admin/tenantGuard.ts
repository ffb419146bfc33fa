import { ApiError } from '../../../shared/api/errors';
import type { RequestContext } from '../../../shared/types/auth';
import { FEATURE_FLAGS, NEAR_LIMIT_SHARE, USAGE_LIMITS, flagEnabled, type FeatureFlag, type UsageLimit } from '../../../shared/types/tenant';
import type { Organization, Store } from '../store';
import { controlOf, type ControlEffect } from './callControls';
import type { UsageMeter } from './usage';

export interface Admission {
  /** The request to run (a model-backed call may be switched to the built-in engine). */
  request: unknown;
  release(): void;
}

export interface NearLimit {
  orgId: string;
  limit: UsageLimit;
  used: number;
  max: number;
}

/** Calls a member of a suspended organization may still make. */
const ALLOWED_WHEN_SUSPENDED = new Set(['auth/signOut', 'auth/me', 'system/health']);

/** Enforces an organization's status, feature flags and usage limits for every call listed in
 *  CALL_CONTROLS, before its handler runs. */
export class TenantGuard {
  /** Admissions are decided one at a time per organization so a burst cannot overshoot a limit. */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly store: Store,
    private readonly usage: UsageMeter,
    private readonly onNearLimit: (event: NearLimit) => void = () => undefined,
    /** Flags the machine policy file turns off on this installation; they win over the organization's. */
    private readonly turnedOffByMachine: ReadonlySet<FeatureFlag> = new Set(),
    private readonly onChargeFailed: (error: unknown) => void = () => undefined,
  ) {}

  /** Served from the store's read cache, which a settings change or suspension invalidates at once. */
  async organization(ctx: RequestContext): Promise<Organization> {
    return this.store.organizations.get(ctx);
  }

  async admit(key: string, ctx: RequestContext, request: unknown): Promise<Admission> {
    const org = await this.organization(ctx);
    if (org.status === 'suspended' && !ALLOWED_WHEN_SUSPENDED.has(key)) {
      throw new ApiError('FORBIDDEN', `${org.name} is suspended: Aiser cannot be used for it right now.`, { hint: 'Ask your platform administrator to reactivate the organization.' });
    }
    const control = controlOf(key);
    if (!control) return { request, release: () => undefined };
    // Without a limit set to overshoot (the common case) calls need not wait for each other.
    if (!this.hasLimitSet(org, control)) return this.decide(org, control, ctx, request);
    const previous = this.queues.get(ctx.orgId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.decide(org, control, ctx, request));
    this.queues.set(ctx.orgId, next.catch(() => undefined));
    return next;
  }

  /** For work that is not an API call (a scheduled report run, a delivery): refuses with the
   *  same message when a flag is off or a counted limit is reached, else charges it. */
  async assertAllowed(ctx: RequestContext, check: { flag?: FeatureFlag; limit?: UsageLimit }): Promise<void> {
    const org = await this.organization(ctx);
    const admission = await this.decide(org, { flags: check.flag ? { [check.flag]: 'refuse' } : {}, limits: check.limit ? { [check.limit]: 'refuse' } : {} }, ctx, {});
    admission.release();
  }

  private hasLimitSet(org: Organization, control: ReturnType<typeof controlOf> & object): boolean {
    const limits = org.settings.usageLimits ?? {};
    return Object.keys(control.limits ?? {}).some((limit) => typeof limits[limit as UsageLimit] === 'number');
  }

  private async decide(org: Organization, control: ReturnType<typeof controlOf> & object, ctx: RequestContext, request: unknown): Promise<Admission> {
    let admitted = request;
    for (const [flag, effect] of Object.entries(control.flags ?? {}) as Array<[FeatureFlag, ControlEffect]>) {
      if (this.turnedOffByMachine.has(flag)) {
        admitted = this.degradeOrRefuse(admitted, effect, machinePolicyError(flag));
        continue;
      }
      if (flagEnabled(org.settings.featureFlags, flag)) continue;
      admitted = this.degradeOrRefuse(admitted, effect, flagOffError(org, flag));
    }
    const limits = org.settings.usageLimits ?? {};
    const charges: UsageLimit[] = [];
    let queryEffect: ControlEffect | null = null;
    for (const [limit, effect] of Object.entries(control.limits ?? {}) as Array<[UsageLimit, ControlEffect]>) {
      // Checked and taken in one step below, against the count shared by every instance.
      if (limit === 'concurrentQueries') { queryEffect = effect; continue; }
      if (USAGE_LIMITS[limit].metric !== 'ai.tokens') charges.push(limit);
      const max = limits[limit];
      if (typeof max !== 'number') continue;
      const used = await this.usage.used(ctx, limit);
      // Tokens are charged when the model answers; a call is let through while any remain.
      if (used >= max) admitted = this.degradeOrRefuse(admitted, effect, limitReachedError(limit, max, this.usage.periodEnd(limit)));
      else if (used + 1 >= max * NEAR_LIMIT_SHARE) this.onNearLimit({ orgId: ctx.orgId, limit, used: used + 1, max });
    }
    let release = (): void => undefined;
    if (queryEffect) {
      const max = limits.concurrentQueries;
      const held = await this.usage.hold(ctx.orgId, typeof max === 'number' ? max : null);
      if (held) release = held;
      else admitted = this.degradeOrRefuse(admitted, queryEffect, limitReachedError('concurrentQueries', max ?? 0, null));
    }
    try {
      for (const limit of charges) {
        // Nothing to refuse against an unset limit: the call need not wait for its charge's commit.
        if (typeof limits[limit] === 'number') await this.usage.charge(ctx, limit);
        else this.usage.chargeInBackground(ctx, limit, this.onChargeFailed);
      }
    } catch (error) {
      release();
      throw error;
    }
    return { request: admitted, release };
  }

  private degradeOrRefuse(request: unknown, effect: ControlEffect, error: ApiError): unknown {
    const asked = (request as { mode?: string }).mode;
    if (effect === 'offline' && asked !== 'llm') return { ...(request as object), mode: 'offline' };
    throw error;
  }
}

function flagOffError(org: Organization, flag: FeatureFlag): ApiError {
  const { label, verb } = FEATURE_FLAGS[flag];
  const hint = flag === 'languageModels' ? 'Ask without choosing a language model: the built-in engine answers.' : 'Ask an administrator of your organization to turn it on in Administration → Organization.';
  return new ApiError('FORBIDDEN', `${label} ${verb} turned off for ${org.name}.`, { hint, detail: `flag:${flag}` });
}

function machinePolicyError(flag: FeatureFlag): ApiError {
  const { label, verb } = FEATURE_FLAGS[flag];
  const hint = flag === 'languageModels' ? 'Ask without choosing a language model: the built-in engine answers.' : 'The policy file of this installation is managed by your IT department; ask them to change it.';
  return new ApiError('FORBIDDEN', `${label} ${verb} turned off on this installation by your organization's machine policy.`, { hint, detail: `policy:${flag}` });
}

function limitReachedError(limit: UsageLimit, max: number, resetsAt: Date | null): ApiError {
  const facts = USAGE_LIMITS[limit];
  const when = resetsAt ? ` It resets on ${resetsAt.toISOString().slice(0, 16).replace('T', ' ')} UTC.` : '';
  const message = limit === 'concurrentQueries'
    ? `Your organization already runs ${max} ${max === 1 ? 'query' : 'queries'} at once, its limit.`
    : `Your organization has used its ${max.toLocaleString('en-US')} ${facts.unit} for this ${facts.period}.${when}`;
  const hint = limit === 'concurrentQueries' ? 'Wait for a running query to finish, then try again.'
    : limit === 'llmTokensPerMonth' ? 'The built-in engine still answers; an administrator can raise the limit.'
      : 'An administrator can raise the limit in Administration → Organization.';
  return new ApiError('RATE_LIMITED', message, { hint, detail: `limit:${limit}` });
}
