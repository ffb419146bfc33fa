import type { AlertSeverity } from '../../store';

/** Events alert rules listen to (a rule's `metric` names one of these, or a metric in
 *  metric_records for threshold rules), with the rule every organization starts with. */
export const ALERT_EVENTS = {
  'auth.sign_in_failed': { rule: 'Burst of failed sign-ins', severity: 'warning', count: 5, windowMinutes: 10, says: (n: number) => `${n} failed sign-ins within 10 minutes` },
  'pii.export_attempt': { rule: 'Personal data export attempt', severity: 'warning', count: 1, windowMinutes: 60, says: () => 'Someone tried to export personal data they may only see masked' },
  'pii.unmask_attempt': { rule: 'Attempt to see masked personal data', severity: 'warning', count: 1, windowMinutes: 60, says: () => 'A query filtered, joined or computed on personal data its author may only see masked (it saw masked values only)' },
  'usage.near_limit': { rule: 'Usage near a limit', severity: 'info', count: 1, windowMinutes: 1440, says: () => 'A usage limit is nearly used up' },
  'ai.breaker_open': { rule: 'Language-model provider unavailable', severity: 'warning', count: 1, windowMinutes: 60, says: () => 'A provider’s circuit breaker is open' },
  'audit.chain_broken': { rule: 'Audit trail verification failed', severity: 'critical', count: 1, windowMinutes: 1440, says: () => 'The audit trail no longer verifies' },
  'report.failed': { rule: 'Scheduled report failed', severity: 'warning', count: 1, windowMinutes: 60, says: () => 'A scheduled report failed' },
} as const satisfies Record<string, { rule: string; severity: AlertSeverity; count: number; windowMinutes: number; says: (n: number) => string }>;
export type AlertEventKind = keyof typeof ALERT_EVENTS;
export const ALERT_EVENT_KINDS = Object.keys(ALERT_EVENTS) as AlertEventKind[];

export function isAlertEventKind(value: string): value is AlertEventKind {
  return Object.prototype.hasOwnProperty.call(ALERT_EVENTS, value);
}

/** Audit actions that are alert events. */
export const AUDIT_ACTION_EVENTS: Record<string, AlertEventKind> = {
  'auth.sign_in_failed': 'auth.sign_in_failed',
  'auth.locked_out': 'auth.sign_in_failed',
  'auth.sign_in_refused': 'auth.sign_in_failed',
  'export.masked_attempt': 'pii.export_attempt',
  'query.pii_probe': 'pii.unmask_attempt',
  'report.failed': 'report.failed',
};
