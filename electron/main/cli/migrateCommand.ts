import { createMigrator } from '../store/migrations';
import { flag, parseArgs, UsageError } from './args';
import { openStoreDatabase, storeConfig } from './storeTarget';

/** `aiser migrate` applies pending migrations; `--status` lists them; `--down N` reverts the last N. */
export async function runMigrateCommand(args: string[]): Promise<number> {
  const parsed = parseArgs(args, { values: ['data-dir', 'database-url', 'down'], booleans: ['status'] });
  const down = flag(parsed, 'down');
  if (down !== undefined && !/^[1-9]\d*$/.test(down)) throw new UsageError('--down needs how many migrations to revert, e.g. --down 1.');
  const { sequelize } = await openStoreDatabase(storeConfig(parsed));
  try {
    const migrator = createMigrator(sequelize);
    if (parsed.flags.status === true) {
      const [executed, pending] = await Promise.all([migrator.executed(), migrator.pending()]);
      for (const m of executed) process.stdout.write(`applied  ${m.name}\n`);
      for (const m of pending) process.stdout.write(`pending  ${m.name}\n`);
      process.stdout.write(pending.length ? `${pending.length} pending: run "aiser migrate" to apply.\n` : 'The store is up to date.\n');
      return 0;
    }
    if (down !== undefined) {
      const reverted = await migrator.down({ step: Number(down) });
      process.stdout.write(reverted.length ? `Reverted ${reverted.length} migration(s): ${reverted.map((m) => m.name).join(', ')}\n` : 'Nothing to revert.\n');
      return 0;
    }
    const applied = await migrator.up();
    process.stdout.write(applied.length ? `Applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}\n` : 'The store is up to date.\n');
    return 0;
  } finally {
    await sequelize.close();
  }
}
