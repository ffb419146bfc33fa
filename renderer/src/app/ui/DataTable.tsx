import { useEffect, useMemo, useState } from 'react';
import { formatExact, inferFormat } from '../../../../shared/charts/format';
import type { ResultLike } from '../../../../shared/charts/shape';

const PAGE_SIZES = [25, 50, 100];

/** A paged result table (client-side paging); numbers right-aligned with exact values. */
export function DataTable({ result, label = 'Result rows', pageSize: initialSize = 25 }: { result: ResultLike; label?: string; pageSize?: number }) {
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(initialSize);
  useEffect(() => setPage(0), [result]);
  const formats = useMemo(
    () => result.columns.map((c, i) => inferFormat(c.name, c.kind, result.rows.slice(0, 50).map((r) => r[i] ?? null))),
    [result],
  );
  // The size in use is always one of the choices, so the selector says what the table shows.
  const sizes = [...new Set([initialSize, ...PAGE_SIZES])].sort((a, b) => a - b);
  const pages = Math.max(1, Math.ceil(result.rows.length / pageSize));
  const start = page * pageSize;
  const rows = result.rows.slice(start, start + pageSize);
  const numeric = result.columns.map((c, i) => c.kind === 'number' || formats[i] === 'currency' || formats[i] === 'integer');
  // Identifiers and codes read as written: no thousands separators.
  const identifier = result.columns.map((c) => /(^id$|_id$|^id_|code$|zip|year$)/i.test(c.name));

  return (
    <div className="col" style={{ gap: 0 }}>
      <div className="table-wrap" style={{ maxHeight: 520 }} tabIndex={0} role="region" aria-label={`${label} (scrollable)`}>
        <table className="data" aria-label={label} data-testid="result-table">
          <thead><tr>{result.columns.map((c, i) => <th key={i} scope="col" className={numeric[i] ? 'num' : undefined}>{c.name}</th>)}</tr></thead>
          <tbody>
            {rows.map((row, r) => (
              <tr key={start + r}>
                {row.map((cell, i) => (
                  <td key={i} className={numeric[i] ? 'num' : undefined}>
                    {cell === null ? <span className="muted">null</span> : identifier[i] ? String(cell) : formats[i] === 'currency' || formats[i] === 'integer' || formats[i] === 'number' ? formatExact(cell, formats[i] === 'currency' ? 'number' : formats[i]) : String(cell)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="pager" aria-label="Pages">
        <span className="muted small" aria-live="polite" data-testid="pager-status">
          {result.rows.length ? `Rows ${start + 1}–${Math.min(start + pageSize, result.rows.length)} of ${result.rows.length.toLocaleString('en-US')}` : 'No rows'}
        </span>
        <div className="spacer" />
        <label className="row small muted">Rows per page
          <select className="select" style={{ width: 84 }} value={pageSize} onChange={(e) => { setPageSize(Number(e.target.value)); setPage(0); }}>
            {sizes.map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        </label>
        <button className="btn btn-sm" onClick={() => setPage(page - 1)} disabled={page === 0} aria-label="Previous page">Previous</button>
        <span className="small">Page {page + 1} of {pages}</span>
        <button className="btn btn-sm" onClick={() => setPage(page + 1)} disabled={page >= pages - 1} aria-label="Next page">Next</button>
      </div>
    </div>
  );
}
