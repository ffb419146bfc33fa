import { spawnSync } from 'node:child_process';
import path from 'node:path';

const DUMP_SCRIPT = `
const Database = require('better-sqlite3');
const db = new Database(process.argv[1], { readonly: true });
const out = {};
for (const { name } of db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all()) {
  out[name] = db.prepare('SELECT * FROM "' + name.replace(/"/g, '""') + '"').all();
}
process.stdout.write(JSON.stringify(out));
`;

/** Every row of every table of a data folder's store, read by a separate process: two SQLite
 *  libraries in one process would break each other's file locks. */
export function dumpStore(dataDir: string): Record<string, Array<Record<string, unknown>>> {
  const run = spawnSync(process.execPath, ['-e', DUMP_SCRIPT, path.join(dataDir, 'aiser.sqlite')], {
    encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, cwd: path.resolve(import.meta.dirname, '..', '..'),
  });
  if (run.status !== 0) throw new Error(`could not read the store: ${run.stderr}`);
  return JSON.parse(run.stdout) as Record<string, Array<Record<string, unknown>>>;
}
