import type { ResponseOf } from '../../../../shared/api/contract';
import { useCallback, useState } from 'react';
import { ErrorNotice } from '../../app/ui/ErrorNotice';
import { api } from '../../lib/api';
import { download } from '../../lib/tableExport';
import { attempt, useLoad } from './useCall';

type Verdict = ResponseOf<'audit/verify'>;

/** Audit log: filter by action, export, verify the chain with one click. */
export function AuditTab() {
  const [action, setAction] = useState('');
  const [applied, setApplied] = useState('');
  const page = useLoad(useCallback(() => api.call('audit/list', { limit: 200, ...(applied ? { action: applied } : {}) }), [applied]));
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const people = useLoad(useCallback(() => api.call('users/list', {}), []));
  const who = (id: string) => people.data?.find((p) => p.id === id)?.email ?? (id === 'system' ? 'Aiser' : id);

  return (
    <div className="col" style={{ gap: 12 }}>
      <div className="row" style={{ flexWrap: 'wrap' }}>
        <form className="row" onSubmit={(e) => { e.preventDefault(); setApplied(action.trim()); }} aria-label="Filter the audit log">
          <div className="field"><label htmlFor="audit-action">Action</label><input id="audit-action" className="input" value={action} onChange={(e) => setAction(e.target.value)} placeholder="auth.sign_in" /></div>
          <button className="btn" type="submit" style={{ alignSelf: 'flex-end' }}>Filter</button>
        </form>
        <div className="spacer" />
        <button type="button" className="btn" onClick={() => void attempt(async () => setVerdict(await api.call('audit/verify', {})), page.setError)}>Verify the audit chain</button>
        <button type="button" className="btn" onClick={() => void attempt(async () => { const file = await api.call('audit/export', { format: 'csv' }); download(file.content, file.filename, 'text/csv'); }, page.setError)}>Export CSV</button>
      </div>
      {verdict ? (
        <div role="status" className={verdict.ok ? 'alert' : 'alert alert-error'}>
          {verdict.ok ? `The audit chain verifies: ${verdict.count} events, ${verdict.checkpoints} signed checkpoints.` : `The audit chain does not verify: ${verdict.reason}`}
        </div>
      ) : null}
      {page.error ? <ErrorNotice error={page.error} /> : null}
      <div className="table-wrap" tabIndex={0} role="region" aria-label="Audit events (scrollable)">
        <table className="data" aria-label="Audit events">
          <thead><tr><th scope="col">#</th><th scope="col">When</th><th scope="col">Who</th><th scope="col">Action</th><th scope="col">Target</th></tr></thead>
          <tbody>{(page.data?.events ?? []).slice().reverse().map((e) => (
            <tr key={e.seq}><td>{e.seq}</td><td>{new Date(e.at).toLocaleString()}</td><td className="small">{who(e.actorId)}</td><td><code>{e.action}</code></td><td className="small">{e.target ?? ''}</td></tr>
          ))}</tbody>
        </table>
      </div>
    </div>
  );
}
