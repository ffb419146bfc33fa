import { QueryTypes, type QueryInterface, type Sequelize } from 'sequelize';
import type * as UmzugPackage from 'umzug';
import type { Umzug } from 'umzug';
import { lazyRequire } from '../../startup/lazyRequire';
import * as initialSchema from './0001-initial-schema';
import * as reports from './0060-reports';
import * as tenancyAdmin from './0070-tenancy-admin';
import * as jobLeases from './0080-job-leases-and-rate-limits';
import * as importMappings from './0090-import-mappings';
import * as verifiedAnswers from './0100-verified-answers';

type Migration = (params: { context: QueryInterface }) => Promise<void>;

/** Every migration, oldest first. Listed explicitly (not globbed) so bundled builds find them. */
const MIGRATIONS: Array<{ name: string; up: Migration; down: Migration }> = [
  { name: '0001-initial-schema', ...initialSchema },
  { name: '0060-reports', ...reports },
  { name: '0070-tenancy-admin', ...tenancyAdmin },
  { name: '0080-job-leases-and-rate-limits', ...jobLeases },
  { name: '0090-import-mappings', ...importMappings },
  { name: '0100-verified-answers', ...verifiedAnswers },
];

/** Names of every migration this version knows, oldest first. */
export function knownMigrations(): string[] {
  return MIGRATIONS.map((migration) => migration.name);
}

/** The migration runner is only loaded when a migration is pending or asked for (not on a normal restart). */
const loadUmzug = lazyRequire<typeof UmzugPackage>('umzug');

export function createMigrator(sequelize: Sequelize): Umzug<QueryInterface> {
  const { Umzug, SequelizeStorage } = loadUmzug();
  return new Umzug({
    migrations: MIGRATIONS,
    context: sequelize.getQueryInterface(),
    storage: new SequelizeStorage({ sequelize, tableName: 'SequelizeMeta' }),
    logger: undefined,
  });
}

/** Applies pending migrations; returns the names it ran (empty when already up to date). */
export async function migrateToLatest(sequelize: Sequelize): Promise<string[]> {
  if (await upToDate(sequelize)) return [];
  const executed = await createMigrator(sequelize).up();
  return executed.map((migration) => migration.name);
}

export async function migrationStatus(sequelize: Sequelize): Promise<{ executed: string[]; pending: string[] }> {
  const applied = await appliedMigrations(sequelize);
  if (applied && knownMigrations().every((name) => applied.includes(name))) return { executed: applied, pending: [] };
  const migrator = createMigrator(sequelize);
  const [executed, pending] = await Promise.all([migrator.executed(), migrator.pending()]);
  return { executed: executed.map((migration) => migration.name), pending: pending.map((migration) => migration.name) };
}

/** Names recorded in the migration table, or null when it does not exist yet (a fresh store). */
async function appliedMigrations(sequelize: Sequelize): Promise<string[] | null> {
  try {
    const table = sequelize.getQueryInterface().quoteIdentifier('SequelizeMeta');
    const rows = await sequelize.query<{ name: string }>(`SELECT name FROM ${table}`, { type: QueryTypes.SELECT });
    return rows.map((row) => row.name);
  } catch {
    return null;
  }
}

async function upToDate(sequelize: Sequelize): Promise<boolean> {
  const applied = await appliedMigrations(sequelize);
  return applied !== null && knownMigrations().every((name) => applied.includes(name));
}
