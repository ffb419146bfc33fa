import type { CallKey } from '../../../shared/api/contract';
import type { FeatureFlag, UsageLimit } from '../../../shared/types/tenant';

/** How a call reacts when a control is off or used up: `refuse` fails the call with a message;
 *  `offline` lets it run on the built-in engine (refusing only when a model was asked for). */
export type ControlEffect = 'refuse' | 'offline';

export interface CallControl {
  flags?: Partial<Record<FeatureFlag, ControlEffect>>;
  /** Counted limits are charged one unit when the call is admitted; `concurrentQueries` is held while it runs. */
  limits?: Partial<Record<UsageLimit, ControlEffect>>;
}

/** A call of a guarded kind that deliberately has no control, and why. */
export interface Exemption {
  exempt: string;
}

/**
 * Which contract calls each feature flag and usage limit concerns — the one table the server
 * enforces from (TenantGuard) and tests enumerate. A new call that runs queries, exports, uses a
 * language model, schedules or delivers must be listed here (see isGuardedKind).
 */
export const CALL_CONTROLS: Partial<Record<CallKey, CallControl | Exemption>> = {
  'chat/ask': {
    flags: { languageModels: 'offline' },
    limits: { questionsPerDay: 'refuse', llmTokensPerMonth: 'offline', concurrentQueries: 'refuse' },
  },
  'query/run': { flags: { freeSql: 'refuse' }, limits: { concurrentQueries: 'refuse' } },
  'query/export': { flags: { freeSql: 'refuse', exports: 'refuse' }, limits: { concurrentQueries: 'refuse' } },
  'query/preview': { limits: { concurrentQueries: 'refuse' } },
  'policies/preview': { limits: { concurrentQueries: 'refuse' } },
  'dashboards/runWidget': { limits: { concurrentQueries: 'refuse' } },
  'ai/saveProvider': { flags: { languageModels: 'refuse' } },
  'ai/testProvider': { flags: { languageModels: 'refuse' }, limits: { llmTokensPerMonth: 'refuse' } },
  'ai/checkHealth': { flags: { languageModels: 'refuse' } },
  'audit/export': { exempt: 'The audit trail is a compliance record the organization must always be able to hand over.' },
  'compliance/export': { exempt: 'A compliance report about who did what, not business data.' },
  'compliance/exportPdf': { exempt: 'The compliance report as a PDF: who did what, not business data.' },
  'dashboards/saveAnswer': { exempt: 'Saves the SQL of the person’s own answer; running it later goes through dashboards/runWidget.' },
  'reports/preview': { flags: { exports: 'refuse' }, limits: { concurrentQueries: 'refuse' } },
  'reports/create': { flags: { exports: 'refuse' }, limits: { reportRunsPerDay: 'refuse', concurrentQueries: 'refuse' } },
  'reports/download': { flags: { exports: 'refuse' } },
  'reports/list': { exempt: 'Lists report runs already made; nothing runs or leaves the app.' },
  'reports/cancel': { exempt: 'Stopping a render must always be possible.' },
  'reports/schedules/list': { exempt: 'Lists schedules; nothing runs.' },
  'reports/schedules/create': { flags: { reportScheduling: 'refuse' } },
  'reports/schedules/update': { flags: { reportScheduling: 'refuse' } },
  'reports/schedules/remove': { exempt: 'Removing a schedule must always be possible, also when scheduling is turned off.' },
  'reports/schedules/runNow': { flags: { reportScheduling: 'refuse' }, limits: { reportRunsPerDay: 'refuse' } },
  'reports/schedules/runs': { exempt: 'Run history of a schedule; nothing runs.' },
  'insights/list': { exempt: 'Reads insights already computed; computing them goes through chat/ask.' },
  'insights/get': { exempt: 'Reads an insight already computed; computing it goes through chat/ask.' },
  'insights/summary': { exempt: 'Summarises stored insights from code; no query or model runs.' },
};

/** Domains whose every call concerns a control (reports run and are scheduled, insights are
 *  proactive, delivery sends e-mail). */
const GUARDED_DOMAINS = ['reports', 'schedules', 'insights', 'delivery'] as const;
/** Permissions whose calls concern a control. */
const GUARDED_ACCESS = ['sql:free', 'export', 'reports:schedule'] as const;

/** Calls that must appear in CALL_CONTROLS (with controls or an exemption). */
export function isGuardedKind(key: string, def: { access: string; event?: unknown }): boolean {
  const domain = key.split('/')[0];
  return (GUARDED_DOMAINS as readonly string[]).includes(domain)
    || (GUARDED_ACCESS as readonly string[]).includes(def.access)
    || /export|download|deliver|email|schedule/i.test(key)
    // Streaming calls are the ones that run source queries or models.
    || def.event !== undefined;
}

export function controlOf(key: string): CallControl | null {
  const entry = (CALL_CONTROLS as Record<string, CallControl | Exemption | undefined>)[key];
  return entry && !('exempt' in entry) ? entry : null;
}
