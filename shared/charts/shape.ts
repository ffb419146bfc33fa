import { type Cell, inferFormat } from './format';
import type { ValueFormat } from './spec';

export interface ResultColumn { name: string; kind: string }
export interface ResultLike { columns: readonly ResultColumn[]; rows: readonly (readonly Cell[])[] }

export type ColumnRole = 'time' | 'measure' | 'category' | 'identifier';
export interface ColumnProfile {
  name: string;
  index: number;
  role: ColumnRole;
  format: ValueFormat;
  distinct: number;
}

const TIME_NAME = /(^|_)(date|day|week|month|quarter|year|period|time|timestamp|created_at|ordered_at)($|_)/i;
const ID_NAME = /(^id$|_id$|^id_|uuid|zip|postal|phone)/i;
const DATE_TEXT = /^\d{4}-\d{2}(-\d{2})?([T ][\d:.]+Z?)?$/;
const SAMPLE = 200;

function isNumericColumn(kind: string, values: readonly Cell[]): boolean {
  if (kind === 'number') return true;
  const present = values.filter((v) => v !== null);
  return present.length > 0 && present.every((v) => typeof v === 'number');
}

/** Classifies each column of a result as time, measure, category or identifier. */
export function profileColumns(result: ResultLike): ColumnProfile[] {
  const sampleRows = result.rows.slice(0, SAMPLE);
  return result.columns.map((column, index) => {
    const values = sampleRows.map((row) => row[index] ?? null);
    const distinct = new Set(values.map((v) => String(v))).size;
    const strings = values.filter((v): v is string => typeof v === 'string');
    const dateLike = column.kind === 'date' || column.kind === 'datetime' || (strings.length > 0 && strings.every((s) => DATE_TEXT.test(s)));
    const numeric = isNumericColumn(column.kind, values);
    let role: ColumnRole;
    if (dateLike) role = 'time';
    else if (numeric && TIME_NAME.test(column.name) && values.every((v) => v === null || (typeof v === 'number' && Number.isInteger(v) && v > 1900 && v < 2200))) role = 'time';
    else if (numeric && ID_NAME.test(column.name)) role = 'identifier';
    else if (numeric) role = 'measure';
    else role = 'category';
    const format = role === 'time' && numeric ? 'text' : inferFormat(column.name, dateLike ? 'date' : column.kind, values);
    return { name: column.name, index, role, format, distinct };
  });
}

/** Numeric values of one column (nulls and non-numbers skipped). */
export function numbersOf(result: ResultLike, index: number): number[] {
  const out: number[] = [];
  for (const row of result.rows) {
    const v = row[index];
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
    if (Number.isFinite(n)) out.push(n);
  }
  return out;
}

/** Pearson correlation coefficient (NaN when undefined). */
export function pearson(xs: readonly number[], ys: readonly number[]): number {
  const n = Math.min(xs.length, ys.length);
  if (n < 3) return NaN;
  let sx = 0, sy = 0;
  for (let i = 0; i < n; i++) { sx += xs[i]; sy += ys[i]; }
  const mx = sx / n, my = sy / n;
  let cov = 0, vx = 0, vy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i] - mx, dy = ys[i] - my;
    cov += dx * dy; vx += dx * dx; vy += dy * dy;
  }
  return vx === 0 || vy === 0 ? NaN : cov / Math.sqrt(vx * vy);
}
