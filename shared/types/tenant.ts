/** Per-organization controls an administrator sets: feature flags and usage limits, as data.
 *  The server enforces them for every call they concern (electron/main/admin/callControls.ts). */

export const FEATURE_FLAGS = {
  languageModels: { label: 'Language models', verb: 'are', what: 'Answers may use a configured language model (otherwise the built-in engine answers).' },
  freeSql: { label: 'Free SQL', verb: 'is', what: 'People with the SQL permission may write their own queries.' },
  exports: { label: 'Exports', verb: 'are', what: 'Results may be downloaded as files.' },
  reportScheduling: { label: 'Report scheduling', verb: 'is', what: 'Reports may run on a schedule.' },
  proactiveInsights: { label: 'Proactive insights', verb: 'are', what: 'Aiser looks for notable changes on its own and tells people.' },
  externalEmail: { label: 'External e-mail', verb: 'is', what: 'Reports and alerts may be e-mailed to addresses outside the organization.' },
} as const;
export type FeatureFlag = keyof typeof FEATURE_FLAGS;
export const FEATURE_FLAG_KEYS = Object.keys(FEATURE_FLAGS) as FeatureFlag[];

export const USAGE_LIMITS = {
  questionsPerDay: { label: 'Questions per day', unit: 'questions', period: 'day', metric: 'usage.question' },
  llmTokensPerMonth: { label: 'Language-model tokens per month', unit: 'tokens', period: 'month', metric: 'ai.tokens' },
  reportRunsPerDay: { label: 'Report runs per day', unit: 'report runs', period: 'day', metric: 'usage.report_run' },
  concurrentQueries: { label: 'Queries running at once', unit: 'queries', period: 'now', metric: null },
} as const;
export type UsageLimit = keyof typeof USAGE_LIMITS;
export const USAGE_LIMIT_KEYS = Object.keys(USAGE_LIMITS) as UsageLimit[];

/** Flags are on unless an administrator turns them off. */
export function flagEnabled(flags: Partial<Record<string, boolean>> | undefined, flag: FeatureFlag): boolean {
  return flags?.[flag] !== false;
}

/** Share of a limit at which an alert warns that it is nearly used up. */
export const NEAR_LIMIT_SHARE = 0.8;

const HEX_COLOUR = /^#[0-9a-f]{6}$/i;

/** The branding colours an administrator saved in organization settings (`settings.branding`),
 *  each undefined when unset or not a #rrggbb colour, so reports fall back to their own defaults. */
export function savedBranding(settings: Record<string, unknown>): { primary?: string; accent?: string } {
  const branding = settings.branding as { primary?: unknown; accent?: unknown } | undefined;
  const pick = (value: unknown) => (typeof value === 'string' && HEX_COLOUR.test(value) ? value : undefined);
  return { primary: pick(branding?.primary), accent: pick(branding?.accent) };
}

/** An organization's own PostgreSQL planner limits (null: the server's AISER_PG_MAX_* limit,
 *  which they can only tighten). */
export interface QueryCostLimits {
  maxPlanCost: number | null;
  maxStepRows: number | null;
}

export function queryCostLimits(settings: object): QueryCostLimits {
  const stored = (settings as { queryCost?: unknown }).queryCost;
  const saved = typeof stored === 'object' && stored !== null ? stored as Record<string, unknown> : {};
  const bound = (value: unknown) => (typeof value === 'number' && value > 0 ? value : null);
  return { maxPlanCost: bound(saved.maxPlanCost), maxStepRows: bound(saved.maxStepRows) };
}
