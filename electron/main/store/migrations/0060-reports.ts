import { DataTypes, type ModelAttributeColumnOptions, type QueryInterface } from 'sequelize';

/** Reports (definitions), their runs (history, files in the data folder) and schedules. */

const id = (): ModelAttributeColumnOptions => ({ type: DataTypes.STRING(36), primaryKey: true, allowNull: false });
const org = (): ModelAttributeColumnOptions => ({ type: DataTypes.STRING(36), allowNull: false, references: { model: 'organizations', key: 'id' }, onDelete: 'CASCADE' });
const str = (length: number, allowNull = false): ModelAttributeColumnOptions => ({ type: DataTypes.STRING(length), allowNull });
const json = (allowNull = false): ModelAttributeColumnOptions => ({ type: DataTypes.JSON, allowNull });
const date = (allowNull = false): ModelAttributeColumnOptions => ({ type: DataTypes.DATE, allowNull });
const stamps = () => ({ created_at: date(), updated_at: date() });

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('reports', {
    id: id(), organization_id: org(), owner_id: str(64), title: str(300), origin: json(), settings: json(), ...stamps(),
  });
  await qi.addIndex('reports', ['organization_id']);
  await qi.createTable('report_schedules', {
    id: id(), organization_id: org(), report_id: { type: DataTypes.STRING(36), allowNull: false, references: { model: 'reports', key: 'id' }, onDelete: 'CASCADE' },
    owner_id: str(64), cron: str(120), timezone: str(64), format: str(10), recipients: json(), folder: { type: DataTypes.TEXT, allowNull: true },
    enabled: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true }, next_run_at: date(true), last_run_at: date(true), ...stamps(),
  });
  await qi.addIndex('report_schedules', ['organization_id']);
  await qi.addIndex('report_schedules', ['enabled', 'next_run_at']);
  await qi.createTable('report_runs', {
    id: id(), organization_id: org(), report_id: { type: DataTypes.STRING(36), allowNull: false, references: { model: 'reports', key: 'id' }, onDelete: 'CASCADE' },
    schedule_id: { type: DataTypes.STRING(36), allowNull: true, references: { model: 'report_schedules', key: 'id' }, onDelete: 'SET NULL' },
    requested_by: str(64), format: str(10), audience: str(20), status: str(20), file_name: str(300, true), file_size: { type: DataTypes.INTEGER, allowNull: true },
    error: { type: DataTypes.TEXT, allowNull: true }, deliveries: json(true), finished_at: date(true), ...stamps(),
  });
  await qi.addIndex('report_runs', ['organization_id', 'report_id']);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('report_runs');
  await qi.dropTable('report_schedules');
  await qi.dropTable('reports');
}
