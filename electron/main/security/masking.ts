import crypto from 'node:crypto';
import type { RequestContext } from '../../../shared/types/auth';
import { roleHas } from '../../../shared/types/permissions';
import type { CellValue, ResultColumn } from '../connectors/types';
import { MASK_HASH_LENGTH, REDACTED, type MaskKey, type MaskStyle } from '../sql/column-masks';

export type { MaskKey, MaskStyle } from '../sql/column-masks';

/** Column names that hold personal data whatever the glossary says. */
const PII_NAME_PATTERNS: Array<[RegExp, MaskStyle]> = [
  [/e[-_]?mail/i, 'partial'],
  [/phone|mobile|fax/i, 'partial'],
  [/(card|cc)[-_]?(number|num|no)|credit[-_]?card|\biban\b/i, 'redact'],
  [/\bssn\b|social[-_]?security|national[-_]?id|passport|tax[-_]?id|\bnino\b/i, 'redact'],
  [/birth[-_]?date|date[-_]?of[-_]?birth|\bdob\b/i, 'redact'],
  [/^(first|last|full|given|family)[-_]?name$/i, 'hash'],
  [/street|address[-_]?line|postcode|zip[-_]?code/i, 'redact'],
];

/** Values that are personal data whatever their column is called. */
const PII_VALUE_PATTERNS: Array<[RegExp, MaskStyle]> = [
  [/^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i, 'partial'],
  // Phone numbers: 9+ digits with phone punctuation, but not dates, times or IPv4 addresses.
  [/^(?!\d{4}-\d{2}-\d{2}|\d{1,3}(?:\.\d{1,3}){3}$)\+?\(?\d[\d\s().-]{7,}\d$/, 'partial'],
  [/^(?:\d[ -]?){13,19}$/, 'redact'],
  [/^\d{3}-\d{2}-\d{4}$/, 'redact'],
];

const sha256Hex = (text: string) => crypto.createHash('sha256').update(text, 'utf8').digest('hex');

/** The keyed hash the databases compute at the source (sql/column-masks.ts), so a value hashed
 *  here (second layer) and one hashed by the database look the same. */
export function keyedMaskHash(key: MaskKey, text: string): string {
  return `#${sha256Hex(key.outer + sha256Hex(key.inner + text)).slice(0, MASK_HASH_LENGTH)}`;
}

/** Values already masked at the source (by the same rules) are left as they are. */
const ALREADY_MASKED = new RegExp(`^(?:#[0-9a-f]{${MASK_HASH_LENGTH}}|${REDACTED}.{0,2}|•••@[^@]*)$`, 'u');

/** Masks one value. Without a key, `hash` redacts: an unkeyed hash is reversed with a list of names. */
export function maskValue(value: CellValue, style: MaskStyle, key?: MaskKey): CellValue {
  if (value === null || value === '') return value;
  const text = String(value);
  if (ALREADY_MASKED.test(text)) return text;
  if (style === 'redact' || (style === 'hash' && !key)) return REDACTED;
  if (style === 'hash') return keyedMaskHash(key!, text);
  const at = text.indexOf('@');
  if (at >= 0) return `•••@${text.slice(at + 1)}`;
  return text.length > 6 ? `${REDACTED}${text.slice(-2)}` : REDACTED;
}

export function styleForColumnName(name: string): MaskStyle | null {
  const base = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : name;
  for (const [pattern, style] of PII_NAME_PATTERNS) if (pattern.test(base)) return style;
  return null;
}

export function styleForValue(value: CellValue): MaskStyle | null {
  if (typeof value !== 'string') return null;
  for (const [pattern, style] of PII_VALUE_PATTERNS) if (pattern.test(value.trim())) return style;
  return null;
}

/** A configured style; 'none' switches off name-based detection for a column (values shaped
 *  like personal data are still masked). */
export type ColumnMaskSetting = MaskStyle | 'none';

export interface MaskingInput {
  columns: ResultColumn[];
  rows: CellValue[][];
  /** Result column names known to come from PII columns (from the glossary and lineage). */
  piiColumns?: ReadonlySet<string>;
  /** Lower-case column name → style, from the organization's policy and from sampled values. */
  columnStyles?: ReadonlyMap<string, ColumnMaskSetting>;
  /** The organization's masking key (keyed hashes); without it hashed values are redacted. */
  hashKey?: MaskKey;
}

/** The style a result column is masked with as a whole, or null when only its values are checked. */
export function styleForColumn(name: string, input: Pick<MaskingInput, 'piiColumns' | 'columnStyles'>): MaskStyle | null {
  const key = name.toLowerCase();
  const configured = input.columnStyles?.get(key);
  if (configured === 'none') return null;
  if (configured) return configured;
  if (input.piiColumns?.has(key)) return styleForColumnName(name) ?? 'partial';
  return styleForColumnName(name);
}

/** The second layer for callers without `pii:see` (the first masks at the source, see
 *  sql/source-rewrite.ts): result columns named like protected ones, and any text value shaped
 *  like an e-mail, phone, card or national-id number, are masked; values already masked stay. */
export function maskResult(ctx: RequestContext, input: MaskingInput): { columns: Array<ResultColumn & { masked?: boolean }>; rows: CellValue[][] } {
  if (roleHas(ctx.role, 'pii:see')) return { columns: input.columns, rows: input.rows };
  const styles = input.columns.map((c) => styleForColumn(c.name, input));
  const maskedColumns = new Set<number>(styles.flatMap((s, i) => (s ? [i] : [])));
  const rows = input.rows.map((row) => row.map((value, i) => {
    const style = styles[i] ?? styleForValue(value);
    if (!style) return value;
    maskedColumns.add(i);
    return maskValue(value, style, input.hashKey);
  }));
  return { columns: input.columns.map((c, i) => (maskedColumns.has(i) ? { ...c, masked: true } : c)), rows };
}

/** Share of sampled values that must look like personal data for the column to count as PII. */
const SAMPLE_PII_SHARE = 0.5;

/** Columns whose sampled values (introspected `distinctValues`) mostly look like personal data. */
export function piiStylesFromSamples(tables: ReadonlyArray<{ columns: ReadonlyArray<{ name: string; distinctValues?: string[] }> }>): Map<string, MaskStyle> {
  const styles = new Map<string, MaskStyle>();
  for (const table of tables) {
    for (const column of table.columns) {
      const samples = (column.distinctValues ?? []).filter((v) => v.trim());
      if (!samples.length) continue;
      const detected = samples.map(styleForValue).filter((s): s is MaskStyle => s !== null);
      if (detected.length / samples.length >= SAMPLE_PII_SHARE) styles.set(column.name.toLowerCase(), detected[0]);
    }
  }
  return styles;
}

/** In free text, digit runs are only treated as personal data when unambiguous: card numbers
 *  must pass the Luhn check and phone numbers must start with '+', so dates, IPs, durations and
 *  epoch timestamps in log lines stay readable. */
const PII_IN_TEXT: Array<[RegExp, MaskStyle, ((match: string) => boolean)?]> = [
  [/[^\s@"'<>(),;:]+@[^\s@"'<>(),;:]+\.[a-z]{2,}/gi, 'partial'],
  [/\b\d(?:[ -]?\d){12,18}\b/g, 'redact', passesLuhn],
  [/\b\d{3}-\d{2}-\d{4}\b/g, 'redact'],
  [/\+\d[\d\s().-]{7,}\d/g, 'partial'],
];

function passesLuhn(candidate: string): boolean {
  const digits = candidate.replace(/\D/g, '');
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** Masks e-mails, card, national-id and phone numbers inside free text (log lines, messages). */
export function maskPiiInText(text: string): string {
  let out = text;
  for (const [pattern, style, accept] of PII_IN_TEXT) {
    out = out.replace(pattern, (match) => (accept && !accept(match) ? match : String(maskValue(match, style))));
  }
  return out;
}

/** Masks sampled column values of a schema for callers without `pii:see` (schema views, prompts). */
export function maskSchemaSamples<T extends { tables: Array<{ columns: Array<{ name: string; distinctValues?: string[] }> }> }>(ctx: RequestContext, schema: T, columnStyles?: ReadonlyMap<string, ColumnMaskSetting>): T {
  if (roleHas(ctx.role, 'pii:see')) return schema;
  const sampled = piiStylesFromSamples(schema.tables);
  return {
    ...schema,
    tables: schema.tables.map((table) => ({
      ...table,
      columns: table.columns.map((column) => {
        if (!column.distinctValues) return column;
        const style = styleForColumn(column.name, { columnStyles }) ?? sampled.get(column.name.toLowerCase()) ?? null;
        const maskOne = (value: string) => {
          const applied = style ?? styleForValue(value);
          return applied ? String(maskValue(value, applied)) : value;
        };
        return { ...column, distinctValues: column.distinctValues.map(maskOne) };
      }),
    })),
  };
}

/** The messages sent to a language model on behalf of a caller without `pii:see`, with personal
 *  data in any text (question, glossary, examples, earlier turns) masked. */
export function maskPromptForRole<T extends { content: string }>(ctx: RequestContext, messages: readonly T[]): T[] {
  if (roleHas(ctx.role, 'pii:see')) return [...messages];
  return messages.map((message) => ({ ...message, content: maskPiiInText(message.content) }));
}

/** A database error shown to a caller without `pii:see`: databases quote offending values
 *  (`invalid input syntax for type integer: "…"`, `could not convert '…'`), so every quoted
 *  value the caller did not write themselves is hidden, as is anything shaped like personal
 *  data. The error keeps its name and code. */
export function maskErrorForRole(ctx: RequestContext, error: unknown, sql: string): unknown {
  if (!(error instanceof Error) || roleHas(ctx.role, 'pii:see')) return error;
  const typed = (value: string) => value.trim() !== '' && sql.includes(value);
  const hideValues = (text: string) => maskPiiInText(text)
    .replace(/'([^'\n]{1,500})'/g, (quoted, value: string) => (typed(value) ? quoted : `'${REDACTED}'`))
    .replace(/"([^"\n]{1,500})"/g, (quoted, value: string) => (typed(value) ? quoted : `"${REDACTED}"`));
  error.message = hideValues(error.message);
  if (error.stack) error.stack = hideValues(error.stack);
  const withHint = error as Error & { hint?: unknown };
  if (typeof withHint.hint === 'string') withHint.hint = hideValues(withHint.hint);
  return error;
}
