import fs from 'node:fs';
import path from 'node:path';
import type { Sequelize } from 'sequelize';
import { loadConfig, type AppConfig } from '../config';
import { SECRET_KEY_FILE } from '../security/secrets';
import { openSequelize, prepareConnection, type StoreDialect } from '../store/connection';
import { flag, type ParsedArgs } from './args';

/** The store a maintenance command works on: --data-dir / --database-url, else the environment. */
export function storeConfig(parsed: ParsedArgs): AppConfig {
  return loadConfig({
    ...process.env,
    ...(flag(parsed, 'data-dir') ? { AISER_DATA_DIR: flag(parsed, 'data-dir') } : {}),
    ...(flag(parsed, 'database-url') ? { AISER_DATABASE_URL: flag(parsed, 'database-url') } : {}),
  });
}

export async function openStoreDatabase(config: AppConfig): Promise<{ sequelize: Sequelize; dialect: StoreDialect }> {
  fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const opened = openSequelize({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await prepareConnection(opened.sequelize, opened.dialect);
  return opened;
}

export function secretKeyPath(config: AppConfig): string {
  return path.join(config.dataDir, SECRET_KEY_FILE);
}

export function readSecretKey(config: AppConfig): Buffer | null {
  const file = secretKeyPath(config);
  return fs.existsSync(file) ? fs.readFileSync(file) : null;
}
