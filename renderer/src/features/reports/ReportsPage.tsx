import { useCallback, useEffect, useState } from 'react';
import type { ReportRunView, ScheduleView } from '../../../../shared/api/domains/reports';
import { ErrorNotice, type ErrorInfo } from '../../app/ui/ErrorNotice';
import { api, describeError } from '../../lib/api';
import { useSession } from '../../stores/session';
import { downloadRun } from './download';

const STATUS: Record<ReportRunView['status'], string> = { running: 'Rendering…', succeeded: 'Ready', failed: 'Failed', cancelled: 'Cancelled' };

/** History of generated reports (download, cancel) and the report schedules. */
export function ReportsPage() {
  const [runs, setRuns] = useState<ReportRunView[] | null>(null);
  const [schedules, setSchedules] = useState<ScheduleView[]>([]);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const canSchedule = useSession((s) => s.user?.permissions.includes('reports:schedule') ?? false);

  const load = useCallback(async () => {
    try {
      setRuns(await api.call('reports/list', {}));
      if (canSchedule) setSchedules(await api.call('reports/schedules/list', {}));
    } catch (e) { setError(describeError(e)); }
  }, [canSchedule]);
  useEffect(() => { void load(); }, [load]);

  const act = (work: () => Promise<unknown>) => () => void work().then(load, (e: unknown) => setError(describeError(e)));

  return (
    <div className="page">
      <div className="page-header"><div className="grow col" style={{ gap: 2 }}><h1>Reports</h1>
        <p>Board-ready PDF, PowerPoint and HTML reports. Create one from a dashboard, a conversation or an answer (“Create report”).</p></div>
        <button className="btn" onClick={() => void load()}>Refresh</button></div>
      {error ? <ErrorNotice error={error} /> : null}
      <section className="card"><h2>History</h2>
        {runs === null ? <p>Loading…</p> : runs.length === 0 ? <p>No reports yet.</p> : (
          <table className="table"><thead><tr><th>Report</th><th>Format</th><th>Audience</th><th>Status</th><th>Created</th><th /></tr></thead>
            <tbody>{runs.map((r) => (
              <tr key={r.id}><td>{r.title}{r.scheduleId ? ' (scheduled)' : ''}</td><td>{r.format.toUpperCase()}</td><td>{r.audience}</td>
                <td title={r.error ?? undefined}>{STATUS[r.status]}{r.error ? ` — ${r.error}` : ''}</td><td>{new Date(r.createdAt).toLocaleString()}</td>
                <td>{r.status === 'succeeded' ? <button className="btn btn-sm" onClick={act(() => downloadRun(r.id))}>Download</button> : null}
                  {r.status === 'running' ? <button className="btn btn-sm" onClick={act(() => api.call('reports/cancel', { runId: r.id }))}>Cancel</button> : null}</td></tr>
            ))}</tbody></table>
        )}
      </section>
      {canSchedule ? (
        <section className="card"><h2>Schedules</h2>
          {schedules.length === 0 ? <p>No schedules. Schedules are created through the API or `aiser report`; they deliver by e-mail and to a folder.</p> : (
            <table className="table"><thead><tr><th>Report</th><th>When (cron)</th><th>Delivers to</th><th>Next run</th><th /></tr></thead>
              <tbody>{schedules.map((s) => (
                <tr key={s.id}><td>{s.title} ({s.format.toUpperCase()})</td><td><code>{s.cron}</code> {s.timezone}</td>
                  <td>{[...s.recipients.map((r) => r.email), ...(s.folder ? [s.folder] : [])].join(', ')}</td>
                  <td>{s.enabled ? (s.nextRunAt ? new Date(s.nextRunAt).toLocaleString() : '—') : 'Paused'}</td>
                  <td><button className="btn btn-sm" onClick={act(() => api.call('reports/schedules/runNow', { id: s.id }))}>Run now</button>
                    <button className="btn btn-sm" onClick={act(() => api.call('reports/schedules/update', { id: s.id, enabled: !s.enabled }))}>{s.enabled ? 'Pause' : 'Resume'}</button>
                    <button className="btn btn-sm" onClick={act(() => api.call('reports/schedules/remove', { id: s.id }))}>Delete</button></td></tr>
              ))}</tbody></table>
          )}
        </section>
      ) : null}
    </div>
  );
}
