import type { Insight } from '../../../../shared/api/domains/insights';
import { formatValue } from '../../../../shared/charts/format';
import { InsightChart } from './InsightChart';

const PRIORITY_WORDS: Record<Insight['priority'], string> = { urgent: 'Urgent', high: 'High priority', medium: 'Medium priority', low: 'Low priority' };

interface InsightCardProps {
  insight: Insight;
  /** Analysts see the statistics and the method open. */
  technical: boolean;
  /** The insight is the answer itself: headline and narrative are already shown above. */
  primary?: boolean;
  /** The headline is shown next to the card already (a list item). */
  hideHeadline?: boolean;
}

/** How an insight was computed: method, inputs, parameters, backtest error, queries. */
export function HowComputed({ insight, open }: { insight: Insight; open: boolean }) {
  const { evidence } = insight;
  return (
    <details className="details" open={open} data-testid="insight-method">
      <summary className="btn btn-ghost btn-sm" style={{ width: 'fit-content', listStyle: 'none' }}>How was this computed?</summary>
      <div className="col small" style={{ gap: 8, paddingTop: 8 }}>
        <div><span className="label">Method</span><p>{evidence.method}</p></div>
        <div><span className="label">Inputs</span><ul style={{ margin: 0, paddingLeft: 18 }}>{evidence.inputs.map((i) => <li key={i}>{i}</li>)}</ul></div>
        <div><span className="label">Parameters</span>
          <p className="mono">{Object.entries(evidence.parameters).map(([k, v]) => `${k} = ${String(v)}`).join(' · ')}</p></div>
        {evidence.backtest ? (
          <div data-testid="insight-backtest"><span className="label">Backtest error</span>
            <p>MASE {evidence.backtest.mase?.toFixed(3) ?? 'n/a'} · sMAPE {evidence.backtest.smape !== null ? `${evidence.backtest.smape.toFixed(2)}%` : 'n/a'}{evidence.backtest.folds ? ` · ${evidence.backtest.folds} origins` : ''}</p></div>
        ) : null}
        {evidence.queries.length ? (
          <div><span className="label">Queries</span>
            {evidence.queries.map((q, i) => (
              <div key={i} className="col" style={{ gap: 2 }}>
                <span className="muted">{q.purpose} · {q.rowCount.toLocaleString('en-US')} rows</span>
                {q.sql ? <pre className="mono card" style={{ padding: 8, margin: 0, overflowX: 'auto', background: 'var(--surface-2)' }}>{q.sql}</pre> : null}
              </div>
            ))}
          </div>
        ) : null}
      </div>
    </details>
  );
}

/** One insight: headline, what it means, the chart, confidence and impact, actions, method. */
export function InsightCard({ insight, technical, primary, hideHeadline }: InsightCardProps) {
  const urgent = insight.priority === 'urgent';
  return (
    <section className={primary ? 'col' : 'card card-pad col'} style={{ gap: 12, borderColor: urgent ? 'var(--danger, #D55E00)' : undefined }} data-testid="insight" data-kind={insight.kind} aria-label={primary ? 'Analysis' : `Insight: ${insight.headline}`}>
      {primary ? null : (
        <>
          <span className="label">{insight.kind === 'target' ? 'Heads-up' : 'Insight'}</span>
          {hideHeadline ? null : <p style={{ fontWeight: 600 }} data-testid="insight-headline">{insight.headline}</p>}
          <p>{insight.summary}</p>
          {technical ? <p className="small muted" data-testid="insight-statistics">{insight.statistics}</p> : null}
        </>
      )}
      {insight.chart ? <InsightChart chart={insight.chart} /> : null}
      <div className="row small" style={{ flexWrap: 'wrap', gap: 8 }}>
        <span className={`badge ${insight.confidence >= 0.85 ? 'badge-ok' : ''}`} data-testid="insight-confidence">Confidence: {insight.confidenceLabel} · {formatValue(insight.confidence, 'fraction-percent')}</span>
        <span className="badge" data-testid="insight-priority">{urgent ? '⚠ ' : ''}{PRIORITY_WORDS[insight.priority]}</span>
        {insight.impact ? <span className="muted" data-testid="insight-impact">Impact: {insight.impact.value < 0 ? '▼' : '▲'} {insight.impact.text.replace(/^-/, '')} · {insight.impact.description}</span> : null}
      </div>
      {!primary && insight.recommendations.length ? (
        <div className="col" style={{ gap: 4 }}><span className="label">Recommended</span>
          <ul style={{ margin: 0, paddingLeft: 20 }}>{insight.recommendations.map((r, i) => <li key={i}>{r.action} <span className="muted small">Expected: {r.expectedOutcome} Watch: {r.metricToWatch}.</span></li>)}</ul></div>
      ) : null}
      {primary ? null : <HowComputed insight={insight} open={technical} />}
    </section>
  );
}
