import { useEffect, useState } from 'react';
import type { ExecutiveSummary, StoredInsight } from '../../../../shared/api/domains/insights';
import type { InsightWindow } from '../../../../shared/reports/insightsPeriod';
import { ErrorNotice } from '../../app/ui/ErrorNotice';
import { api, describeError } from '../../lib/api';
import { isTechnical, useSession } from '../../stores/session';
import { useSelectedSource } from '../../stores/sources';
import { CreateReportDialog } from '../reports/CreateReportDialog';
import { InsightCard } from './InsightCard';

const SUMMARY_DAYS = 90;
const REPORT_WINDOWS: Record<InsightWindow, string> = { 'last-30-days': 'Last 30 days', 'last-month': 'Last month', 'last-7-days': 'Last 7 days', 'month-to-date': 'Month to date' };

type Listed = StoredInsight & { times: number };

/** The same finding asked for again (same kind and headline) is listed once, newest first. */
function distinct(list: StoredInsight[]): Listed[] {
  const out = new Map<string, Listed>();
  for (const stored of list) {
    const key = `${stored.insight.kind}|${stored.insight.headline}`;
    const seen = out.get(key);
    if (seen) seen.times += 1;
    else out.set(key, { ...stored, times: 1 });
  }
  return [...out.values()];
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The project's stored insights, newest first, under an executive summary of the last 90 days. */
export function InsightsPage() {
  const source = useSelectedSource();
  const technical = isTechnical(useSession((s) => s.user));
  const projectId = source?.projectId ?? null;
  const [insights, setInsights] = useState<Listed[] | null>(null);
  const [summary, setSummary] = useState<ExecutiveSummary | null>(null);
  const [error, setError] = useState<ReturnType<typeof describeError> | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const canReport = useSession((s) => Boolean(s.user?.permissions.includes('export')));
  const [reportWindow, setReportWindow] = useState<InsightWindow>('last-30-days');
  const [reporting, setReporting] = useState(false);

  useEffect(() => {
    if (!projectId) return;
    const to = new Date();
    const from = new Date(to.getTime() - SUMMARY_DAYS * 86_400_000);
    Promise.all([api.call('insights/list', { projectId, limit: 100 }), api.call('insights/summary', { projectId, from: isoDay(from), to: isoDay(to) })])
      .then(([list, brief]) => { setInsights(distinct(list)); setSummary(brief); setError(null); })
      .catch((e) => setError(describeError(e)));
  }, [projectId]);

  return (
    <div className="page col" style={{ gap: 16, maxWidth: 1100 }}>
      <div className="row" style={{ gap: 10, flexWrap: 'wrap', alignItems: 'center' }}>
        <h1 style={{ marginRight: 'auto' }}>Insights</h1>
        {canReport && projectId && insights?.length ? (
          <>
            <label className="row small" style={{ gap: 6 }}>Report period
              <select className="input" value={reportWindow} onChange={(e) => setReportWindow(e.target.value as InsightWindow)}>
                {Object.entries(REPORT_WINDOWS).map(([id, label]) => <option key={id} value={id}>{label}</option>)}
              </select>
            </label>
            <button className="btn" onClick={() => setReporting(true)}>Create report</button>
          </>
        ) : null}
      </div>
      {reporting && projectId ? (
        <CreateReportDialog origin={{ kind: 'insights', projectId, window: reportWindow }} defaultTitle={`Insights · ${REPORT_WINDOWS[reportWindow]}`} onClose={() => setReporting(false)} />
      ) : null}
      {!projectId ? <div className="alert alert-warn" role="status">Choose a data source: insights are kept per project.</div> : null}
      {error ? <ErrorNotice error={error} technical={technical} /> : null}
      {summary ? (
        <section className="card card-pad col" style={{ gap: 8 }} data-testid="executive-summary" aria-label="Executive summary">
          <span className="label">Executive summary · last {SUMMARY_DAYS} days</span>
          <p style={{ fontWeight: 600 }}>{summary.headline}</p>
          {summary.actions.length ? (
            <ol style={{ margin: 0, paddingLeft: 20 }}>{summary.actions.slice(0, 5).map((a, i) => <li key={i}>{a.priority === 'urgent' ? '⚠ ' : ''}{a.action}</li>)}</ol>
          ) : null}
        </section>
      ) : null}
      {insights && !insights.length ? (
        <div className="card card-pad" role="status">No insights yet. Ask in the chat for a forecast (“forecast revenue for next quarter”), anomalies (“any anomalies in daily revenue?”) or a reason (“why did revenue drop last month?”); each answer is kept here.</div>
      ) : null}
      <ul className="col" style={{ gap: 10, listStyle: 'none', margin: 0, padding: 0 }} aria-label="Stored insights">
        {(insights ?? []).map((stored) => (
          <li key={stored.id} className="card card-pad col" style={{ gap: 8 }} data-testid="stored-insight" data-kind={stored.insight.kind}>
            <div className="row" style={{ gap: 8, flexWrap: 'wrap' }}>
              <span className="badge">{stored.insight.kind}</span>
              <span className="badge">{stored.insight.priority}</span>
              <span className="muted small">{new Date(stored.createdAt).toLocaleString()}{stored.times > 1 ? ` · asked ${stored.times} times` : ''}</span>
            </div>
            <button className="btn btn-ghost" style={{ textAlign: 'left', justifyContent: 'flex-start', fontWeight: 600, whiteSpace: 'normal', height: 'auto' }} aria-expanded={open === stored.id} onClick={() => setOpen(open === stored.id ? null : stored.id)}>
              {stored.insight.headline}
            </button>
            {open === stored.id ? <InsightCard insight={stored.insight} technical={technical} hideHeadline /> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
