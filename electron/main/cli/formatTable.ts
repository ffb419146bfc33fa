import type { QueryResult } from '../../../shared/api/domains/query';

const MAX_CELL = 60;

function cell(value: unknown): string {
  const text = value === null ? 'NULL' : String(value);
  return text.length > MAX_CELL ? `${text.slice(0, MAX_CELL - 1)}…` : text;
}

/** A plain-text table for terminals, numbers right-aligned. */
export function formatTable(result: Pick<QueryResult, 'columns' | 'rows' | 'rowCount' | 'truncated' | 'durationMs'>): string {
  const headers = result.columns.map((c) => (c.masked ? `${c.name} (masked)` : c.name));
  const body = result.rows.map((row) => row.map(cell));
  const widths = headers.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]?.length ?? 0)));
  const numeric = result.columns.map((c) => c.kind === 'number');
  const line = (cells: string[]) => cells.map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' │ ');
  const out = [line(headers), widths.map((w) => '─'.repeat(w)).join('─┼─'), ...body.map(line)];
  const more = result.truncated ? ' (row limit reached)' : '';
  out.push('', `${result.rowCount} row${result.rowCount === 1 ? '' : 's'} in ${result.durationMs} ms${more}`);
  return out.join('\n');
}
