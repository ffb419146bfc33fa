/** Running Aiser for a company: organizations and projects, tenant controls enforced on every
 *  call, alerts and compliance reports, and store housekeeping. */
import type { FeatureFlag } from '../../../shared/types/tenant';
import type { Logger } from '../logging';
import type { AuditTrail } from '../security/auditTrail';
import type { Store } from '../store';
import { AlertCenter } from './alerts/alertCenter';
import { ComplianceReports } from './compliance';
import { Housekeeping, type HousekeepingHooks } from './housekeeping';
import { OrgSettings } from './orgSettings';
import { PlatformAdmin, type PlatformOptions } from './platform';
import { ProjectsAdmin } from './projects';
import { TenantGuard } from './tenantGuard';
import { UsageMeter } from './usage';

export interface AdminServices {
  readonly platform: PlatformAdmin;
  readonly orgSettings: OrgSettings;
  readonly projects: ProjectsAdmin;
  readonly usage: UsageMeter;
  /** Enforces flags and limits before handlers run; `assertAllowed` for scheduled work. */
  readonly guard: TenantGuard;
  /** `raise` / `emit` for any feature that needs to alert administrators. */
  readonly alerts: AlertCenter;
  readonly compliance: ComplianceReports;
  readonly housekeeping: Housekeeping;
}

export function createAdminServices(deps: {
  store: Store; auditTrail: AuditTrail; logger: Logger; platform: PlatformOptions; hooks?: HousekeepingHooks;
  /** Feature flags the machine policy turns off for every organization. */
  turnedOffByMachine?: ReadonlySet<FeatureFlag>;
}): AdminServices {
  const { store, logger } = deps;
  const alerts = new AlertCenter(store, logger);
  alerts.watchAudit();
  const usage = new UsageMeter(store);
  const guard = new TenantGuard(store, usage, (event) => alerts.track(alerts.emit(event.orgId, 'usage.near_limit', {
    subject: event.limit,
    message: `Usage of ${event.limit} is at ${event.used} of ${event.max} (${Math.round((event.used / event.max) * 100)}%).`,
    payload: { limit: event.limit, used: event.used, max: event.max },
  })), deps.turnedOffByMachine, (error) => logger.error('usage.charge_failed', { error }));
  return {
    platform: new PlatformAdmin(store, deps.auditTrail, deps.platform),
    orgSettings: new OrgSettings(store),
    projects: new ProjectsAdmin(store),
    usage, guard, alerts,
    compliance: new ComplianceReports(store),
    housekeeping: new Housekeeping(store, alerts, logger, usage, deps.hooks),
  };
}

export { CALL_CONTROLS, isGuardedKind, controlOf } from './callControls';
export type { RaiseAlertInput } from './alerts/alertCenter';
export { ALERT_EVENT_KINDS, type AlertEventKind } from './alerts/kinds';
