import { randomUUID } from 'node:crypto';
import { DataTypes, type Model, type ModelAttributeColumnOptions, type ModelStatic, type Sequelize } from 'sequelize';

/** Sequelize models over the migrated tables. Attributes are camelCase; `underscored` maps them
 *  to the snake_case columns. The schema itself is owned by the migrations, never by `sync()`. */

export type TableModel = ModelStatic<Model>;
type Attributes = Record<string, ModelAttributeColumnOptions>;

const nullable = (type: ModelAttributeColumnOptions['type']): ModelAttributeColumnOptions => ({ type, allowNull: true });
const required = (type: ModelAttributeColumnOptions['type']): ModelAttributeColumnOptions => ({ type, allowNull: false });
// Node's own UUIDs: Sequelize's UUIDV4 draws fresh random bytes for each id (about 20 µs).
const ID = (): ModelAttributeColumnOptions => ({ type: DataTypes.STRING(36), primaryKey: true, defaultValue: () => randomUUID() });
const ORG = () => required(DataTypes.STRING(36));
const JSON_REQUIRED = () => required(DataTypes.JSON);
const JSON_NULLABLE = () => nullable(DataTypes.JSON);

/** Built per store: Sequelize mutates attribute objects, so two stores must not share them. */
const definitions = () => ({
  organizations: {
    name: required(DataTypes.STRING), slug: required(DataTypes.STRING), settings: JSON_REQUIRED(),
    status: { type: DataTypes.STRING, allowNull: false, defaultValue: 'active' },
  },
  projects: { organizationId: ORG(), name: required(DataTypes.STRING), settings: JSON_REQUIRED() },
  users: {
    organizationId: ORG(), email: required(DataTypes.STRING), name: required(DataTypes.STRING),
    role: required(DataTypes.STRING), department: nullable(DataTypes.STRING), status: required(DataTypes.STRING),
    settings: JSON_REQUIRED(), passwordHash: nullable(DataTypes.TEXT),
    failedSignIns: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 }, lockedUntil: nullable(DataTypes.DATE),
    platformAdmin: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
  },
  projectMembers: {
    organizationId: ORG(), projectId: required(DataTypes.STRING), userId: required(DataTypes.STRING), role: required(DataTypes.STRING),
  },
  sessions: {
    organizationId: ORG(), userId: required(DataTypes.STRING), tokenHash: required(DataTypes.STRING),
    expiresAt: required(DataTypes.DATE), lastSeenAt: required(DataTypes.DATE), revokedAt: nullable(DataTypes.DATE),
    userAgent: nullable(DataTypes.TEXT), ip: nullable(DataTypes.STRING),
  },
  dataSources: {
    organizationId: ORG(), projectId: nullable(DataTypes.STRING), name: required(DataTypes.STRING),
    type: required(DataTypes.STRING), dialect: nullable(DataTypes.STRING), connectorType: required(DataTypes.STRING),
    configEncrypted: required(DataTypes.TEXT), schemaVersion: nullable(DataTypes.STRING), schemaMetadata: JSON_NULLABLE(),
    semanticModel: JSON_NULLABLE(), status: required(DataTypes.STRING), lastError: nullable(DataTypes.TEXT),
  },
  dashboards: {
    organizationId: ORG(), projectId: required(DataTypes.STRING), ownerId: nullable(DataTypes.STRING),
    name: required(DataTypes.STRING), theme: required(DataTypes.STRING), layout: JSON_REQUIRED(), sharedWith: JSON_REQUIRED(),
  },
  widgets: {
    organizationId: ORG(), projectId: required(DataTypes.STRING), title: required(DataTypes.STRING),
    sourceId: nullable(DataTypes.STRING), query: JSON_REQUIRED(), chartSpec: JSON_REQUIRED(), refreshPolicy: JSON_REQUIRED(),
  },
  dashboardWidgets: {
    organizationId: ORG(), dashboardId: required(DataTypes.STRING), widgetId: required(DataTypes.STRING),
    x: required(DataTypes.INTEGER), y: required(DataTypes.INTEGER), w: required(DataTypes.INTEGER), h: required(DataTypes.INTEGER),
  },
  conversations: {
    organizationId: ORG(), projectId: required(DataTypes.STRING), userId: required(DataTypes.STRING),
    title: required(DataTypes.STRING), sourceId: nullable(DataTypes.STRING),
  },
  messages: {
    organizationId: ORG(), conversationId: required(DataTypes.STRING), role: required(DataTypes.STRING),
    content: required(DataTypes.TEXT), aiMetadata: JSON_NULLABLE(), feedback: nullable(DataTypes.STRING),
    approved: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
  },
  analysisResults: {
    organizationId: ORG(), projectId: required(DataTypes.STRING), kind: required(DataTypes.STRING), payload: JSON_REQUIRED(),
    confidence: nullable(DataTypes.DOUBLE), sourceId: nullable(DataTypes.STRING), messageId: nullable(DataTypes.STRING),
  },
  metrics: {
    organizationId: ORG(), name: required(DataTypes.STRING), value: required(DataTypes.DOUBLE), tags: JSON_REQUIRED(),
    recordedAt: required(DataTypes.DATE),
  },
  alertRules: {
    organizationId: ORG(), name: required(DataTypes.STRING), metric: required(DataTypes.STRING), condition: JSON_REQUIRED(),
    enabled: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
  },
  alerts: {
    organizationId: ORG(), ruleId: nullable(DataTypes.STRING), severity: required(DataTypes.STRING),
    message: required(DataTypes.TEXT), payload: JSON_NULLABLE(), acknowledgedAt: nullable(DataTypes.DATE),
    kind: nullable(DataTypes.STRING), dedupeKey: nullable(DataTypes.STRING), acknowledgedBy: nullable(DataTypes.STRING),
    resolvedAt: nullable(DataTypes.DATE), resolvedBy: nullable(DataTypes.STRING),
  },
  audit: {
    organizationId: ORG(), seq: required(DataTypes.INTEGER), at: required(DataTypes.DATE), actorId: required(DataTypes.STRING),
    action: required(DataTypes.STRING), target: nullable(DataTypes.TEXT), details: JSON_REQUIRED(),
    prevHash: required(DataTypes.STRING), hash: required(DataTypes.STRING),
  },
  lineage: {
    organizationId: ORG(), userId: required(DataTypes.STRING), sourceId: required(DataTypes.STRING),
    sqlHash: required(DataTypes.STRING), tables: JSON_REQUIRED(), columns: JSON_REQUIRED(),
    rowCount: required(DataTypes.BIGINT), durationMs: required(DataTypes.INTEGER), at: required(DataTypes.DATE),
  },
  importMappings: {
    organizationId: ORG(), origin: required(DataTypes.STRING), entity: required(DataTypes.STRING),
    sourceKey: required(DataTypes.STRING), targetId: required(DataTypes.STRING),
  },
  verifiedAnswers: {
    organizationId: ORG(), projectId: required(DataTypes.STRING), sourceId: required(DataTypes.STRING), messageId: nullable(DataTypes.STRING),
    question: required(DataTypes.TEXT), sql: required(DataTypes.TEXT), verifiedBy: required(DataTypes.STRING),
  },
  reports: {
    organizationId: ORG(), ownerId: required(DataTypes.STRING), title: required(DataTypes.STRING), origin: JSON_REQUIRED(), settings: JSON_REQUIRED(),
  },
  reportSchedules: {
    organizationId: ORG(), reportId: required(DataTypes.STRING), ownerId: required(DataTypes.STRING), cron: required(DataTypes.STRING),
    timezone: required(DataTypes.STRING), format: required(DataTypes.STRING), recipients: JSON_REQUIRED(), folder: nullable(DataTypes.TEXT),
    enabled: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true }, nextRunAt: nullable(DataTypes.DATE), lastRunAt: nullable(DataTypes.DATE),
  },
  reportRuns: {
    organizationId: ORG(), reportId: required(DataTypes.STRING), scheduleId: nullable(DataTypes.STRING), requestedBy: required(DataTypes.STRING),
    format: required(DataTypes.STRING), audience: required(DataTypes.STRING), status: required(DataTypes.STRING), fileName: nullable(DataTypes.STRING),
    fileSize: nullable(DataTypes.INTEGER), error: nullable(DataTypes.TEXT), deliveries: JSON_NULLABLE(), finishedAt: nullable(DataTypes.DATE),
  },
}) satisfies Record<string, Attributes>;
type TableKey = keyof ReturnType<typeof definitions>;

const TABLE_NAMES: Record<TableKey, string> = {
  organizations: 'organizations', projects: 'projects', users: 'users', projectMembers: 'project_members',
  sessions: 'user_sessions', dataSources: 'data_sources', dashboards: 'dashboards', widgets: 'widgets',
  dashboardWidgets: 'dashboard_widgets', conversations: 'conversations', messages: 'messages',
  analysisResults: 'ai_analysis_results', metrics: 'metric_records', alertRules: 'alert_rules', alerts: 'alerts',
  audit: 'audit_events', lineage: 'query_lineage', importMappings: 'import_mappings',
  reports: 'reports', reportSchedules: 'report_schedules', reportRuns: 'report_runs',
  verifiedAnswers: 'verified_answers',
};

export type Models = Record<TableKey, TableModel>;

export function defineModels(sequelize: Sequelize): Models {
  const entries = Object.entries(definitions()).map(([key, attributes]) => {
    const tableName = TABLE_NAMES[key as TableKey];
    const model = sequelize.define(key, { id: ID(), ...(attributes as Attributes) }, { tableName, underscored: true, timestamps: true });
    return [key, model] as const;
  });
  return Object.fromEntries(entries) as Models;
}
