import type { ColumnKind } from '../../../shared/types/schema';
import type { CellValue } from './types';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);

/** Integers beyond 2^53 cannot be represented exactly as JS numbers, so they travel as strings. */
export function safeInteger(value: bigint | string): number | string {
  const big = typeof value === 'bigint' ? value : BigInt(value);
  return big <= MAX_SAFE && big >= MIN_SAFE ? Number(big) : big.toString();
}

/** Normalises a driver's date/time text to ISO 8601 (`2024-01-31`, `2024-01-31T10:00:00`). */
export function isoDateTimeText(text: string): string {
  return text.includes(' ') ? text.replace(' ', 'T') : text;
}

function isoFromDate(value: Date, kind: ColumnKind): string {
  if (Number.isNaN(value.getTime())) return String(value);
  const iso = value.toISOString();
  return kind === 'date' ? iso.slice(0, 10) : iso;
}

/** Converts any driver value into a JSON-safe cell (numbers stay numbers, dates ISO strings). */
export function toCellValue(value: unknown, kind: ColumnKind = 'other'): CellValue {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'number':
      if (kind === 'boolean') return value !== 0; // MySQL BOOLEAN is TINYINT(1)
      return Number.isFinite(value) ? value : String(value);
    case 'boolean':
      return value;
    case 'bigint':
      return safeInteger(value);
    case 'string':
      return kind === 'number' ? numberFromText(value) : kind === 'datetime' ? isoDateTimeText(value) : value;
  }
  if (value instanceof Date) return isoFromDate(value, kind);
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  return JSON.stringify(value, (_key, inner: unknown) => (typeof inner === 'bigint' ? inner.toString() : inner));
}

/** Numeric text from a driver (PostgreSQL `numeric`/`int8`, MySQL `DECIMAL`/`BIGINT`). */
export function numberFromText(text: string): number | string {
  if (/^-?\d+$/.test(text)) return safeInteger(text);
  const parsed = Number(text);
  return Number.isNaN(parsed) ? text : parsed;
}
