import crypto from 'node:crypto';
import type { RequestContext } from '../../../shared/types/auth';
import { roleHas } from '../../../shared/types/permissions';
import type { CellValue, ResultColumn } from '../connectors/types';

export type MaskStyle = 'hash' | 'partial' | 'redact';

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
  [/^\+?\d[\d\s().-]{7,}\d$/, 'partial'],
  [/^(?:\d[ -]?){13,19}$/, 'redact'],
  [/^\d{3}-\d{2}-\d{4}$/, 'redact'],
];

export function maskValue(value: CellValue, style: MaskStyle): CellValue {
  if (value === null || value === '') return value;
  const text = String(value);
  if (style === 'redact') return '••••';
  if (style === 'hash') return `#${crypto.createHash('sha256').update(text).digest('hex').slice(0, 8)}`;
  const at = text.indexOf('@');
  if (at > 0) return `${text[0]}•••${text.slice(at)}`;
  return text.length <= 4 ? '••••' : `••••${text.slice(-2)}`;
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

export interface MaskingInput {
  columns: ResultColumn[];
  rows: CellValue[][];
  /** Result column names known to come from PII columns (from the glossary and lineage). */
  piiColumns?: ReadonlySet<string>;
}

/** Masks personal data for callers without `pii:see`: glossary PII columns, PII-looking column
 *  names, and any text value shaped like an e-mail, phone, card or national-id number. */
export function maskResult(ctx: RequestContext, input: MaskingInput): { columns: Array<ResultColumn & { masked?: boolean }>; rows: CellValue[][] } {
  if (roleHas(ctx.role, 'pii:see')) return { columns: input.columns, rows: input.rows };
  const styles = input.columns.map((c) => (input.piiColumns?.has(c.name.toLowerCase()) ? 'partial' : styleForColumnName(c.name)) as MaskStyle | null);
  const maskedColumns = new Set<number>(styles.flatMap((s, i) => (s ? [i] : [])));
  const rows = input.rows.map((row) => row.map((value, i) => {
    const style = styles[i] ?? styleForValue(value);
    if (!style) return value;
    maskedColumns.add(i);
    return maskValue(value, style);
  }));
  return { columns: input.columns.map((c, i) => (maskedColumns.has(i) ? { ...c, masked: true } : c)), rows };
}
