import fs from 'node:fs';
import { createAdminServices } from './admin';
import { returnMemoryWhenIdle } from './memory/idle';
import { sqliteWorkers } from './connectors/sqlite/workerPool';
import { ActiveCalls } from './api/activeCalls';
import { ApiDispatcher } from './api/dispatcher';
import { buildHandlers } from './api/handlers';
import { createChatStack } from './chat/chatStack';
import type { AppConfig } from './config';
import { DashboardsService } from './dashboards/dashboardsService';
import { ChatAnalyst, InsightsService } from './insights';
import { createLogger, type Logger } from './logging';
import { applyMachinePolicy, createPresetSources, flagsTurnedOff, loadMachinePolicy, providerRefusal } from './policy';
import { QueryService } from './query/queryService';
import { AdminAlertSink, ReportScheduler, ReportsService, SmtpMailer, smtpConfigFromEnv } from './reports';
import { AuditTrail } from './security/auditTrail';
import { AuthService, DEFAULT_AUTH_POLICY } from './security/auth';
import { DataPolicies } from './security/dataPolicies';
import { createMaskingKeys } from './security/maskingKeys';
import { loadOidcConfig } from './security/oidc/config';
import { OutboundPolicy } from './security/outboundAddresses';
import { OidcService } from './security/oidc/oidcService';
import { createKeyFileSecretBox, type SecretBox } from './security/secrets';
import { SourcesService } from './sources/sourcesService';
import { createStore } from './store';
import { systemContext } from '../../shared/types/auth';
import type { Services } from './services';

export type { Services } from './services';

export interface Container {
  readonly services: Services;
  readonly dispatcher: ApiDispatcher;
  dispose(): Promise<void>;
}

export interface ContainerOptions {
  /** Electron passes a safeStorage-backed box; server mode uses the 0600 key file. */
  secrets?: SecretBox;
  logger?: Logger;
  /** Environment holding AISER_OIDC_* (single sign-on); defaults to process.env. */
  env?: NodeJS.ProcessEnv;
}

/** How often the heads of active organizations' audit chains are signed. */
const AUDIT_CHECKPOINT_INTERVAL_MS = 5 * 60_000;

/** Session lookup that also marks the caller's organization as active for audit checkpoints. */
function authenticateAndNote(auth: AuthService, auditTrail: AuditTrail) {
  return async (token: string) => {
    const ctx = await auth.authenticate(token);
    if (ctx) auditTrail.noteActivity(ctx.orgId);
    return ctx;
  };
}

/** Files the app creates (store journal, exports, demo data) are the owner's alone. */
function restrictNewFiles(): void {
  try {
    process.umask(0o077);
  } catch {
    // Not allowed in worker threads (tests); the store file is made 0600 explicitly.
  }
}

export async function createContainer(config: AppConfig, options: ContainerOptions = {}): Promise<Container> {
  fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  restrictNewFiles();
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const secrets = options.secrets ?? createKeyFileSecretBox(config.dataDir);
  const store = createStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, secrets });
  const applied = await store.init();
  if (applied.length) logger.info('store.migrated', { migrations: applied });
  const auth = new AuthService(store, { ...DEFAULT_AUTH_POLICY, sessionTtlMs: config.sessionTtlMs, idleTimeoutMs: config.idleTimeoutMs });
  const sources = new SourcesService(store, {
    dataDir: config.dataDir, fileRoots: config.fileRoots, rootsRequired: config.fileRootsRequired,
    queryTimeoutMs: config.queryTimeoutMs, outbound: new OutboundPolicy(config.outboundAllow), planLimits: config.planLimits,
  });
  const policies = new DataPolicies(store);
  const query = new QueryService(store, sources, policies, createMaskingKeys(config.dataDir, secrets));
  const auditTrail = new AuditTrail(store, { dataDir: config.dataDir, secrets, logger, witness: config.auditWitness });
  auditTrail.startPeriodicCheckpoints(AUDIT_CHECKPOINT_INTERVAL_MS);
  const machinePolicy = loadMachinePolicy(process.platform, { ...(options.env ?? process.env), AISER_POLICY_FILE: config.policyFile });
  const insights = new InsightsService(store, (ctx, sourceId) => query.policyFingerprint(ctx, sourceId));
  const chatStack = await createChatStack({
    store, secrets, logger, sources, query, modelsDir: config.modelsDir,
    analysis: new ChatAnalyst(query, insights, logger, store),
    ai: { admitProvider: (settings) => providerRefusal(machinePolicy.policy, settings) === null },
  });
  await createPresetSources(machinePolicy.policy, store, sources, logger);
  const oidcConfig = loadOidcConfig(options.env ?? process.env);
  const admin = createAdminServices({
    store, auditTrail, logger, platform: { dataDir: config.dataDir, fileRoots: config.fileRoots },
    turnedOffByMachine: flagsTurnedOff(machinePolicy.policy),
    hooks: { openBreakers: (orgId) => chatStack.ai.pool.openBreakers(orgId), verifyAudit: (orgId) => auditTrail.verify(systemContext(orgId)) },
  });
  admin.housekeeping.start();
  const dashboards = new DashboardsService(store, query);
  const reports = new ReportsService({ store, query, sources, dashboards, insights }, { dataDir: config.dataDir });
  const smtp = smtpConfigFromEnv(options.env ?? process.env);
  const reportScheduler = new ReportScheduler({ store, reports, auth, alerts: new AdminAlertSink(admin.alerts), guard: admin.guard, mailer: smtp ? new SmtpMailer(smtp) : null });
  const services: Services = {
    config, logger, secrets, store, auth, auditTrail, policies, sources, query,
    oidc: oidcConfig ? new OidcService(oidcConfig, store, auth) : null,
    ai: chatStack.ai, chat: chatStack.chat, offlineEngine: chatStack.offline,
    dashboards, reports, reportScheduler,
    insights,
    activeCalls: new ActiveCalls(),
    admin,
    startedAt: Date.now(),
    machinePolicy,
  };
  const dispatcher = new ApiDispatcher(applyMachinePolicy(buildHandlers(services), machinePolicy.policy), authenticateAndNote(auth, auditTrail), services.activeCalls, logger, admin.guard);
  // Desktop app and `aiser serve` alike: once no call is in flight, stale cache entries and the heap's garbage go.
  const stopReturningMemory = returnMemoryWhenIdle(undefined, { endIdleWorkers: () => sqliteWorkers().close() });
  return {
    services,
    dispatcher,
    async dispose() {
      stopReturningMemory();
      admin.housekeeping.stop();
      await admin.alerts.settled();
      await reportScheduler.stop();
      await auditTrail.stop();
      await auditTrail.checkpointActive();
      await chatStack.dispose();
      await sources.dispose();
      await store.close();
    },
  };
}
