import { useEffect, useState } from 'react';
import { Icon } from '../../app/icons';
import { DataTable } from '../../app/ui/DataTable';
import { ErrorNotice } from '../../app/ui/ErrorNotice';
import { ResultActions } from '../../app/ui/ResultActions';
import { RunProgress } from '../../app/ui/RunProgress';
import { ChartView } from '../../charts/ChartView';
import { useSelectedSource } from '../../stores/sources';
import { SaveToDashboardDialog } from '../dashboards/SaveToDashboardDialog';
import { useSqlStore } from './sqlStore';

/** Write a SELECT, run it on the chosen data source, see the table and a chart. */
export function SqlPage() {
  const source = useSelectedSource();
  const { sql, setSql, status, stage, rowsSoFar, result, chart, setChart, error, cancel, run } = useSqlStore();
  const running = status === 'running';
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape' && cancel) cancel(); };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [cancel]);

  const submit = () => { if (source && !running) void run(source.id); };

  return (
    <div className="page">
      <div className="page-header">
        <div className="grow">
          <h1>SQL</h1>
          <p>Run a read-only SELECT on {source ? <strong>{source.name}</strong> : 'a data source'}. Results are limited and sensitive columns stay masked.</p>
        </div>
      </div>
      <section className="card card-pad col" aria-label="Query editor">
        <label htmlFor="sql-editor" className="label">Query</label>
        <textarea id="sql-editor" className="textarea mono" rows={8} spellCheck={false} value={sql} onChange={(e) => setSql(e.target.value)}
          onKeyDown={(e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); submit(); } }} />
        <div className="row">
          {running ? (
            <button className="btn" onClick={() => cancel?.()}><Icon name="stop" size={16} />Cancel</button>
          ) : (
            <button className="btn btn-primary" onClick={submit} disabled={!source || !sql.trim()}><Icon name="play" size={16} />Run</button>
          )}
          <span className="muted small"><kbd className="kbd">Ctrl</kbd> <kbd className="kbd">Enter</kbd> runs · <kbd className="kbd">Esc</kbd> cancels</span>
          <div className="spacer" />
          {result && status === 'done' ? <span className="muted small" data-testid="run-summary">{result.rowCount.toLocaleString('en-US')} rows in {Math.round(result.durationMs)} ms{result.truncated ? ' · limited' : ''}</span> : null}
        </div>
        {running ? <RunProgress label={stage || 'Running…'} detail={rowsSoFar ? `${rowsSoFar.toLocaleString('en-US')} rows so far` : undefined} /> : null}
        {status === 'cancelled' ? <div className="alert" role="status">Query cancelled. Nothing was changed.</div> : null}
        {status === 'error' && error ? <ErrorNotice error={error} technical /> : null}
      </section>
      {result && chart && status !== 'running' ? (
        <>
          {chart.type !== 'table' ? <section className="card" aria-label="Chart"><ChartView spec={chart} result={result} onSpecChange={setChart} /></section> : null}
          <section aria-label="Rows" className="col" style={{ gap: 8 }}>
            <div className="row" style={{ flexWrap: 'wrap' }}>
              <ResultActions table={result} title={chart.title} />
              <div className="spacer" />
              {source && chart.type !== 'table' ? <button className="btn btn-sm" onClick={() => setSaving(true)}><Icon name="pin" size={15} />Save to dashboard</button> : null}
            </div>
            <DataTable result={result} />
          </section>
          {saving && source ? <SaveToDashboardDialog projectId={source.projectId} sourceId={source.id} what={{ sql: result.sql }} chart={chart} onClose={() => setSaving(false)} /> : null}
        </>
      ) : null}
      {!result && status === 'idle' ? (
        <div className="card empty"><Icon name="table" size={28} /><p>Write a SELECT and press Run. Try the example above: revenue by region on the demo data.</p></div>
      ) : null}
    </div>
  );
}
