import type { ColumnKind } from '../../../../shared/types/schema';

/** Ordered: the first pattern matching a lower-cased type name decides its kind. */
const KIND_PATTERNS: ReadonlyArray<readonly [RegExp, ColumnKind]> = [
  [/^(bool|boolean)$/, 'boolean'],
  [/^tinyint\(1\)/, 'boolean'],
  [/timestamp|datetime/, 'datetime'],
  [/^date$/, 'date'],
  [/^(interval|time)\b/, 'other'],
  [/int|serial|numeric|decimal|real|double|float|money|number|year/, 'number'],
  [/char|text|string|clob|enum|uuid|citext|name|set\(/, 'text'],
];

/** Maps a database's type name (any dialect) onto the app's column kinds. */
export function kindFromTypeName(typeName: string | null | undefined): ColumnKind {
  const normalized = (typeName ?? '').trim().toLowerCase();
  if (!normalized) return 'other';
  for (const [pattern, kind] of KIND_PATTERNS) if (pattern.test(normalized)) return kind;
  return 'other';
}
