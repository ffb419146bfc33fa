// Reads `series.csv` (header `t,value`; t a YYYY-MM-DD date or an integer index) for `aiser analyze`,
// with errors that name the file line to fix.
import { parseIsoDate } from '../analytics/series/time';
import { UsageError } from './args';

export interface SeriesCsv {
  times: Array<string | number>;
  values: number[];
}

function cells(line: string): string[] {
  return line.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1').trim());
}

const MISSING = new Set(['', 'na', 'n/a', 'nan', 'null', 'none', '-']);

export function parseSeriesCsv(text: string, file: string): SeriesCsv {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  while (lines.length && !lines[lines.length - 1].trim()) lines.pop();
  if (!lines.length) throw new UsageError(`${file} is empty; it needs a header "t,value" and one line per period.`);
  const header = cells(lines[0]).map((c) => c.toLowerCase());
  if (header.length !== 2 || header[0] !== 't' || header[1] !== 'value') {
    throw new UsageError(`${file} line 1: the header must be "t,value" (got "${lines[0].trim()}").`);
  }
  const times: Array<string | number> = [];
  const values: number[] = [];
  let kind: 'date' | 'index' | null = null;
  let previous: { key: number; line: number; text: string } | null = null;
  for (let i = 1; i < lines.length; i++) {
    const line = i + 1;
    const raw = lines[i];
    if (!raw.trim()) throw new UsageError(`${file} line ${line} is empty; remove it or give the period's value.`);
    const row = cells(raw);
    if (row.length !== 2) throw new UsageError(`${file} line ${line}: expected 2 columns (t,value), found ${row.length}.`);
    const [t, v] = row;
    const date = parseIsoDate(t);
    const isIndex = /^[+-]?\d+$/.test(t);
    if (date === null && !isIndex) throw new UsageError(`${file} line ${line}: t "${t}" is neither a YYYY-MM-DD date nor an integer index.`);
    const thisKind = date !== null ? 'date' : 'index';
    if (kind && thisKind !== kind) throw new UsageError(`${file} line ${line}: t "${t}" is ${thisKind === 'date' ? 'a date' : 'an index'} but earlier lines use ${kind === 'date' ? 'dates' : 'indexes'}; use one kind.`);
    kind = thisKind;
    if (MISSING.has(v.toLowerCase())) throw new UsageError(`${file} line ${line}: the value for ${t} is missing; fill it in or drop the period.`);
    const value = Number(v);
    if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(v) || !Number.isFinite(value)) throw new UsageError(`${file} line ${line}: value "${v}" is not a number.`);
    const key = date ?? Number(t);
    if (previous && key === previous.key) throw new UsageError(`${file} line ${line}: t ${t} duplicates line ${previous.line}; give one value per period.`);
    if (previous && key < previous.key) throw new UsageError(`${file} line ${line}: t ${t} comes before ${previous.text} on line ${previous.line}; sort the file by t.`);
    previous = { key, line, text: t };
    times.push(date !== null ? t : Number(t));
    values.push(value);
  }
  return { times, values };
}
