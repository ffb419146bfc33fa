import { DataTypes, type QueryInterface } from 'sequelize';

/** Running Aiser for several organizations: suspension, platform administrators and the
 *  life cycle of an alert (who acknowledged and resolved it, and what raised it). */

const ALERT_COLUMNS = {
  kind: { type: DataTypes.STRING(60), allowNull: true },
  dedupe_key: { type: DataTypes.STRING(200), allowNull: true },
  acknowledged_by: { type: DataTypes.STRING(64), allowNull: true },
  resolved_at: { type: DataTypes.DATE, allowNull: true },
  resolved_by: { type: DataTypes.STRING(64), allowNull: true },
} as const;

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addColumn('organizations', 'status', { type: DataTypes.STRING(20), allowNull: false, defaultValue: 'active' });
  await qi.addColumn('users', 'platform_admin', { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false });
  for (const [name, column] of Object.entries(ALERT_COLUMNS)) await qi.addColumn('alerts', name, column);
  await qi.addIndex('alerts', ['organization_id', 'dedupe_key']);
  await qi.addIndex('user_sessions', ['expires_at']);
  // Existing installs: the administrators of the first organization run the platform.
  const [first] = await qi.sequelize.query('SELECT id FROM organizations ORDER BY created_at ASC LIMIT 1', { type: 'SELECT' }) as Array<{ id: string }>;
  if (first) await qi.bulkUpdate('users', { platform_admin: true }, { organization_id: first.id, role: 'admin' });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeIndex('user_sessions', ['expires_at']);
  await qi.removeIndex('alerts', ['organization_id', 'dedupe_key']);
  for (const name of Object.keys(ALERT_COLUMNS).reverse()) await qi.removeColumn('alerts', name);
  await qi.removeColumn('users', 'platform_admin');
  await qi.removeColumn('organizations', 'status');
}
