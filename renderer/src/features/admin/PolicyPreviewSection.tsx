import { useCallback, useState } from 'react';
import type { ResponseOf } from '../../../../shared/api/contract';
import { ROLES, type Role } from '../../../../shared/types/auth';
import { ErrorNotice, type ErrorInfo } from '../../app/ui/ErrorNotice';
import { api } from '../../lib/api';
import { useSources } from '../../stores/sources';
import { attempt, useLoad } from './useCall';

type Preview = ResponseOf<'policies/preview'>;
const PREVIEW_ROWS = 20;

/** "What will this role or person see?": the server runs the table as them, with the saved
 *  masking and row rules applied exactly as their own queries are. */
export function PolicyPreviewSection() {
  const { sources, selectedId } = useSources();
  const schema = useLoad(useCallback(() => (selectedId ? api.call('sources/schema', { id: selectedId }) : Promise.resolve(null)), [selectedId]));
  const people = useLoad(useCallback(() => api.call('users/list', {}), []));
  const [who, setWho] = useState<string>('role:viewer');
  const [table, setTable] = useState('');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [running, setRunning] = useState(false);
  const tables = schema.data?.tables ?? [];
  const shown = tables.find((t) => t.name === table) ?? tables[0];

  const run = async () => {
    if (!selectedId || !shown) return;
    const [kind, value] = who.split(':');
    setRunning(true);
    setPreview(null);
    await attempt(async () => setPreview(await api.call('policies/preview', {
      sourceId: selectedId, table: shown.name, limit: PREVIEW_ROWS, ...(kind === 'role' ? { role: value as Role } : { userId: value }),
    })), setError);
    setRunning(false);
  };

  return (
    <section className="card card-pad col" style={{ gap: 10 }} aria-labelledby="preview-title">
      <h3 id="preview-title">Preview: what a role or person will see</h3>
      <div className="row" style={{ flexWrap: 'wrap' }}>
        <div className="field"><label htmlFor="preview-as">Preview as</label>
          <select id="preview-as" className="select" value={who} onChange={(e) => setWho(e.target.value)}>
            <optgroup label="Role">{ROLES.map((r) => <option key={r} value={`role:${r}`}>{r}</option>)}</optgroup>
            <optgroup label="Person">{(people.data ?? []).map((p) => <option key={p.id} value={`user:${p.id}`}>{p.name} ({p.role})</option>)}</optgroup>
          </select></div>
        <div className="field"><label htmlFor="preview-table">Table of {sources.find((s) => s.id === selectedId)?.name ?? 'the selected source'}</label>
          <select id="preview-table" className="select" value={shown?.name ?? ''} onChange={(e) => setTable(e.target.value)}>{tables.map((t) => <option key={t.name} value={t.name}>{t.name}</option>)}</select></div>
        <button type="button" className="btn" style={{ alignSelf: 'flex-end' }} disabled={!shown || running} onClick={() => void run()}>{running ? 'Running…' : 'Show preview'}</button>
      </div>
      {!shown ? <p className="muted">Pick a data source at the top to preview its tables.</p> : null}
      {error ? <ErrorNotice error={error} /> : null}
      {preview ? (
        <>
          <p className="muted small" role="status">
            {preview.truncated ? `The first ${preview.rowCount} rows` : `All ${preview.rowCount} row${preview.rowCount === 1 ? '' : 's'}`} that {preview.viewedAs.name ?? `the role ${preview.viewedAs.role}`} sees
            {preview.columns.some((c) => c.masked) ? `; masked: ${preview.columns.filter((c) => c.masked).map((c) => c.name).join(', ')}` : '; nothing masked'}.
          </p>
          <div style={{ overflowX: 'auto' }}>
            <table className="data" aria-label={`What ${preview.viewedAs.name ?? preview.viewedAs.role} sees of ${shown?.name ?? 'the table'}`}>
              <thead><tr>{preview.columns.map((c) => <th key={c.name} scope="col">{c.name}{c.masked ? ' (masked)' : ''}</th>)}</tr></thead>
              <tbody>{preview.rows.map((row, i) => <tr key={i}>{row.map((cell, j) => <td key={j}>{cell === null ? '' : String(cell)}</td>)}</tr>)}</tbody>
            </table>
          </div>
        </>
      ) : null}
    </section>
  );
}
