import { DataTypes, type ModelAttributeColumnOptions, type QueryInterface } from 'sequelize';

/** The Aiser schema as first released. Never edit a released migration: add a new one. */

type Columns = Record<string, ModelAttributeColumnOptions>;

const id = (): ModelAttributeColumnOptions => ({ type: DataTypes.STRING(36), primaryKey: true, allowNull: false });
const ref = (table: string, onDelete: 'CASCADE' | 'SET NULL', allowNull = false): ModelAttributeColumnOptions => ({
  type: DataTypes.STRING(36),
  allowNull,
  references: { model: table, key: 'id' },
  onDelete,
});
const json = (allowNull = false): ModelAttributeColumnOptions => ({ type: DataTypes.JSON, allowNull });
const text = (allowNull = false): ModelAttributeColumnOptions => ({ type: DataTypes.TEXT, allowNull });
const str = (length: number, allowNull = false): ModelAttributeColumnOptions => ({ type: DataTypes.STRING(length), allowNull });
const date = (allowNull = false): ModelAttributeColumnOptions => ({ type: DataTypes.DATE, allowNull });
const int = (defaultValue?: number): ModelAttributeColumnOptions => ({ type: DataTypes.INTEGER, allowNull: defaultValue === undefined, defaultValue });
const double = (allowNull = false): ModelAttributeColumnOptions => ({ type: DataTypes.DOUBLE, allowNull });

/** Tables in creation order (a table only references tables above it). */
const TABLES: Array<[name: string, columns: Columns]> = [
  ['organizations', { name: str(200), slug: str(100), settings: json() }],
  ['projects', { organization_id: ref('organizations', 'CASCADE'), name: str(200), settings: json() }],
  ['users', {
    organization_id: ref('organizations', 'CASCADE'), email: str(320), name: str(200), role: str(20),
    department: str(200, true), status: str(20), settings: json(), password_hash: text(true),
    failed_sign_ins: int(0), locked_until: date(true),
  }],
  ['project_members', {
    organization_id: ref('organizations', 'CASCADE'), project_id: ref('projects', 'CASCADE'),
    user_id: ref('users', 'CASCADE'), role: str(20),
  }],
  ['user_sessions', {
    organization_id: ref('organizations', 'CASCADE'), user_id: ref('users', 'CASCADE'), token_hash: str(128),
    expires_at: date(), last_seen_at: date(), revoked_at: date(true), user_agent: text(true), ip: str(64, true),
  }],
  ['data_sources', {
    organization_id: ref('organizations', 'CASCADE'), project_id: ref('projects', 'CASCADE', true), name: str(200),
    type: str(20), dialect: str(20, true), connector_type: str(40), config_encrypted: text(),
    schema_version: str(128, true), schema_metadata: json(true), semantic_model: json(true), status: str(20),
    last_error: text(true),
  }],
  ['dashboards', {
    organization_id: ref('organizations', 'CASCADE'), project_id: ref('projects', 'CASCADE'),
    owner_id: ref('users', 'SET NULL', true), name: str(200), theme: str(40), layout: json(), shared_with: json(),
  }],
  ['widgets', {
    organization_id: ref('organizations', 'CASCADE'), project_id: ref('projects', 'CASCADE'), title: str(300),
    source_id: ref('data_sources', 'SET NULL', true), query: json(), chart_spec: json(), refresh_policy: json(),
  }],
  ['dashboard_widgets', {
    organization_id: ref('organizations', 'CASCADE'), dashboard_id: ref('dashboards', 'CASCADE'),
    widget_id: ref('widgets', 'CASCADE'), x: int(0), y: int(0), w: int(4), h: int(3),
  }],
  ['conversations', {
    organization_id: ref('organizations', 'CASCADE'), project_id: ref('projects', 'CASCADE'),
    user_id: ref('users', 'CASCADE'), title: str(300), source_id: ref('data_sources', 'SET NULL', true),
  }],
  ['messages', {
    organization_id: ref('organizations', 'CASCADE'), conversation_id: ref('conversations', 'CASCADE'),
    role: str(20), content: text(), ai_metadata: json(true), feedback: str(10, true),
    approved: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
  }],
  ['ai_analysis_results', {
    organization_id: ref('organizations', 'CASCADE'), project_id: ref('projects', 'CASCADE'), kind: str(60),
    payload: json(), confidence: double(true), source_id: ref('data_sources', 'SET NULL', true),
    message_id: ref('messages', 'SET NULL', true),
  }],
  ['metric_records', {
    organization_id: ref('organizations', 'CASCADE'), name: str(200), value: double(), tags: json(), recorded_at: date(),
  }],
  ['alert_rules', {
    organization_id: ref('organizations', 'CASCADE'), name: str(200), metric: str(200), condition: json(),
    enabled: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
  }],
  ['alerts', {
    organization_id: ref('organizations', 'CASCADE'), rule_id: ref('alert_rules', 'SET NULL', true), severity: str(20),
    message: text(), payload: json(true), acknowledged_at: date(true),
  }],
  // Audit rows deliberately have no foreign keys: the trail must outlive the users it names.
  ['audit_events', {
    organization_id: str(36), seq: int(), at: date(), actor_id: str(64), action: str(100), target: text(true),
    details: json(), prev_hash: str(64), hash: str(64),
  }],
  ['query_lineage', {
    organization_id: ref('organizations', 'CASCADE'), user_id: str(64), source_id: str(36), sql_hash: str(64),
    tables: json(), columns: json(), row_count: { type: DataTypes.BIGINT, allowNull: false }, duration_ms: int(0),
    at: date(),
  }],
];

const UNIQUE_INDEXES: Array<[table: string, columns: string[]]> = [
  ['organizations', ['slug']],
  ['users', ['organization_id', 'email']],
  ['project_members', ['project_id', 'user_id']],
  ['user_sessions', ['token_hash']],
  ['dashboard_widgets', ['dashboard_id', 'widget_id']],
  ['audit_events', ['organization_id', 'seq']],
];

const EXTRA_INDEXES: Array<[table: string, columns: string[]]> = [
  ['user_sessions', ['user_id']],
  ['messages', ['conversation_id']],
  ['metric_records', ['organization_id', 'name', 'recorded_at']],
  ['query_lineage', ['organization_id', 'at']],
];

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  for (const [table, columns] of TABLES) {
    await qi.createTable(table, { id: id(), ...columns, created_at: date(), updated_at: date() });
    if (table !== 'organizations') await qi.addIndex(table, ['organization_id']);
  }
  for (const [table, fields] of UNIQUE_INDEXES) await qi.addIndex(table, fields, { unique: true });
  for (const [table, fields] of EXTRA_INDEXES) await qi.addIndex(table, fields);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  for (const [table] of [...TABLES].reverse()) await qi.dropTable(table);
}
