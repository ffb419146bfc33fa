import { DataTypes, type QueryInterface } from 'sequelize';

/** Remembers which row of an imported system became which row here, so importing again adds only
 *  what is new. `origin` names the system imported from (e.g. `aiser-platform:host:5432/db`). */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('import_mappings', {
    id: { type: DataTypes.STRING(36), primaryKey: true, allowNull: false },
    organization_id: { type: DataTypes.STRING(36), allowNull: false, references: { model: 'organizations', key: 'id' }, onDelete: 'CASCADE' },
    origin: { type: DataTypes.STRING(200), allowNull: false },
    entity: { type: DataTypes.STRING(40), allowNull: false },
    source_key: { type: DataTypes.STRING(200), allowNull: false },
    target_id: { type: DataTypes.STRING(36), allowNull: false },
    created_at: { type: DataTypes.DATE, allowNull: false },
    updated_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('import_mappings', ['origin', 'entity', 'source_key'], { unique: true });
  await qi.addIndex('import_mappings', ['organization_id']);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('import_mappings');
}
