import type { ValueFormat } from './spec';

/** Human number formatting: compact for display ($13.9M, 1.2k), exact for hover. */

const CURRENCY = 'USD';
const LOCALE = 'en-US';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function compactNumber(value: number, maxFraction = 1): string {
  const abs = Math.abs(value);
  const units: Array<[number, string]> = [[1e12, 'T'], [1e9, 'B'], [1e6, 'M'], [1e3, 'k']];
  for (const [size, suffix] of units) {
    if (abs >= size * 0.9995) {
      const scaled = value / size;
      return `${trimZeros(scaled.toFixed(Math.abs(scaled) >= 100 ? 0 : maxFraction))}${suffix}`;
    }
  }
  if (Number.isInteger(value)) return String(value);
  return trimZeros(value.toFixed(abs >= 100 ? 0 : abs >= 1 ? 1 : 2));
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

function parseDate(value: string | number): Date | null {
  if (typeof value === 'number') return new Date(value);
  if (!/^\d{4}-\d{2}(-\d{2})?/.test(value)) return null;
  const normalized = /^\d{4}-\d{2}$/.test(value) ? `${value}-01` : value;
  const date = new Date(normalized.length === 10 ? `${normalized}T00:00:00Z` : normalized);
  return Number.isNaN(date.getTime()) ? null : date;
}

function formatDate(value: string | number, format: 'date' | 'month'): string {
  const date = parseDate(value);
  if (!date) return String(value);
  const month = MONTHS[date.getUTCMonth()];
  if (format === 'month') return `${month} ${date.getUTCFullYear()}`;
  return `${month} ${date.getUTCDate()}, ${date.getUTCFullYear()}`;
}

export type Cell = string | number | boolean | null;

/** Compact, human display ("$13.9M", "1.2k", "8.2%", "Apr 2026"). */
export function formatValue(value: Cell | undefined, format: ValueFormat = 'number'): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (format === 'date' || format === 'month') return formatDate(value, format);
  if (format === 'text') return String(value);
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) return String(value);
  switch (format) {
    case 'currency': {
      const sign = n < 0 ? '-' : '';
      return `${sign}$${Math.abs(n) >= 1000 ? compactNumber(Math.abs(n)) : Math.abs(n).toFixed(Math.abs(n) >= 100 || Number.isInteger(n) ? 0 : 2)}`;
    }
    case 'percent':
      return `${trimZeros(n.toFixed(Math.abs(n) >= 100 ? 0 : 1))}%`;
    case 'fraction-percent':
      return `${trimZeros((n * 100).toFixed(Math.abs(n) >= 1 ? 0 : 1))}%`;
    case 'integer':
      return compactNumber(Math.round(n));
    default:
      return compactNumber(n);
  }
}

/** The exact value, for hover and tables ("$13,912,345.67"). */
export function formatExact(value: Cell | undefined, format: ValueFormat = 'number'): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (format === 'date' || format === 'month') return formatDate(value, format);
  if (format === 'text') return String(value);
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) return String(value);
  switch (format) {
    case 'currency':
      return new Intl.NumberFormat(LOCALE, { style: 'currency', currency: CURRENCY, maximumFractionDigits: 2 }).format(n);
    case 'percent':
      return `${new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 2 }).format(n)}%`;
    case 'fraction-percent':
      return `${new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 2 }).format(n * 100)}%`;
    default:
      return new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 4 }).format(n);
  }
}

/** A delta as text that does not rely on colour: "▲ 8.2%" / "▼ 3.1%" / "— 0%". */
export function formatDelta(delta: number, format: ValueFormat = 'fraction-percent'): { arrow: '▲' | '▼' | '—'; text: string; direction: 'up' | 'down' | 'flat' } {
  const direction = delta > 0 ? 'up' : delta < 0 ? 'down' : 'flat';
  const arrow = direction === 'up' ? '▲' : direction === 'down' ? '▼' : '—';
  return { arrow, direction, text: `${arrow} ${formatValue(Math.abs(delta), format)}` };
}

const CURRENCY_NAME = /(revenue|sales|amount|price|cost|profit|spend|income|gmv|arr|mrr|value|total_usd|usd|margin_amount)/i;
const PERCENT_NAME = /(percent|pct|_rate$|^rate|share|ratio|margin$|conversion)/i;
const COUNT_NAME = /(count|^n_|number_of|qty|quantity|orders|customers|units)/i;

/** Picks a display format from a column's name, kind and sample values. */
export function inferFormat(name: string, kind: string, sample: readonly Cell[] = []): ValueFormat {
  if (kind === 'date' || kind === 'datetime') return /month/i.test(name) ? 'month' : 'date';
  const strings = sample.filter((v): v is string => typeof v === 'string');
  if (kind !== 'number' && strings.length && strings.every((s) => /^\d{4}-\d{2}(-\d{2})?/.test(s))) {
    return strings.every((s) => /^\d{4}-\d{2}(-01)?$/.test(s.slice(0, 10)) || /month/i.test(name)) ? 'month' : 'date';
  }
  if (kind !== 'number' && !sample.every((v) => v === null || typeof v === 'number')) return 'text';
  if (PERCENT_NAME.test(name)) {
    const numbers = sample.filter((v): v is number => typeof v === 'number');
    return numbers.length && numbers.every((v) => Math.abs(v) <= 1) ? 'fraction-percent' : 'percent';
  }
  if (CURRENCY_NAME.test(name)) return 'currency';
  if (COUNT_NAME.test(name)) return 'integer';
  return 'number';
}

const MONTH = '(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)';
const title = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

/** "total_revenue" → "Total revenue"; periods as people write them: "revenue_jan_jun_2026" → "Revenue Jan–Jun 2026", "q3_2025" → "Q3 2025". */
export function humanizeColumn(name: string): string {
  const spaced = name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').trim().toLowerCase()
    .replace(new RegExp(`\\b${MONTH} ${MONTH}\\b`, 'g'), (_m, a: string, b: string) => `${title(a)}–${title(b)}`)
    .replace(new RegExp(`\\b${MONTH}(?= (?:19|20)\\d{2}\\b)`, 'g'), (m) => title(m))
    .replace(/\bq([1-4])\b/g, 'Q$1');
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}
