import { DataTypes, type QueryInterface } from 'sequelize';

/** Question–SQL pairs a person verified for a project's data source: shared by everyone of the
 *  project, matched first by the offline engine and given to language models as examples. */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('verified_answers', {
    id: { type: DataTypes.STRING(36), primaryKey: true, allowNull: false },
    organization_id: { type: DataTypes.STRING(36), allowNull: false, references: { model: 'organizations', key: 'id' }, onDelete: 'CASCADE' },
    project_id: { type: DataTypes.STRING(36), allowNull: false, references: { model: 'projects', key: 'id' }, onDelete: 'CASCADE' },
    source_id: { type: DataTypes.STRING(36), allowNull: false, references: { model: 'data_sources', key: 'id' }, onDelete: 'CASCADE' },
    message_id: { type: DataTypes.STRING(36), allowNull: true },
    question: { type: DataTypes.TEXT, allowNull: false },
    sql: { type: DataTypes.TEXT, allowNull: false },
    verified_by: { type: DataTypes.STRING(36), allowNull: false },
    created_at: { type: DataTypes.DATE, allowNull: false },
    updated_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('verified_answers', ['organization_id', 'source_id']);
  await qi.addIndex('verified_answers', ['message_id']);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('verified_answers');
}
