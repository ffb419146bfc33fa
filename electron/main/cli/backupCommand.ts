import fs from 'node:fs';
import { APP_VERSION } from '../api/handlers/system';
import { backupStore, BackupError, restoreStore } from '../store/backup';
import { flag, parseArgs, UsageError } from './args';
import { openStoreDatabase, readSecretKey, secretKeyPath, storeConfig } from './storeTarget';

const STORE_FLAGS = ['data-dir', 'database-url'] as const;

/** `aiser backup --out FILE [--include-secret-key]`: a consistent copy of the running store. */
export async function runBackupCommand(args: string[]): Promise<number> {
  const parsed = parseArgs(args, { values: ['out', ...STORE_FLAGS], booleans: ['include-secret-key'] });
  const out = flag(parsed, 'out');
  if (!out) throw new UsageError('aiser backup --out FILE [--include-secret-key] [--data-dir D | --database-url U]');
  const config = storeConfig(parsed);
  const { sequelize, dialect } = await openStoreDatabase(config);
  try {
    const includeSecretKey = parsed.flags['include-secret-key'] === true;
    const header = await backupStore(sequelize, dialect, { out, appVersion: APP_VERSION, secretKey: readSecretKey(config), includeSecretKey });
    const rows = Object.values(header.tables).reduce((a, b) => a + b, 0);
    process.stdout.write(`Backed up ${rows} rows from ${Object.keys(header.tables).length} tables (${dialect}, schema ${header.migrations.at(-1) ?? 'empty'}) to ${out}.\n`);
    process.stdout.write(includeSecretKey
      ? 'The secret key is inside this backup: keep the file as safe as the key itself.\n'
      : `The secret key is not inside: keep a copy of ${secretKeyPath(config)} to read stored passwords after a restore.\n`);
    return 0;
  } finally {
    await sequelize.close();
  }
}

/** `aiser restore FILE [--force]`: loads a backup into an empty store, then upgrades it. */
export async function runRestoreCommand(args: string[]): Promise<number> {
  const parsed = parseArgs(args, { values: [...STORE_FLAGS], booleans: ['force'] });
  const file = parsed.positional[0];
  if (!file) throw new UsageError('aiser restore FILE [--force] [--data-dir D | --database-url U]');
  const config = storeConfig(parsed);
  const { sequelize } = await openStoreDatabase(config);
  try {
    const report = await restoreStore(sequelize, { file, force: parsed.flags.force === true, targetSecretKey: readSecretKey(config) });
    if (report.secretKeyToInstall) fs.writeFileSync(secretKeyPath(config), report.secretKeyToInstall, { mode: 0o600 });
    const rows = Object.values(report.rows).reduce((a, b) => a + b, 0);
    process.stdout.write(`Restored ${rows} rows into ${Object.keys(report.rows).length} tables from a backup of ${report.header.createdAt}.\n`);
    if (report.upgraded.length) process.stdout.write(`Upgraded the restored store: ${report.upgraded.join(', ')}.\n`);
    if (report.header.secretKeyFingerprint && !report.secretKeyToInstall && !readSecretKey(config)) {
      process.stdout.write(`Copy secret.key from the original data folder to ${secretKeyPath(config)} before starting Aiser, or stored passwords cannot be read.\n`);
    }
    return 0;
  } catch (error) {
    if (error instanceof BackupError) {
      process.stderr.write(`aiser restore: ${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await sequelize.close();
  }
}
