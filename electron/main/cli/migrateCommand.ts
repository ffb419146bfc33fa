import fs from 'node:fs';
import { loadConfig } from '../config';
import { createKeyFileSecretBox } from '../security/secrets';
import { createStore } from '../store';
import { parseArgs, flag } from './args';

export async function runMigrateCommand(args: string[]): Promise<number> {
  const parsed = parseArgs(args, { values: ['data-dir', 'database-url'] });
  const config = loadConfig({ ...process.env, ...(flag(parsed, 'data-dir') ? { AISER_DATA_DIR: flag(parsed, 'data-dir') } : {}), ...(flag(parsed, 'database-url') ? { AISER_DATABASE_URL: flag(parsed, 'database-url') } : {}) });
  fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const store = createStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, secrets: createKeyFileSecretBox(config.dataDir) });
  try {
    const applied = await store.init();
    process.stdout.write(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}\n` : 'The store is up to date.\n');
    return 0;
  } finally {
    await store.close();
  }
}
