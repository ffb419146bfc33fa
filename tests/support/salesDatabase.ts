import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';

/** A throwaway SQLite file with a `sales` table, for unit tests of pool/execute. */
export function makeSalesDatabase(): { file: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiser-connectors-unit-'));
  const file = path.join(dir, 'sales.sqlite');
  const db = new Database(file);
  db.exec("CREATE TABLE sales (id INTEGER PRIMARY KEY, region TEXT, amount REAL); INSERT INTO sales (region, amount) VALUES ('EU', 10), ('US', 20), ('EU', 5)");
  db.close();
  return { file, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
