/** What the held-out fixture generators share: a deterministic generator, the date span, a
 *  foreign-key clause that can be left out, and a fresh SQLite file in a temp dir. */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface FixtureDatabase { file: string; cleanup: () => void }

export const fk = (declared: boolean, ref: string) => (declared ? ` REFERENCES ${ref}` : '');

/** Park–Miller style generator: the same file every run. */
export function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 48271) % 2147483647;
    return s / 2147483647;
  };
}

const START = Date.UTC(2023, 0, 1);
export const DAYS = Math.round((Date.UTC(2026, 5, 30) - START) / 86_400_000);
export const dayIso = (d: number) => new Date(START + d * 86_400_000).toISOString().slice(0, 10);

/** Creates `<name>.sqlite` in a fresh temp dir and lets `fill` write it. */
export function writeFixtureDatabase(name: string, fill: (db: Database.Database) => void): FixtureDatabase {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `aiser-nl2sql-${name}-`));
  const file = path.join(dir, `${name}.sqlite`);
  const db = new Database(file);
  try {
    fill(db);
  } finally {
    db.close();
  }
  return { file, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
