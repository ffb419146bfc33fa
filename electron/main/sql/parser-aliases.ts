import type { Dialect } from '../../../shared/types/schema';
import { isNode } from './ast';
import type { Segment } from './lexer';

/**
 * Ordinary functions the dialect's grammar in node-sql-parser does not accept as calls (it
 * reads the name as a keyword), refused as syntax errors although the server runs them. Before
 * parsing they are renamed to a prefixed name the grammar reads as a plain call, and renamed
 * back in the AST, so the checks see — and the server runs — the real function.
 */
const UNPARSEABLE_FUNCTIONS: Readonly<Record<Dialect, readonly string[]>> = {
  mysql: ['variance', 'std'],
  postgres: [],
  duckdb: [],
  sqlite: [],
};
const PREFIX = 'aiser_fn_';

/** Code segments with the dialect's unparseable function names renamed (literals untouched). */
export function aliasForParser(segments: readonly Segment[], dialect: Dialect): Segment[] {
  const names = UNPARSEABLE_FUNCTIONS[dialect];
  if (names.length === 0) return [...segments];
  const pattern = new RegExp(`(^|[^A-Za-z0-9_$.])(${names.join('|')})(\\s*\\()`, 'gi');
  return segments.map((s) => (s.kind === 'code' ? { kind: 'code', text: s.text.replace(pattern, `$1${PREFIX}$2$3`) } : s));
}

/** Renames aliased function calls back to their real names, in place. */
export function restoreAliases(value: unknown): void {
  if (Array.isArray(value)) {
    value.forEach(restoreAliases);
    return;
  }
  if (!isNode(value)) return;
  if (value.type === 'function' && isNode(value.name) && Array.isArray(value.name.name)) {
    for (const part of value.name.name) {
      if (isNode(part) && typeof part.value === 'string' && part.value.toLowerCase().startsWith(PREFIX)) part.value = part.value.slice(PREFIX.length);
    }
  }
  for (const child of Object.values(value)) restoreAliases(child);
}
