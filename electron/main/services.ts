import type { AdminServices } from './admin';
import type { ActiveCalls } from './api/activeCalls';
import type { AiService } from './ai/aiService';
import type { OfflineEngine } from './ai/offlineEngine';
import type { ChatService } from './chat/chatService';
import type { AppConfig } from './config';
import type { DashboardsService } from './dashboards/dashboardsService';
import type { InsightsService } from './insights';
import type { Logger } from './logging';
import type { LoadedPolicy } from './policy';
import type { QueryService } from './query/queryService';
import type { ReportScheduler, ReportsService } from './reports';
import type { AuditTrail } from './security/auditTrail';
import type { AuthService } from './security/auth';
import type { DataPolicies } from './security/dataPolicies';
import type { OidcService } from './security/oidc/oidcService';
import type { SecretBox } from './security/secrets';
import type { SourcesService } from './sources/sourcesService';
import type { Store } from './store';

/** Every main-process service, built once in dependency order (plain classes, constructor
 *  injection). Electron and server mode build the same container. */
export interface Services {
  readonly config: AppConfig;
  readonly logger: Logger;
  readonly secrets: SecretBox;
  readonly store: Store;
  readonly auth: AuthService;
  readonly auditTrail: AuditTrail;
  readonly policies: DataPolicies;
  /** Single sign-on (server mode); null when AISER_OIDC_* is not configured. */
  readonly oidc: OidcService | null;
  readonly sources: SourcesService;
  readonly query: QueryService;
  readonly dashboards: DashboardsService;
  readonly insights: InsightsService;
  readonly reports: ReportsService;
  readonly reportScheduler: ReportScheduler;
  readonly ai: AiService;
  readonly chat: ChatService;
  readonly offlineEngine: OfflineEngine;
  readonly activeCalls: ActiveCalls;
  /** Organizations, tenant controls, alerts, compliance, housekeeping. */
  readonly admin: AdminServices;
  readonly startedAt: number;
  /** The machine-wide policy file IT pushed (empty when the machine is not managed). */
  readonly machinePolicy: LoadedPolicy;
}

