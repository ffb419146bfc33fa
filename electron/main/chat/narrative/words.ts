/** How an answer names things: figures in one consistent style ($10.0M, 13.7k, 47%), measures and
 *  breakdowns by their business names ("region", not "Region name"), deltas with ▲/▼. */
import { formatValue, humanizeColumn, type ColumnProfile, type ResultLike } from '../../../../shared/charts';
import type { ValueFormat } from '../../../../shared/charts/spec';

export type Row = ResultLike['rows'][number];

export function numberAt(row: Row | undefined, index: number): number | null {
  const value = row?.[index];
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : null;
}

/** Compact figures keep one decimal so values side by side read alike ("$4.0M" next to "$4.2M"). */
export function figure(value: number | null, format: ValueFormat): string {
  if (value === null) return '—';
  if ((format === 'currency' || format === 'number' || format === 'integer') && Math.abs(value) >= 999.5) {
    const units: Array<[number, string]> = [[1e12, 'T'], [1e9, 'B'], [1e6, 'M'], [1e3, 'k']];
    const [size, suffix] = units.find(([s]) => Math.abs(value) >= s * 0.9995) ?? [1, ''];
    const scaled = Math.abs(value) / size;
    const text = `${scaled.toFixed(scaled >= 99.95 ? 0 : 1)}${suffix}`;
    return `${value < 0 ? '-' : ''}${format === 'currency' ? '$' : ''}${text}`;
  }
  return formatValue(value, format);
}

/** A cell as shown in a sentence (dates as "Jan 2025", text as stored). */
export function cellText(row: Row, profile: ColumnProfile): string {
  if (profile.role === 'measure') return figure(numberAt(row, profile.index), profile.format);
  return formatValue(row[profile.index] ?? null, profile.format === 'month' || profile.format === 'date' ? profile.format : 'text');
}

/** "▲ 8.2%" / "▼ 3.1%" / "unchanged". */
export function delta(current: number | null, previous: number | null): { text: string; change: number } | undefined {
  if (current === null || previous === null || previous === 0) return undefined;
  const change = (current - previous) / Math.abs(previous);
  if (Math.abs(change) < 0.0005) return { text: 'unchanged', change: 0 };
  return { text: `${change > 0 ? '▲' : '▼'} ${formatValue(Math.abs(change), 'fraction-percent')}`, change };
}

/** "region_name" → "region", "customer_name" → "customer", "order_date" → "order date". */
export function columnWords(name: string): string {
  const words = humanizeColumn(name).toLowerCase();
  const stripped = words.replace(/ (name|label|title|desc|description)$/, '');
  return stripped || words;
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "regions" for a breakdown's plural in "5 regions". */
export function plural(word: string, n: number): string {
  if (n === 1) return word;
  if (/(s|x|ch|sh)$/.test(word)) return `${word}es`;
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  return `${word}s`;
}

/** Measures that cannot be added up across groups (averages, rates, shares). */
export const NON_ADDITIVE = /avg|average|mean|median|rate|ratio|percent|pct|share|margin|per_|_per|growth/i;
