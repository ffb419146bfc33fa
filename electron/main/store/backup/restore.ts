import fs from 'node:fs';
import readline from 'node:readline';
import { createGunzip } from 'node:zlib';
import type { Sequelize } from 'sequelize';
import { createMigrator, knownMigrations } from '../migrations';
import { MIGRATIONS_TABLE, tablesInDependencyOrder } from './tables';
import { BackupError, backupHeaderSchema, backupRowSchema, keyFingerprint, type BackupHeader } from './format';

export interface RestoreOptions {
  file: string;
  /** Replace a store that already holds data (its tables are dropped first). */
  force: boolean;
  /** The secret key the restored store will run with (null: none yet). */
  targetSecretKey: Buffer | null;
}

export interface RestoreReport {
  header: BackupHeader;
  rows: Record<string, number>;
  /** Migrations applied after the rows were loaded (backup from an older version). */
  upgraded: string[];
  /** The key from the backup, to be written to the data folder (only when it carried one). */
  secretKeyToInstall: Buffer | null;
}

async function* backupLines(file: string): AsyncGenerator<string> {
  const lines = readline.createInterface({ input: fs.createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of lines) if (line.trim()) yield line;
}

export async function readBackupHeader(file: string): Promise<BackupHeader> {
  if (!fs.existsSync(file)) throw new BackupError(`No backup at ${file}. Give the path of a file made by "aiser backup".`);
  try {
    for await (const line of backupLines(file)) {
      const parsed = backupHeaderSchema.safeParse(JSON.parse(line));
      if (!parsed.success) break;
      return parsed.data;
    }
  } catch {
    // falls through to the error below: not gzip, not JSON
  }
  throw new BackupError(`${file} is not an Aiser store backup (no valid header). Give a file made by "aiser backup".`);
}

function checkCompatible(header: BackupHeader, targetKey: Buffer | null): void {
  const known = knownMigrations();
  const unknown = header.migrations.filter((m) => !known.includes(m));
  if (unknown.length) {
    throw new BackupError(`This backup comes from a newer version of Aiser (schema ${unknown.at(-1)}; this version knows up to ${known.at(-1)}). Upgrade Aiser, then restore.`);
  }
  if (header.secretKeyFingerprint && !header.secretKey && targetKey && keyFingerprint(targetKey) !== header.secretKeyFingerprint) {
    throw new BackupError('The stored secrets in this backup were encrypted with another secret key. Copy secret.key from the original data folder into this one, or make the backup with --include-secret-key.');
  }
}

function toColumnValue(value: unknown, type: string): unknown {
  if (value === null || value === undefined) return null;
  const t = type.toUpperCase();
  if (t.includes('BOOL')) return value === true || value === 1 || value === '1' || value === 'true';
  if (t.startsWith('JSON')) return typeof value === 'string' ? value : JSON.stringify(value);
  if (typeof value === 'object' && value !== null && '$base64' in value) return Buffer.from(String((value as { $base64: string }).$base64), 'base64');
  if (typeof value === 'object') return JSON.stringify(value);
  return value;
}

async function dropEverything(sequelize: Sequelize): Promise<void> {
  const tables = await tablesInDependencyOrder(sequelize);
  for (const table of [...tables].reverse()) await sequelize.getQueryInterface().dropTable(table);
  await sequelize.getQueryInterface().dropTable(MIGRATIONS_TABLE);
}

async function hasData(sequelize: Sequelize): Promise<boolean> {
  const tables = await tablesInDependencyOrder(sequelize);
  if (!tables.includes('organizations')) return false;
  const [rows] = await sequelize.query('SELECT COUNT(*) AS n FROM organizations');
  return Number((rows as Array<{ n: number | string }>)[0]?.n ?? 0) > 0;
}

/** Loads a backup into an empty store at the backup's schema version, then applies the newer
 *  migrations of this version. Everything is one transaction: a failed restore leaves nothing. */
export async function restoreStore(sequelize: Sequelize, options: RestoreOptions): Promise<RestoreReport> {
  const header = await readBackupHeader(options.file);
  checkCompatible(header, options.targetSecretKey);
  if (await hasData(sequelize)) {
    if (!options.force) throw new BackupError('The target store already holds data. Restore into an empty data folder or database, or pass --force to replace it.');
    await dropEverything(sequelize);
  }
  const migrator = createMigrator(sequelize);
  const last = header.migrations.at(-1);
  if (last) await migrator.up({ to: last });
  const queryInterface = sequelize.getQueryInterface();
  const rows: Record<string, number> = {};
  await sequelize.transaction(async (transaction) => {
    const columns = new Map<string, Record<string, { type: string }>>();
    let batch: { table: string; rows: Array<Record<string, unknown>> } | null = null;
    const flush = async () => {
      if (batch?.rows.length) await queryInterface.bulkInsert(batch.table, batch.rows, { transaction });
      batch = null;
    };
    let first = true;
    for await (const line of backupLines(options.file)) {
      if (first) {
        first = false;
        continue;
      }
      const { t: table, r: row } = backupRowSchema.parse(JSON.parse(line));
      if (!columns.has(table)) columns.set(table, (await queryInterface.describeTable(table)) as Record<string, { type: string }>);
      const described = columns.get(table)!;
      const converted = Object.fromEntries(Object.entries(row).filter(([k]) => k in described).map(([k, v]) => [k, toColumnValue(v, described[k]!.type)]));
      if (batch && (batch.table !== table || batch.rows.length >= 500)) await flush();
      batch ??= { table, rows: [] };
      batch.rows.push(converted);
      rows[table] = (rows[table] ?? 0) + 1;
    }
    await flush();
    for (const [table, count] of Object.entries(header.tables)) {
      if ((rows[table] ?? 0) !== count) throw new BackupError(`The backup is incomplete: ${table} has ${rows[table] ?? 0} of ${count} rows. Make a new backup.`);
    }
  });
  const upgraded = (await migrator.up()).map((m) => m.name);
  return { header, rows, upgraded, secretKeyToInstall: header.secretKey ? Buffer.from(header.secretKey, 'base64') : null };
}
