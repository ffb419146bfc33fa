import { Fragment, useCallback, useEffect, useState } from 'react';
import type { ReportRunView, ScheduleView } from '../../../../shared/api/domains/reports';
import { formatRunTime } from '../../../../shared/reports/schedulePreview';
import { ErrorNotice, type ErrorInfo } from '../../app/ui/ErrorNotice';
import { api, describeError } from '../../lib/api';
import { downloadRun } from './download';
import { ScheduleDialog } from './ScheduleDialog';

const STATUS: Record<ReportRunView['status'], { label: string; badge: string }> = {
  running: { label: 'Running', badge: 'badge' }, succeeded: { label: 'Delivered', badge: 'badge badge-ok' },
  failed: { label: 'Failed', badge: 'badge badge-error' }, cancelled: { label: 'Cancelled', badge: 'badge' },
};

function StatusBadge({ status }: { status: ReportRunView['status'] }) {
  return <span className={STATUS[status].badge}>{STATUS[status].label}</span>;
}

/** One schedule's runs, newest first: when, outcome, where each copy went, the error. */
function RunHistory({ schedule, runs, onError }: { schedule: ScheduleView; runs: ReportRunView[] | null; onError: (e: ErrorInfo) => void }) {
  if (runs === null) return <p className="small">Loading runs…</p>;
  if (!runs.length) return <p className="small muted">No runs yet. “Run now” makes one without waiting for the schedule.</p>;
  return (
    <table className="data" aria-label={`Runs of ${schedule.title}`} data-testid="schedule-runs">
      <thead><tr><th>Started</th><th>Status</th><th>Delivered to</th><th>Error</th><th><span className="sr-only">Actions</span></th></tr></thead>
      <tbody>{runs.map((r) => (
        <tr key={r.id} data-status={r.status}>
          <td>{formatRunTime(new Date(r.createdAt), schedule.timezone)}</td>
          <td><StatusBadge status={r.status} /></td>
          <td style={{ whiteSpace: 'normal' }}>{r.deliveries.length ? r.deliveries.map((d) => <div key={`${d.channel}:${d.to}`} className="small">{d.ok ? '✓' : '✗'} {d.channel === 'email' ? 'E-mail' : 'Folder'}: <span className="mono">{d.to}</span>{d.detail ? ` — ${d.detail}` : ''}</div>) : '—'}</td>
          <td style={{ whiteSpace: 'normal' }}>{r.error ?? '—'}</td>
          <td>{r.fileName ? <button className="btn btn-sm" aria-label={`Download the run of ${formatRunTime(new Date(r.createdAt), schedule.timezone)}`} onClick={() => void downloadRun(r.id).catch((e: unknown) => onError(describeError(e)))}>Download</button> : null}</td>
        </tr>
      ))}</tbody>
    </table>
  );
}

/** The report schedules: create, pause/resume, run now, delete, and each one's run history. */
export function SchedulesSection({ onRunsChanged }: { onRunsChanged: () => void }) {
  const [schedules, setSchedules] = useState<ScheduleView[] | null>(null);
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const [runs, setRuns] = useState<ReportRunView[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);

  const load = useCallback(async () => {
    try { setSchedules(await api.call('reports/schedules/list', {})); } catch (e) { setError(describeError(e)); }
  }, []);
  const loadRuns = useCallback(async (id: string) => {
    setRuns(null);
    try { setRuns(await api.call('reports/schedules/runs', { id })); } catch (e) { setError(describeError(e)); }
  }, []);
  useEffect(() => { void load(); }, [load]);
  useEffect(() => { if (open) void loadRuns(open); }, [open, loadRuns]);

  async function act(id: string, work: () => Promise<unknown>) {
    setError(null); setBusy(id);
    try {
      await work();
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(null);
      await load();
      if (open) await loadRuns(open);
      onRunsChanged();
    }
  }

  const runNow = (s: ScheduleView) => act(s.id, async () => { await api.call('reports/schedules/runNow', { id: s.id }); setOpen(s.id); });
  const remove = (s: ScheduleView) => act(s.id, async () => { await api.call('reports/schedules/remove', { id: s.id }); setConfirmDelete(null); if (open === s.id) setOpen(null); });

  return (
    <section className="card card-pad col" aria-labelledby="schedules-heading" style={{ gap: 12 }}>
      <div className="row"><h2 id="schedules-heading" className="grow">Schedules</h2>
        <button className="btn btn-primary" onClick={() => setCreating(true)}>Schedule a report</button></div>
      <p className="small muted">Each run re-runs the report’s queries, renders it and delivers it by e-mail (each recipient sees what their role may see) and/or to a folder.</p>
      {error ? <ErrorNotice error={error} /> : null}
      {schedules === null ? <p>Loading…</p> : schedules.length === 0 ? <p>No schedules yet.</p> : (
        <div className="table-wrap">
          <table className="data" aria-label="Report schedules">
            <thead><tr><th>Report</th><th>When</th><th>Delivers to</th><th>Next run</th><th>Last run</th><th>On</th><th><span className="sr-only">Actions</span></th></tr></thead>
            <tbody>{schedules.map((s) => (
              <Fragment key={s.id}>
                <tr data-testid="schedule-row" data-schedule-id={s.id}>
                  <td>{s.title} <span className="muted small">{s.format.toUpperCase()}</span></td>
                  <td><code>{s.cron}</code> <span className="muted small">{s.timezone}</span></td>
                  <td style={{ whiteSpace: 'normal' }}>{[...s.recipients.map((r) => r.email), ...(s.folder ? [s.folder] : [])].join(', ')}</td>
                  <td>{s.enabled ? (s.nextRunAt ? formatRunTime(new Date(s.nextRunAt), s.timezone) : 'Never again') : 'Paused'}</td>
                  <td style={{ whiteSpace: 'normal' }} data-testid="schedule-last-status">{s.lastStatus ? <><StatusBadge status={s.lastStatus} />{s.lastError ? <div className="field-error">{s.lastError}</div> : null}</> : <span className="muted">Not run yet</span>}</td>
                  <td><input type="checkbox" aria-label={`${s.title}: scheduled runs on`} checked={s.enabled} disabled={busy === s.id} onChange={() => void act(s.id, () => api.call('reports/schedules/update', { id: s.id, enabled: !s.enabled }))} /></td>
                  <td><div className="row" style={{ gap: 6 }}>
                    <button className="btn btn-sm" disabled={busy === s.id} onClick={() => void runNow(s)}>{busy === s.id ? 'Running…' : 'Run now'}</button>
                    <button className="btn btn-sm" aria-expanded={open === s.id} onClick={() => setOpen(open === s.id ? null : s.id)}>History</button>
                    {confirmDelete === s.id
                      ? <><button className="btn btn-sm btn-danger" onClick={() => void remove(s)}>Confirm delete</button><button className="btn btn-sm" onClick={() => setConfirmDelete(null)}>Keep</button></>
                      : <button className="btn btn-sm" disabled={busy === s.id} onClick={() => setConfirmDelete(s.id)}>Delete</button>}
                  </div></td>
                </tr>
                {open === s.id ? <tr><td colSpan={7} style={{ background: 'var(--surface-2)' }}><RunHistory schedule={s} runs={runs} onError={setError} /></td></tr> : null}
              </Fragment>
            ))}</tbody>
          </table>
        </div>
      )}
      {creating ? <ScheduleDialog onClose={() => setCreating(false)} onCreated={() => { setCreating(false); void load(); }} /> : null}
    </section>
  );
}
