import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIALECTS, type Dialect } from '../../../../shared/types/schema';

/** One corpus statement for one dialect. */
export interface CorpusEntry {
  dialect: Dialect;
  sql: string;
  /** Why the group's statements are hostile (hostile corpus only). */
  why?: string;
}

interface CorpusGroup {
  dialects: Dialect[] | 'all';
  why?: string;
  sql: string[];
}

/** Expands a corpus file (`legit.json` or `hostile.json`): each statement × each listed dialect. */
export function loadCorpus(name: 'legit' | 'hostile'): CorpusEntry[] {
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), `${name}.json`);
  const { groups } = JSON.parse(fs.readFileSync(file, 'utf8')) as { groups: CorpusGroup[] };
  return groups.flatMap((group) => {
    const dialects = group.dialects === 'all' ? [...DIALECTS] : group.dialects;
    return group.sql.flatMap((sql) => dialects.map((dialect) => ({ dialect, sql, why: group.why })));
  });
}

/** The tables the corpus runs against; anything else (e.g. `secrets`, `users`) is off limits. */
export const CORPUS_ALLOWED_TABLES: ReadonlySet<string> = new Set(['customers', 'orders', 'products']);
