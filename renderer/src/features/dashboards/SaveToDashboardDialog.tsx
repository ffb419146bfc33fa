import { useEffect, useState } from 'react';
import type { ChartSpec } from '../../../../shared/charts/spec';
import { Dialog } from '../../app/ui/Dialog';
import { ErrorNotice, type ErrorInfo } from '../../app/ui/ErrorNotice';
import { api, describeError } from '../../lib/api';
import { hrefOf } from '../../stores/route';

interface SaveProps {
  projectId: string;
  sourceId: string;
  question?: string;
  /** A chat answer to save (the server reads its SQL) — or, on the SQL page, the SQL itself. */
  what: { answerId: string } | { sql: string };
  chart: ChartSpec;
  onClose: () => void;
}

const NEW = '__new__';
/** How often a widget re-runs its query while its dashboard is open. */
const REFRESH_CHOICES = [
  { value: 'on-open', label: 'When the dashboard opens', policy: { mode: 'on-open' } },
  { value: '15', label: 'Every 15 minutes', policy: { mode: 'interval', intervalMinutes: 15 } },
  { value: '60', label: 'Every hour', policy: { mode: 'interval', intervalMinutes: 60 } },
] as const;

/** Pick a dashboard (or name a new one) and save the answer on it as a widget. */
export function SaveToDashboardDialog({ projectId, sourceId, question, what, chart, onClose }: SaveProps) {
  const [dashboards, setDashboards] = useState<Array<{ id: string; name: string }> | null>(null);
  const [target, setTarget] = useState(NEW);
  const [newName, setNewName] = useState('My dashboard');
  const [title, setTitle] = useState(chart.title);
  const [refresh, setRefresh] = useState<(typeof REFRESH_CHOICES)[number]['value']>('on-open');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [saved, setSaved] = useState<{ id: string; name: string } | null>(null);

  useEffect(() => {
    api.call('dashboards/list', { projectId }).then((list) => {
      setDashboards(list);
      if (list.length) setTarget(list[0].id);
    }).catch((e) => { setDashboards([]); setError(describeError(e)); });
  }, [projectId]);

  async function save() {
    setBusy(true);
    setError(null);
    try {
      const dashboard = target === NEW ? await api.call('dashboards/create', { projectId, name: newName.trim() || 'My dashboard' }) : { id: target, name: dashboards?.find((d) => d.id === target)?.name ?? '' };
      const updated = await api.call('dashboards/addWidget', { dashboardId: dashboard.id, title: title.trim() || chart.title, sourceId, question, ...what, chart, refresh: REFRESH_CHOICES.find((c) => c.value === refresh)!.policy });
      setSaved({ id: updated.id, name: updated.name });
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title="Save to dashboard" onClose={onClose}>
      {saved ? (
        <>
          <p role="status">Saved to <strong>{saved.name}</strong>.</p>
          <div className="row"><div className="spacer" /><button className="btn" onClick={onClose}>Close</button>
            <a className="btn btn-primary" href={hrefOf({ page: 'dashboards', id: saved.id })} onClick={onClose} style={{ textDecoration: 'none' }}>Open dashboard</a></div>
        </>
      ) : (
        <>
          <div className="field"><label htmlFor="widget-title">Widget title</label><input id="widget-title" className="input" value={title} onChange={(e) => setTitle(e.target.value)} /></div>
          <div className="field"><label htmlFor="widget-dashboard">Dashboard</label>
            <select id="widget-dashboard" className="select" value={target} onChange={(e) => setTarget(e.target.value)} disabled={!dashboards}>
              {(dashboards ?? []).map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
              <option value={NEW}>New dashboard…</option>
            </select></div>
          <div className="field"><label htmlFor="widget-refresh">Refresh</label>
            <select id="widget-refresh" className="select" value={refresh} onChange={(e) => setRefresh(e.target.value as typeof refresh)}>
              {REFRESH_CHOICES.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
            </select></div>
          {target === NEW ? <div className="field"><label htmlFor="new-dashboard">New dashboard name</label><input id="new-dashboard" className="input" value={newName} onChange={(e) => setNewName(e.target.value)} /></div> : null}
          {error ? <ErrorNotice error={error} /> : null}
          <div className="row"><div className="spacer" /><button className="btn" onClick={onClose}>Cancel</button>
            <button className="btn btn-primary" onClick={() => void save()} disabled={busy || !dashboards}>{busy ? 'Saving…' : 'Save widget'}</button></div>
        </>
      )}
    </Dialog>
  );
}
