import fs from 'node:fs';
import path from 'node:path';
import type { SourceConfig } from '../connectors/types';

const SQLITE_EXTENSIONS = new Set(['.sqlite', '.sqlite3', '.db', '.db3']);

/** A `--source` that is a URL or a path rather than a saved source id; null when it is an id. */
export function adHocSourceConfig(source: string): SourceConfig | null {
  if (/^postgres(ql)?:\/\//i.test(source)) return { type: 'postgres', url: source };
  if (/^(mysql|mariadb):\/\//i.test(source)) return { type: 'mysql', url: source.replace(/^mariadb:/i, 'mysql:') };
  if (/^https?:\/\//i.test(source)) return { type: 'rest', url: source };
  const looksLikePath = source.includes('/') || source.includes('\\') || path.extname(source) !== '';
  if (!looksLikePath && !fs.existsSync(source)) return null;
  const resolved = path.resolve(source);
  if (!fs.existsSync(resolved)) throw new Error(`No file or folder at ${resolved}.`);
  if (SQLITE_EXTENSIONS.has(path.extname(resolved).toLowerCase())) return { type: 'sqlite', path: resolved };
  return { type: 'files', path: resolved };
}
