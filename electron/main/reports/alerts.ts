import { systemContext } from '../../../shared/types/auth';
import type { Store } from '../store';

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
