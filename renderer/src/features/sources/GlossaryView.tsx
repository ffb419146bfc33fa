import type { Glossary, GlossaryMetric } from '../../../../shared/types/semantic';
import { GlossarySection } from './GlossaryFields';

const FORMAT_WORDS: Record<string, string> = { currency: 'Currency', integer: 'Whole number', number: 'Number', percent: 'Percent' };

export function MetricSummary({ metric }: { metric: GlossaryMetric }) {
  return (
    <div className="col" style={{ gap: 4, minWidth: 0 }}>
      <div className="row" style={{ flexWrap: 'wrap', gap: 6 }}>
        <strong className="glossary-metric-name">{metric.name}</strong>
        {metric.format ? <span className="badge">{FORMAT_WORDS[metric.format] ?? metric.format}</span> : null}
        <span className="badge" title={metric.time ? 'The column that places this metric in time' : 'Measured at a point in time'}>
          {metric.time ? <>over <code>{metric.time}</code></> : 'snapshot'}
        </span>
      </div>
      {metric.synonyms.length ? <span className="small muted">Also called: {metric.synonyms.join(', ')}</span> : null}
      <code className="glossary-code">{metric.expression}{metric.filter ? <><span className="muted"> where </span>{metric.filter}</> : null}</code>
      {metric.description ? <span className="small">{metric.description}</span> : null}
    </div>
  );
}

/** The glossary for people who read it: what each metric means and which columns are personal data. */
export function GlossaryView({ glossary }: { glossary: Glossary }) {
  const synonyms = Object.entries(glossary.synonyms);
  return (
    <>
      <GlossarySection title="Metrics" count={glossary.metrics.length}>
        {glossary.metrics.length === 0 ? <p className="muted">No metric yet.</p> : (
          <ul className="glossary-list" aria-label="Metrics">
            {glossary.metrics.map((m) => <li key={m.name} className="glossary-item"><MetricSummary metric={m} /></li>)}
          </ul>
        )}
      </GlossarySection>
      <GlossarySection title="Words for tables and columns" count={synonyms.length}>
        {synonyms.length === 0 ? <p className="muted">No synonyms yet.</p> : (
          <dl className="glossary-synonyms" aria-label="Words for tables and columns">
            {synonyms.map(([key, words]) => (
              <div key={key} className="glossary-synonym"><dt><code>{key}</code></dt><dd>{words.join(', ')}</dd></div>
            ))}
          </dl>
        )}
      </GlossarySection>
      <GlossarySection title="Personal data (PII) columns" count={glossary.pii.length}>
        {glossary.pii.length === 0 ? <p className="muted">No column is marked as personal data.</p> : (
          <ul className="row glossary-chips" aria-label="Personal data (PII) columns">
            {glossary.pii.map((p) => <li key={p} className="badge"><code>{p}</code></li>)}
          </ul>
        )}
        <p className="muted small">These columns are masked for roles without access to personal data.</p>
      </GlossarySection>
    </>
  );
}
