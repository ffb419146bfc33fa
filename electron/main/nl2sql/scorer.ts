/** Execution accuracy (as in Spider/BIRD): the prediction's result holds the gold result — same
 *  row count and, for every gold column, a prediction column with the same values row for row
 *  (multiset of rows, or ordered list when the gold query is ordered). Numbers round to 2 decimals. */

export type Cell = string | number | bigint | boolean | null | Date | Uint8Array;

export interface ResultTable {
  columns: string[];
  rows: Cell[][];
}

/** Canonical text of a cell: numbers (also numeric strings) rounded to 2 decimals. */
export function normaliseCell(v: Cell): string {
  if (v === null || v === undefined) return '∅';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'boolean') return v ? '1' : '0';
  const text = typeof v === 'number' ? v : String(v);
  const n = typeof text === 'number' ? text : /^-?\d+(\.\d+)?(e[-+]?\d+)?$/i.test(text.trim()) ? Number(text) : NaN;
  if (!Number.isNaN(n)) {
    const r = Math.round(n * 100) / 100;
    return Object.is(r, -0) ? '0' : String(r);
  }
  return String(v);
}

function columnValues(t: ResultTable, c: number): string[] {
  return t.rows.map((row) => normaliseCell(row[c]));
}

/**
 * True when `predicted` holds `gold`. Unordered results are compared after sorting rows of the
 * gold columns; the matching of gold columns to prediction columns is searched (small widths).
 */
export function resultsMatch(gold: ResultTable, predicted: ResultTable, ordered: boolean): boolean {
  if (gold.rows.length !== predicted.rows.length) return false;
  if (gold.rows.length === 0) return true;
  const goldCols = gold.columns.map((_c, i) => columnValues(gold, i));
  const predCols = predicted.columns.map((_c, i) => columnValues(predicted, i));
  const candidates = goldCols.map((g) => predCols.map((_p, j) => j).filter((j) => sameMultiset(g, predCols[j])));
  if (candidates.some((c) => c.length === 0)) return false;
  const assign = (gi: number, used: number[]): boolean => {
    if (gi === goldCols.length) return rowsAgree(goldCols, used.map((j) => predCols[j]), ordered);
    return candidates[gi].some((j) => !used.includes(j) && assign(gi + 1, [...used, j]));
  };
  return assign(0, []);
}

function sameMultiset(a: string[], b: string[]): boolean {
  const sa = [...a].sort();
  const sb = [...b].sort();
  return sa.every((v, i) => v === sb[i]);
}

function rowsAgree(gold: string[][], pred: string[][], ordered: boolean): boolean {
  const n = gold[0]?.length ?? 0;
  const rowKey = (cols: string[][], i: number) => JSON.stringify(cols.map((c) => c[i]));
  const g = Array.from({ length: n }, (_x, i) => rowKey(gold, i));
  const p = Array.from({ length: n }, (_x, i) => rowKey(pred, i));
  if (ordered) return g.every((k, i) => k === p[i]);
  const sg = [...g].sort();
  const sp = [...p].sort();
  return sg.every((k, i) => k === sp[i]);
}
