import { type FormEvent, useCallback, useState } from 'react';
import { ErrorNotice } from '../../app/ui/ErrorNotice';
import { api } from '../../lib/api';
import { download } from '../../lib/tableExport';
import { attempt, useLoad } from './useCall';

const today = () => new Date().toISOString().slice(0, 10);

/** Alerts (acknowledge, resolve), their rules, and the compliance report for a period. */
export function AlertsTab() {
  const [status, setStatus] = useState<'open' | 'resolved' | 'all'>('open');
  const alerts = useLoad(useCallback(() => api.call('alerts/list', { status }), [status]));
  const rules = useLoad(useCallback(() => api.call('alertRules/list', {}), []));
  const [period, setPeriod] = useState({ from: today().slice(0, 8) + '01', to: today() });
  const act = async (action: () => Promise<unknown>) => { if (await attempt(action, alerts.setError)) alerts.reload(); };

  async function exportReport(event: FormEvent) {
    event.preventDefault();
    await attempt(async () => { const file = await api.call('compliance/export', period); download(file.content, file.filename, 'text/csv'); }, alerts.setError);
  }

  async function exportPdf() {
    await attempt(async () => {
      const file = await api.call('compliance/exportPdf', period);
      download(Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0)), file.filename, file.mimeType);
    }, alerts.setError);
  }

  return (
    <div className="col" style={{ gap: 16 }}>
      <div className="row">
        <label className="row">Show
          <select className="select" value={status} onChange={(e) => setStatus(e.target.value as typeof status)} aria-label="Which alerts">
            <option value="open">Open</option><option value="resolved">Resolved</option><option value="all">All</option></select></label>
      </div>
      {alerts.error ? <ErrorNotice error={alerts.error} /> : null}
      {alerts.data && alerts.data.length === 0 ? <p className="muted">No {status === 'all' ? '' : status} alerts.</p> : null}
      <ul className="col plain-list" style={{ gap: 8 }} aria-label="Alerts">
        {(alerts.data ?? []).map((a) => (
          <li key={a.id} className="card card-pad row" style={{ gap: 10, flexWrap: 'wrap' }}>
            <span className={`badge ${a.severity === 'critical' ? 'badge-error' : ''}`}>{a.severity}</span>
            <span className="grow">{a.message}<br /><span className="muted small">{new Date(a.createdAt).toLocaleString()} · {a.status}</span></span>
            {a.status === 'open' ? <button type="button" className="btn btn-sm" onClick={() => void act(() => api.call('alerts/acknowledge', { id: a.id }))}>Acknowledge</button> : null}
            {a.status !== 'resolved' ? <button type="button" className="btn btn-sm" onClick={() => void act(() => api.call('alerts/resolve', { id: a.id }))}>Resolve</button> : null}
          </li>
        ))}
      </ul>
      <section className="card card-pad col" style={{ gap: 8 }} aria-labelledby="rules-title">
        <h3 id="rules-title">Alert rules</h3>
        <table className="data" aria-label="Alert rules">
          <thead><tr><th scope="col">Rule</th><th scope="col">Fires when</th><th scope="col">Severity</th><th scope="col">On</th></tr></thead>
          <tbody>{(rules.data ?? []).map((r) => (
            <tr key={r.id}>
              <td>{r.name}</td>
              <td className="small">{r.builtIn ? `${r.condition.count ?? 1} × within ${r.condition.windowMinutes} min` : `${r.condition.aggregate} of ${r.metric} ${r.condition.op} ${r.condition.threshold} over ${r.condition.windowMinutes} min`}</td>
              <td>{r.condition.severity}</td>
              <td><input type="checkbox" aria-label={`${r.name} on`} checked={r.enabled} onChange={(e) => void attempt(() => api.call('alertRules/save', { id: r.id, name: r.name, metric: r.metric, enabled: e.target.checked, condition: r.condition }), rules.setError).then(rules.reload)} /></td>
            </tr>
          ))}</tbody>
        </table>
      </section>
      <form className="card card-pad row" style={{ gap: 10, flexWrap: 'wrap' }} onSubmit={exportReport} aria-label="Compliance report">
        <h3 style={{ width: '100%' }}>Compliance report</h3>
        <div className="field"><label htmlFor="report-from">From</label><input id="report-from" className="input" type="date" value={period.from} onChange={(e) => setPeriod({ ...period, from: e.target.value })} /></div>
        <div className="field"><label htmlFor="report-to">To</label><input id="report-to" className="input" type="date" value={period.to} onChange={(e) => setPeriod({ ...period, to: e.target.value })} /></div>
        <button className="btn btn-primary" type="submit" style={{ alignSelf: 'flex-end' }}>Export compliance CSV</button>
        <button className="btn" type="button" style={{ alignSelf: 'flex-end' }} onClick={() => void exportPdf()}>Export compliance PDF</button>
      </form>
    </div>
  );
}
