import type { Answer } from '../../../../shared/api/domains/chat';
import { formatValue } from '../../../../shared/charts/format';

function confidenceWords(confidence: number): string {
  if (confidence >= 0.8) return 'High';
  if (confidence >= 0.5) return 'Medium';
  return 'Low';
}

interface DetailsProps {
  sql?: string;
  explanation?: string;
  mappings: Answer['mappings'];
  confidence?: number;
  route?: Answer['route'];
  open: boolean;
}

/** How the answer was found: SQL, method, phrase → column mapping, confidence. */
export function AnswerDetails({ sql, explanation, mappings, confidence, route, open }: DetailsProps) {
  if (!sql && !explanation && !mappings.length) return null;
  return (
    <details className="details" open={open} data-testid="answer-details">
      <summary className="btn btn-ghost btn-sm" style={{ width: 'fit-content', listStyle: 'none' }}>How this was answered</summary>
      <div className="col" style={{ gap: 12, paddingTop: 8 }}>
        {typeof confidence === 'number' ? (
          <div className="row small"><span className="label">Confidence</span>
            <span className={`badge ${confidence >= 0.8 ? 'badge-ok' : ''}`}>{confidenceWords(confidence)} · {formatValue(confidence, 'fraction-percent')}</span>
            {route ? <span className="muted">{route.engine}{route.provider ? ` (${route.provider})` : ''} · {Math.round(route.durationMs)} ms{route.cached ? ' · from cache' : ''}</span> : null}
          </div>
        ) : null}
        {explanation ? <div className="col" style={{ gap: 2 }}><span className="label">Method</span><p>{explanation}</p></div> : null}
        {mappings.length ? (
          <div className="col" style={{ gap: 4 }}>
            <span className="label">How your words were read</span>
            {/* Long column names wrap, so the table fits a phone's width instead of running off the card. */}
            <div style={{ overflowX: 'auto' }} data-testid="answer-mappings">
              <table className="data" aria-label="Phrase to column mapping">
                <thead><tr><th scope="col">Phrase</th><th scope="col">Means</th><th scope="col">Kind</th></tr></thead>
                <tbody>{mappings.map((m, i) => <tr key={i}><td>“{m.phrase}”</td><td className="mono" style={{ whiteSpace: 'normal', overflowWrap: 'anywhere' }}>{m.target}</td><td className="muted">{m.kind}</td></tr>)}</tbody>
              </table>
            </div>
          </div>
        ) : null}
        {sql ? <div className="col" style={{ gap: 2 }}><span className="label">SQL</span><pre className="mono card" data-testid="answer-sql" tabIndex={0} aria-label="SQL" style={{ padding: 12, margin: 0, overflowX: 'auto', background: 'var(--surface-2)' }}>{sql}</pre></div> : null}
      </div>
    </details>
  );
}
