import { DataTypes, type QueryInterface } from 'sequelize';

/** Shared state that lets several server instances run over one store: who runs a scheduled job
 *  now (a lease that expires if its holder dies), and sign-in throttling counters. */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('job_leases', {
    name: { type: DataTypes.STRING(200), primaryKey: true, allowNull: false },
    holder: { type: DataTypes.STRING(200), allowNull: false },
    expires_at: { type: DataTypes.BIGINT, allowNull: false },
  });
  await qi.createTable('rate_limit_hits', {
    bucket: { type: DataTypes.STRING(300), primaryKey: true, allowNull: false },
    hits: { type: DataTypes.INTEGER, allowNull: false },
    window_started_at: { type: DataTypes.BIGINT, allowNull: false },
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('rate_limit_hits');
  await qi.dropTable('job_leases');
}
