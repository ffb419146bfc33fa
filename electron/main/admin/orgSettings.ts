import type { OrgSettingsView } from '../../../shared/api/domains/organizations';
import type { RequestContext } from '../../../shared/types/auth';
import { DEFAULT_ACCENT, DEFAULT_PRIMARY } from '../../../shared/reports/build';
import { FEATURE_FLAG_KEYS, USAGE_LIMIT_KEYS, flagEnabled, queryCostLimits, savedBranding, type FeatureFlag, type QueryCostLimits, type UsageLimit } from '../../../shared/types/tenant';
import type { Organization, Store } from '../store';

/** What reports use when nothing is saved, so the settings screen shows the colours reports really get. */
export const DEFAULT_BRANDING = { primary: DEFAULT_PRIMARY.toLowerCase(), accent: DEFAULT_ACCENT.toLowerCase() } as const;
export const DEFAULT_METRIC_RETENTION_DAYS = 90;

export interface OrgSettingsPatch {
  name?: string;
  flags?: Partial<Record<FeatureFlag, boolean>>;
  limits?: Partial<Record<UsageLimit, number | null>>;
  branding?: { primary: string; accent: string };
  metricRetentionDays?: number;
  queryCost?: Partial<QueryCostLimits>;
}

export function settingsView(org: Organization): OrgSettingsView {
  const branding = savedBranding(org.settings as Record<string, unknown>);
  const retention = org.settings.metricRetentionDays;
  return {
    name: org.name,
    flags: Object.fromEntries(FEATURE_FLAG_KEYS.map((flag) => [flag, flagEnabled(org.settings.featureFlags, flag)])) as OrgSettingsView['flags'],
    limits: Object.fromEntries(USAGE_LIMIT_KEYS.map((limit) => [limit, typeof org.settings.usageLimits?.[limit] === 'number' ? org.settings.usageLimits[limit] : null])) as OrgSettingsView['limits'],
    branding: { primary: branding.primary ?? DEFAULT_BRANDING.primary, accent: branding.accent ?? DEFAULT_BRANDING.accent },
    metricRetentionDays: typeof retention === 'number' ? retention : DEFAULT_METRIC_RETENTION_DAYS,
    queryCost: queryCostLimits(org.settings),
  };
}

/** An organization's flags, limits, branding and retention, as its administrators set them. */
export class OrgSettings {
  constructor(private readonly store: Store, private readonly onChange: (orgId: string) => void = () => undefined) {}

  async get(ctx: RequestContext): Promise<OrgSettingsView> {
    return settingsView(await this.store.organizations.get(ctx));
  }

  async update(ctx: RequestContext, patch: OrgSettingsPatch): Promise<OrgSettingsView> {
    const org = await this.store.organizations.get(ctx);
    const limits: Record<string, number> = { ...org.settings.usageLimits };
    for (const [limit, value] of Object.entries(patch.limits ?? {})) {
      if (value === null || value === undefined) delete limits[limit];
      else limits[limit] = value;
    }
    const updated = await this.store.organizations.update(ctx, {
      name: patch.name,
      settings: {
        ...org.settings,
        featureFlags: { ...org.settings.featureFlags, ...patch.flags },
        usageLimits: limits,
        ...(patch.branding ? { branding: patch.branding } : {}),
        ...(patch.metricRetentionDays ? { metricRetentionDays: patch.metricRetentionDays } : {}),
        ...(patch.queryCost ? { queryCost: { ...queryCostLimits(org.settings), ...patch.queryCost } } : {}),
      },
    });
    this.onChange(ctx.orgId);
    const before = settingsView(org);
    const after = settingsView(updated);
    await this.store.audit.append(ctx, { action: 'org.settings_update', target: ctx.orgId, details: { changes: diff(before, after) } });
    return after;
  }
}

function diff(before: OrgSettingsView, after: OrgSettingsView): string[] {
  const changes: string[] = [];
  if (before.name !== after.name) changes.push(`name: ${after.name}`);
  for (const flag of FEATURE_FLAG_KEYS) if (before.flags[flag] !== after.flags[flag]) changes.push(`${flag}: ${after.flags[flag] ? 'on' : 'off'}`);
  for (const limit of USAGE_LIMIT_KEYS) if (before.limits[limit] !== after.limits[limit]) changes.push(`${limit}: ${after.limits[limit] ?? 'unlimited'}`);
  if (before.branding.primary !== after.branding.primary || before.branding.accent !== after.branding.accent) changes.push('branding');
  if (before.metricRetentionDays !== after.metricRetentionDays) changes.push(`metricRetentionDays: ${after.metricRetentionDays}`);
  for (const [key, value] of Object.entries(after.queryCost) as Array<[keyof QueryCostLimits, number | null]>) {
    if (before.queryCost[key] !== value) changes.push(`queryCost.${key}: ${value ?? 'server default'}`);
  }
  return changes;
}
