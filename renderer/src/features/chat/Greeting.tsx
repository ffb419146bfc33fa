import { useEffect, useState } from 'react';
import { api } from '../../lib/api';

interface Suggestions { greeting: string; examples: string[]; help: string[] }

/** The empty state teaches: a greeting for this person and questions that work on this data. */
export function Greeting({ sourceId, onAsk }: { sourceId: string | null; onAsk: (q: string) => void }) {
  const [data, setData] = useState<Suggestions | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    setData(null);
    setFailed(false);
    api.call('chat/suggestions', sourceId ? { sourceId } : {}).then(setData).catch(() => setFailed(true));
  }, [sourceId]);

  if (failed) return <div className="empty"><h2>Ask anything about your data</h2><p>Type a question below, for example “revenue by region”.</p></div>;
  if (!data) return <div className="col" style={{ gap: 10, padding: '32px 0' }} aria-busy="true"><div className="skeleton" style={{ height: 30, width: '60%' }}>Preparing suggestions…</div><div className="skeleton" style={{ height: 96 }} /></div>;
  return (
    <section className="col" style={{ gap: 16, padding: '24px 0' }} aria-label="Suggestions">
      <h2 data-testid="greeting" style={{ fontSize: 22 }}>{data.greeting}</h2>
      <div className="col" style={{ gap: 8 }}>
        <span className="label">Try one of these</span>
        <div className="row" style={{ flexWrap: 'wrap' }}>
          {data.examples.map((q) => <button key={q} className="chip" data-testid="example-question" onClick={() => onAsk(q)}>{q}</button>)}
        </div>
      </div>
      {data.help.length ? (
        <div className="card card-pad col" style={{ gap: 6, background: 'var(--surface-2)', boxShadow: 'none' }}>
          <span className="label">Tips</span>
          <ul style={{ margin: 0, paddingLeft: 20 }} className="muted">{data.help.map((h) => <li key={h}>{h}</li>)}</ul>
        </div>
      ) : null}
    </section>
  );
}
