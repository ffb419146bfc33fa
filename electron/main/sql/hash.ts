import { createHash } from 'node:crypto';

/**
 * Stable SHA-256 (hex) of a statement for lineage and audit: whitespace runs collapse and
 * keywords/unquoted names outside literals and quoted names are lower-cased, so formatting does
 * not matter. Hash the guarded SQL (already canonical) for the most stable result.
 */
export function sqlHash(sql: string): string {
  return createHash('sha256').update(normaliseForHash(sql)).digest('hex');
}

export function normaliseForHash(sql: string): string {
  return sql
    .trim()
    .replace(/;+\s*$/, '')
    .split(/('(?:[^']|'')*'|"(?:[^"]|"")*")/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/\s+/g, ' ').toLowerCase()))
    .join('');
}
