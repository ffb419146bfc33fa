import type { ExpertiseLevel, Role } from '../../../shared/types/auth';
import type { Dialect, SchemaInfo } from '../../../shared/types/schema';

/** Plain records the repositories return. Timestamps are ISO-8601 strings. */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

interface Timestamps {
  createdAt: string;
  updatedAt: string;
}

export interface OrganizationSettings {
  featureFlags: Record<string, boolean>;
  /** e.g. `{ queriesPerDay: 500, aiCallsPerDay: 200 }`; a missing key means unlimited. */
  usageLimits: Record<string, number>;
  [key: string]: JsonValue | Record<string, boolean> | Record<string, number> | undefined;
}

export interface Organization extends Timestamps {
  id: string;
  name: string;
  slug: string;
  settings: OrganizationSettings;
  status: OrganizationStatus;
}

export const ORGANIZATION_STATUSES = ['active', 'suspended'] as const;
export type OrganizationStatus = (typeof ORGANIZATION_STATUSES)[number];

export interface Project extends Timestamps {
  id: string;
  organizationId: string;
  name: string;
  settings: JsonObject;
}

export const PROJECT_MEMBER_ROLES = ['owner', 'editor', 'viewer'] as const;
export type ProjectMemberRole = (typeof PROJECT_MEMBER_ROLES)[number];

export interface ProjectMember extends Timestamps {
  id: string;
  organizationId: string;
  projectId: string;
  userId: string;
  role: ProjectMemberRole;
}

export const USER_STATUSES = ['active', 'disabled', 'locked'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export interface UserSettings {
  preferences: JsonObject;
  expertiseLevel: ExpertiseLevel;
}

export interface User extends Timestamps {
  id: string;
  organizationId: string;
  email: string;
  name: string;
  role: Role;
  department: string | null;
  status: UserStatus;
  settings: UserSettings;
  failedSignIns: number;
  lockedUntil: string | null;
  /** Server mode: may create, suspend and delete organizations. */
  platformAdmin: boolean;
}

/** Only for the auth service: the one shape that carries the password hash. */
export interface UserWithPasswordHash extends User {
  passwordHash: string | null;
}

export interface UserSession extends Timestamps {
  id: string;
  organizationId: string;
  userId: string;
  tokenHash: string;
  expiresAt: string;
  lastSeenAt: string;
  revokedAt: string | null;
  userAgent: string | null;
  ip: string | null;
}

export const DATA_SOURCE_TYPES = ['database', 'file', 'api', 'cube'] as const;
export type DataSourceType = (typeof DATA_SOURCE_TYPES)[number];
export const DATA_SOURCE_STATUSES = ['new', 'ready', 'error', 'disabled'] as const;
export type DataSourceStatus = (typeof DATA_SOURCE_STATUSES)[number];

export interface DataSource<Config = JsonObject> extends Timestamps {
  id: string;
  organizationId: string;
  /** null: available to every project of the organization. */
  projectId: string | null;
  name: string;
  type: DataSourceType;
  dialect: Dialect | null;
  connectorType: string;
  /** Secrets (passwords, tokens, header values, URL passwords) shown as '••••'. */
  config: Config;
  schemaVersion: string | null;
  schemaMetadata: SchemaInfo | null;
  semanticModel: JsonObject | null;
  status: DataSourceStatus;
  lastError: string | null;
}

export interface AuditEvent {
  id: string;
  organizationId: string;
  seq: number;
  at: string;
  actorId: string;
  action: string;
  target: string | null;
  details: JsonObject;
  prevHash: string;
  hash: string;
}

export interface DashboardSharing {
  userIds: string[];
  roles: Role[];
}

export interface Dashboard extends Timestamps {
  id: string;
  organizationId: string;
  projectId: string;
  /** null once the owner's account is deleted: the dashboard stays with the project. */
  ownerId: string | null;
  name: string;
  theme: string;
  layout: JsonObject;
  sharedWith: DashboardSharing;
}

export interface WidgetPlacement {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface DashboardWidget extends Timestamps, WidgetPlacement {
  id: string;
  organizationId: string;
  dashboardId: string;
  widgetId: string;
}

export interface WidgetQuery {
  question?: string;
  sql: string;
  /** Where the SQL came from: a chat answer the app generated ('answer', with its message id)
   *  or SQL its author wrote ('sql'). Widgets saved before this was recorded have neither. */
  origin?: 'answer' | 'sql';
  answerId?: string;
  authorId?: string;
}

export interface Widget extends Timestamps {
  id: string;
  organizationId: string;
  projectId: string;
  title: string;
  sourceId: string | null;
  query: WidgetQuery;
  chartSpec: JsonObject;
  refreshPolicy: JsonObject;
}

export interface Conversation extends Timestamps {
  id: string;
  organizationId: string;
  projectId: string;
  userId: string;
  title: string;
  sourceId: string | null;
}

export const MESSAGE_ROLES = ['user', 'assistant', 'system'] as const;
export type MessageRole = (typeof MESSAGE_ROLES)[number];
export const MESSAGE_FEEDBACK = ['up', 'down'] as const;
export type MessageFeedback = (typeof MESSAGE_FEEDBACK)[number];

export interface Message extends Timestamps {
  id: string;
  organizationId: string;
  conversationId: string;
  role: MessageRole;
  content: string;
  /** SQL, sources, chart, timings… of an assistant answer. */
  aiMetadata: JsonObject | null;
  feedback: MessageFeedback | null;
  approved: boolean;
}

export interface AnalysisResult extends Timestamps {
  id: string;
  organizationId: string;
  projectId: string;
  kind: string;
  payload: JsonObject;
  confidence: number | null;
  sourceId: string | null;
  messageId: string | null;
}

/** A question–SQL pair a person verified for a project's data source. */
export interface VerifiedAnswer extends Timestamps {
  id: string;
  organizationId: string;
  projectId: string;
  sourceId: string;
  messageId: string | null;
  question: string;
  sql: string;
  verifiedBy: string;
}

export interface MetricRecord extends Timestamps {
  id: string;
  organizationId: string;
  name: string;
  value: number;
  tags: Record<string, string>;
  recordedAt: string;
}

export interface AlertRule extends Timestamps {
  id: string;
  organizationId: string;
  name: string;
  metric: string;
  condition: JsonObject;
  enabled: boolean;
}

export const ALERT_SEVERITIES = ['info', 'warning', 'critical'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export interface Alert extends Timestamps {
  id: string;
  organizationId: string;
  ruleId: string | null;
  severity: AlertSeverity;
  message: string;
  payload: JsonObject | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  /** What raised it (an alert kind such as 'auth.failed_sign_in_burst'). */
  kind: string | null;
  /** Alerts with the same key are one ongoing situation: raised once until resolved. */
  dedupeKey: string | null;
}

/** Metadata about one executed query: never its rows. */
export interface QueryLineage extends Timestamps {
  id: string;
  organizationId: string;
  userId: string;
  sourceId: string;
  sqlHash: string;
  tables: string[];
  columns: string[];
  rowCount: number;
  durationMs: number;
  at: string;
}
