import type { Dialect } from '../../../shared/types/schema';

/** How a protected column is shown to people without PII access. */
export type MaskStyle = 'hash' | 'partial' | 'redact';

/** One column of a protected table, in the table's own order; `mask` null passes it through. */
export interface SourceColumn {
  name: string;
  mask: MaskStyle | null;
}

/** The secret of a keyed hash (hex strings): `#` + sha256(outer ‖ sha256(inner ‖ value)), cut. */
export interface MaskKey {
  outer: string;
  inner: string;
}

/**
 * Masking applied at the source: every reference to one of `tables` (lower-case `table` name)
 * is replaced by a projection of all its columns with the protected ones masked, so nothing in
 * the statement — expressions, filters, joins, whole-row references, errors — sees a raw value.
 */
export interface ColumnMasking {
  tables: ReadonlyMap<string, readonly SourceColumn[]>;
  key: MaskKey;
}

/** Hex digits of the keyed hash that are shown (64 bits: collisions stay negligible for BI counts). */
export const MASK_HASH_LENGTH = 16;
export const REDACTED = '••••';
const TEXT_TYPE: Readonly<Record<Exclude<Dialect, 'mysql'>, string>> = { postgres: 'TEXT', duckdb: 'VARCHAR', sqlite: 'TEXT' };

export interface KeyLiterals {
  outer: string;
  inner: string;
}

/**
 * SQL text of `column` (already quoted) masked in `style` for the dialect; NULL stays NULL.
 * Partial keeps only an e-mail's domain or the last two characters of a longer value — computed
 * at the source, so no `substr` or cast can shift it back. SQLite has no hash function: its
 * hashed columns are redacted. `keys` are SQL string literals (placeholders until execution).
 */
export function maskedColumnSql(dialect: Dialect, column: string, style: MaskStyle, keys: KeyLiterals): string {
  // MySQL reads the column as it is: a CAST would give the connection's collation, which a
  // UNION with the table's other text columns refuses as an illegal mix of collations.
  const text = dialect === 'mysql' ? column : `CAST(${column} AS ${TEXT_TYPE[dialect]})`;
  const masked = style === 'redact' ? `'${REDACTED}'` : style === 'partial' ? partialSql(dialect, text) : hashSql(dialect, text, keys);
  return `CASE WHEN ${column} IS NULL THEN NULL ELSE ${masked} END`;
}

function partialSql(dialect: Dialect, text: string): string {
  switch (dialect) {
    case 'mysql':
      return `CASE WHEN LOCATE('@', ${text}) > 0 THEN CONCAT('•••@', SUBSTRING_INDEX(${text}, '@', -1)) WHEN CHAR_LENGTH(${text}) > 6 THEN CONCAT('${REDACTED}', RIGHT(${text}, 2)) ELSE '${REDACTED}' END`;
    case 'sqlite':
      return `CASE WHEN instr(${text}, '@') > 0 THEN '•••@' || substr(${text}, instr(${text}, '@') + 1) WHEN length(${text}) > 6 THEN '${REDACTED}' || substr(${text}, -2) ELSE '${REDACTED}' END`;
    default:
      return `CASE WHEN strpos(${text}, '@') > 0 THEN '•••@' || split_part(${text}, '@', 2) WHEN length(${text}) > 6 THEN '${REDACTED}' || right(${text}, 2) ELSE '${REDACTED}' END`;
  }
}

function hashSql(dialect: Dialect, text: string, keys: KeyLiterals): string {
  switch (dialect) {
    case 'postgres': {
      const sha = (input: string) => `encode(sha256(convert_to(${input}, 'UTF8')), 'hex')`;
      return `'#' || substr(${sha(`${keys.outer} || ${sha(`${keys.inner} || ${text}`)}`)}, 1, ${MASK_HASH_LENGTH})`;
    }
    case 'duckdb':
      return `'#' || substr(sha256(${keys.outer} || sha256(${keys.inner} || ${text})), 1, ${MASK_HASH_LENGTH})`;
    case 'mysql':
      return `CONCAT('#', SUBSTRING(SHA2(CONCAT(${keys.outer}, SHA2(CONCAT(${keys.inner}, ${text}), 256)), 256), 1, ${MASK_HASH_LENGTH}))`;
    case 'sqlite':
      return `'${REDACTED}'`;
  }
}
