import { useCallback, useEffect, useState } from 'react';
import type { ReportRunView } from '../../../../shared/api/domains/reports';
import { ErrorNotice, type ErrorInfo } from '../../app/ui/ErrorNotice';
import { api, describeError } from '../../lib/api';
import { useSession } from '../../stores/session';
import { downloadRun } from './download';
import { SchedulesSection } from './SchedulesSection';

const STATUS: Record<ReportRunView['status'], string> = { running: 'Rendering…', succeeded: 'Ready', failed: 'Failed', cancelled: 'Cancelled' };

/** History of generated reports (download, cancel) and, for people who may schedule, the report schedules. */
export function ReportsPage() {
  const [runs, setRuns] = useState<ReportRunView[] | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const canSchedule = useSession((s) => s.user?.permissions.includes('reports:schedule') ?? false);

  const load = useCallback(async () => {
    try { setRuns(await api.call('reports/list', {})); } catch (e) { setError(describeError(e)); }
  }, []);
  useEffect(() => { void load(); }, [load]);

  const act = (work: () => Promise<unknown>) => () => void work().then(load, (e: unknown) => setError(describeError(e)));

  return (
    <div className="page">
      <div className="page-header"><div className="grow col" style={{ gap: 2 }}><h1>Reports</h1>
        <p>Board-ready PDF, PowerPoint and HTML reports. Create one from a dashboard, a conversation, an answer or the Insights view (“Create report”).</p></div>
        <button className="btn" onClick={() => void load()}>Refresh</button></div>
      {error ? <ErrorNotice error={error} /> : null}
      {canSchedule ? <SchedulesSection onRunsChanged={() => void load()} /> : null}
      <section className="card card-pad col" aria-labelledby="history-heading" style={{ gap: 12 }}><h2 id="history-heading">History</h2>
        {runs === null ? <p>Loading…</p> : runs.length === 0 ? <p>No reports yet.</p> : (
          <div className="table-wrap">
            <table className="data" aria-label="Generated reports"><thead><tr><th>Report</th><th>Format</th><th>Audience</th><th>Status</th><th>Created</th><th><span className="sr-only">Actions</span></th></tr></thead>
              <tbody>{runs.map((r) => (
                <tr key={r.id}><td>{r.title}{r.scheduleId ? <span className="muted small"> (scheduled)</span> : ''}</td><td>{r.format.toUpperCase()}</td><td>{r.audience}</td>
                  <td style={{ whiteSpace: 'normal' }}>{STATUS[r.status]}{r.error ? ` — ${r.error}` : ''}</td><td>{new Date(r.createdAt).toLocaleString()}</td>
                  <td>{r.status === 'succeeded' ? <button className="btn btn-sm" onClick={act(() => downloadRun(r.id))}>Download</button> : null}
                    {r.status === 'running' ? <button className="btn btn-sm" onClick={act(() => api.call('reports/cancel', { runId: r.id }))}>Cancel</button> : null}</td></tr>
              ))}</tbody></table>
          </div>
        )}
      </section>
    </div>
  );
}
