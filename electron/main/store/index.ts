import fs from 'node:fs';
import path from 'node:path';
import type { Sequelize } from 'sequelize';
import type { SecretBox } from '../security/secrets';
import { SQLITE_FILE, openSequelize, prepareConnection, type StoreDialect } from './connection';
import { LeasesRepository, RateCountersRepository } from './repositories/leases';
import { QuerySlotsRepository } from './repositories/querySlots';
import { migrateToLatest, migrationStatus } from './migrations';
import { defineModels } from './models';
import { AnalysisResultsRepository } from './repositories/analysisResults';
import { GroupCommit } from './groupCommit';
import { PgChangeFeed } from './changeFeed';
import { SqliteChangeFile } from './changeFile';
import { ReadCache, attachReadCache } from './readCache';
import { takeTurnsWriting, watchStoreWrites } from './storeWrites';
import { AuditRepository } from './repositories/audit';
import { ConversationsRepository, MessagesRepository } from './repositories/conversations';
import { DashboardsRepository } from './repositories/dashboards';
import { DataSourcesRepository } from './repositories/dataSources';
import { ImportMappingsRepository } from './repositories/importMappings';
import { VerifiedAnswersRepository } from './repositories/verifiedAnswers';
import { LineageRepository } from './repositories/lineage';
import { AlertRulesRepository, AlertsRepository, MetricsRepository } from './repositories/monitoring';
import { OrganizationsRepository } from './repositories/organizations';
import { ProjectsRepository } from './repositories/projects';
import { ReportRunsRepository, ReportSchedulesRepository, ReportsRepository } from './repositories/reports';
import { SessionsRepository } from './repositories/sessions';
import { UsersRepository } from './repositories/users';
import { WidgetsRepository } from './repositories/widgets';

export interface StoreOptions {
  /** `postgres://…` for a shared install (the app passes AISER_DATABASE_URL); omitted: SQLite in dataDir. */
  databaseUrl?: string;
  dataDir: string;
  secrets: SecretBox;
}

/** The Aiser store: org-scoped repositories over SQLite or PostgreSQL. Call `init()` first. */
export interface Store {
  readonly dialect: StoreDialect;
  /** Opens the database and applies pending migrations; returns the migrations it ran. */
  init(): Promise<string[]>;
  /** For `aiser migrate`: which migrations ran and which are pending (does not apply them). */
  migrationStatus(): Promise<{ executed: string[]; pending: string[] }>;
  close(): Promise<void>;
  /** Records the request path reads on every call, kept in memory until a write changes them. */
  readonly readCache: ReadCache;
  /** Writes of many requests committed together (one sync per batch); see GroupCommit. */
  readonly groupCommit: GroupCommit;
  readonly organizations: OrganizationsRepository;
  readonly projects: ProjectsRepository;
  readonly users: UsersRepository;
  readonly sessions: SessionsRepository;
  readonly dataSources: DataSourcesRepository;
  readonly audit: AuditRepository;
  readonly dashboards: DashboardsRepository;
  readonly widgets: WidgetsRepository;
  readonly conversations: ConversationsRepository;
  readonly messages: MessagesRepository;
  readonly analysisResults: AnalysisResultsRepository;
  readonly metrics: MetricsRepository;
  readonly alertRules: AlertRulesRepository;
  readonly alerts: AlertsRepository;
  readonly lineage: LineageRepository;
  /** Cluster-wide job leases (one instance runs each due schedule). */
  readonly leases: LeasesRepository;
  /** Cluster-wide rate-limit counters. */
  readonly rateCounters: RateCountersRepository;
  /** Cluster-wide running-query slots (the concurrent-queries limit). */
  readonly querySlots: QuerySlotsRepository;
  readonly importMappings: ImportMappingsRepository;
  readonly reports: ReportsRepository;
  readonly reportSchedules: ReportSchedulesRepository;
  readonly reportRuns: ReportRunsRepository;
  readonly verifiedAnswers: VerifiedAnswersRepository;
}

export function createStore(options: StoreOptions): Store {
  const { sequelize, dialect } = openSequelize(options);
  const models = defineModels(sequelize);
  const readCache = new ReadCache();
  // Other instances over the same store hear of every committed change to a cached table.
  const changeFeed = dialect === 'postgres'
    ? new PgChangeFeed(options.databaseUrl!.trim(), readCache, (channel, payload) => sequelize.query('SELECT pg_notify(:channel, :payload)', { replacements: { channel, payload } }))
    : new SqliteChangeFile(path.join(options.dataDir, `${SQLITE_FILE}-changes`), readCache);
  watchStoreWrites(sequelize, readCache, (change) => changeFeed.publish(change));
  attachReadCache(sequelize, readCache);
  const groupCommit = new GroupCommit(sequelize, dialect === 'sqlite');
  if (dialect === 'sqlite') takeTurnsWriting(sequelize, (work) => groupCommit.exclusive(work));
  const dataSources = new DataSourcesRepository(models, options.secrets);
  const widgets = new WidgetsRepository(models, dataSources);
  const conversations = new ConversationsRepository(models, dataSources);
  const messages = new MessagesRepository(models, conversations);
  const alertRules = new AlertRulesRepository(models);
  return {
    dialect,
    init: async () => {
      const applied = await initialize(sequelize, dialect);
      await changeFeed.start();
      return applied;
    },
    migrationStatus: () => migrationStatus(sequelize),
    close: async () => {
      if (changeFeed instanceof PgChangeFeed) await changeFeed.close();
      await sequelize.close();
    },
    readCache,
    groupCommit,
    organizations: new OrganizationsRepository(models),
    projects: new ProjectsRepository(models),
    users: new UsersRepository(models),
    sessions: new SessionsRepository(models),
    dataSources,
    audit: new AuditRepository(models, sequelize, (transaction) => groupCommit.exclusive(transaction)),
    dashboards: new DashboardsRepository(models, widgets),
    widgets,
    conversations,
    messages,
    analysisResults: new AnalysisResultsRepository(models, dataSources, messages),
    metrics: new MetricsRepository(models),
    alertRules,
    alerts: new AlertsRepository(models, alertRules),
    lineage: new LineageRepository(models, dataSources),
    leases: new LeasesRepository(sequelize),
    rateCounters: new RateCountersRepository(sequelize),
    querySlots: new QuerySlotsRepository(sequelize),
    importMappings: new ImportMappingsRepository(models),
    reports: new ReportsRepository(models),
    reportSchedules: new ReportSchedulesRepository(models),
    reportRuns: new ReportRunsRepository(models),
    verifiedAnswers: new VerifiedAnswersRepository(models, dataSources),
  };
}

async function initialize(sequelize: Sequelize, dialect: StoreDialect): Promise<string[]> {
  await prepareConnection(sequelize, dialect);
  const applied = await migrateToLatest(sequelize);
  // The store holds password hashes and encrypted secrets: owner-only, whatever the umask.
  const storage = (sequelize as unknown as { options: { storage?: string } }).options.storage;
  if (dialect === 'sqlite' && storage && fs.existsSync(storage)) fs.chmodSync(storage, 0o600);
  return applied;
}

export { NotFoundError, ConflictError, StoreInputError, StoreConfigError } from './errors';
export { SECRET_PLACEHOLDER } from './redaction';
export type * from './types';
export type { StoreDialect } from './connection';
export type { GroupCommit } from './groupCommit';
/** The transaction a group-committed write is given (pass it to every repository call inside). */
export type { Transaction as StoreTransaction } from 'sequelize';
export type { AuditHead, AuditVerification, NewAuditEvent } from './repositories/audit';
export type { NewDataSource, DataSourcePatch } from './repositories/dataSources';
export type { NewOrganization } from './repositories/organizations';
export type { NewSession } from './repositories/sessions';
export type { QuerySlot } from './repositories/querySlots';
export type { NewUser, UserPatch } from './repositories/users';
export type { NewWidget, WidgetPatch } from './repositories/widgets';
export type { NewDashboard, DashboardPatch } from './repositories/dashboards';
export type { NewMessage } from './repositories/conversations';
export type { NewAnalysisResult } from './repositories/analysisResults';
export type { NewVerifiedAnswer } from './repositories/verifiedAnswers';
export type { NewMetricRecord } from './repositories/monitoring';
export type { NewAlert, NewAlertRule } from './repositories/monitoring';
export type { NewQueryLineage } from './repositories/lineage';
export type { ReportRecord, ReportRunRecord, ReportScheduleRecord, NewSchedule } from './repositories/reports';
