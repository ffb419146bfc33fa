import type { Dialect } from '../../../shared/types/schema';
import { isNode } from './ast';
import type { Segment } from './lexer';
import { markSyntaxForParser, restoreSyntax } from './parser-syntax';
import { inlineNamedWindows } from './parser-named-windows';
import { markWindowFrames, restoreWindowFrames } from './parser-window-frames';

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

/** SQLite's grammar in node-sql-parser only reads `OVER (PARTITION BY …)`: a window without
 *  partitions gets `PARTITION BY NULL`, one partition holding every row — the same window. */
const SQLITE_UNPARTITIONED_WINDOW = /(^|[^A-Za-z0-9_$])(over\s*\(\s*)(?!partition\b)/gi;

/** Standard `OFFSET n ROWS FETCH FIRST m ROWS ONLY`, which PostgreSQL and DuckDB run exactly
 *  as `LIMIT m OFFSET n` (the only form the grammar reads). */
const FETCH_FIRST: ReadonlyArray<[RegExp, string]> = [
  [/\boffset\s+(\d+)\s+rows?\s+fetch\s+(?:first|next)\s+(\d+)\s+rows?\s+only\b/gi, 'LIMIT $2 OFFSET $1'],
  [/\bfetch\s+(?:first|next)\s+(\d+)\s+rows?\s+only\b/gi, 'LIMIT $1'],
  [/\bfetch\s+(?:first|next)\s+rows?\s+only\b/gi, 'LIMIT 1'],
];

/** Code segments made readable for the dialect's grammar without changing their meaning
 *  (literals untouched): unparseable function names renamed, SQLite windows partitioned,
 *  FETCH FIRST written as LIMIT, window frames and analytic syntax marked (`parser-window-frames.ts`,
 *  `parser-syntax.ts`). */
export function aliasForParser(segments: readonly Segment[], dialect: Dialect): Segment[] {
  const names = UNPARSEABLE_FUNCTIONS[dialect];
  const pattern = names.length ? new RegExp(`(^|[^A-Za-z0-9_$.])(${names.join('|')})(\\s*\\()`, 'gi') : null;
  const windowed = dialect === 'sqlite' ? inlineNamedWindows(segments) : segments;
  return markWindowFrames(windowed, dialect).map((s) => {
    if (s.kind !== 'code') return s;
    let text = pattern ? s.text.replace(pattern, `$1${PREFIX}$2$3`) : s.text;
    if (dialect === 'sqlite') text = text.replace(SQLITE_UNPARTITIONED_WINDOW, '$1$2PARTITION BY NULL ');
    if (dialect === 'postgres' || dialect === 'duckdb') for (const [pattern, replacement] of FETCH_FIRST) text = text.replace(pattern, replacement);
    return { kind: 'code', text: markSyntaxForParser(text, dialect) };
  });
}

/** Renames aliased function calls back to their real names and restores marked syntax, in place. */
export function restoreAliases(value: unknown, dialect: Dialect): void {
  restoreWindowFrames(value, dialect);
  restoreSyntax(value, dialect);
  restoreFunctionNames(value);
}

function restoreFunctionNames(value: unknown): void {
  if (Array.isArray(value)) {
    value.forEach(restoreFunctionNames);
    return;
  }
  if (!isNode(value)) return;
  if (value.type === 'function' && isNode(value.name) && Array.isArray(value.name.name)) {
    for (const part of value.name.name) {
      if (isNode(part) && typeof part.value === 'string' && part.value.toLowerCase().startsWith(PREFIX)) part.value = part.value.slice(PREFIX.length);
    }
  }
  for (const child of Object.values(value)) restoreFunctionNames(child);
}
