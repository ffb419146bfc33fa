import { systemContext } from '../../../shared/types/auth';
import type { JsonObject, Store } from '../store';

/** Where a failed scheduled report is reported. Minimal on purpose: the administration area
 *  owns alerting; this only writes a row it can show. */
export interface AlertSink {
  raise(orgId: string, alert: { severity: 'warning' | 'critical'; message: string; payload: Record<string, string | number | null> }): Promise<void>;
}

export class StoreAlertSink implements AlertSink {
  constructor(private readonly store: Store) {}

  async raise(orgId: string, alert: { severity: 'warning' | 'critical'; message: string; payload: Record<string, string | number | null> }): Promise<void> {
    await this.store.alerts.raise(systemContext(orgId), { severity: alert.severity, message: alert.message, payload: { kind: 'report.schedule.failed', ...alert.payload } });
  }
}

/** Raises a failed schedule through the administration's alert rules ("Scheduled report failed"),
 *  so it is counted, deduplicated and notified like every other alert. */
export class AdminAlertSink implements AlertSink {
  constructor(private readonly alerts: { emit(orgId: string, kind: 'report.failed', input: { subject?: string; message?: string; payload?: JsonObject }): Promise<unknown> }) {}

  async raise(orgId: string, alert: { severity: 'warning' | 'critical'; message: string; payload: Record<string, string | number | null> }): Promise<void> {
    await this.alerts.emit(orgId, 'report.failed', { subject: String(alert.payload.scheduleId ?? alert.payload.reportId ?? ''), message: alert.message, payload: { kind: 'report.schedule.failed', severity: alert.severity, ...alert.payload } });
  }
}
