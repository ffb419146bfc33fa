import { useCallback, useState } from 'react';
import type { ResponseOf } from '../../../../shared/api/contract';
import { ErrorNotice } from '../../app/ui/ErrorNotice';
import { api } from '../../lib/api';
import { attempt, useLoad } from './useCall';

/** Lineage of an answer: pick a conversation and an answer, see which sources, tables and columns it read. */
export function LineageTab() {
  const conversations = useLoad(useCallback(() => api.call('conversations/list', {}), []));
  const [conversation, setConversation] = useState<ResponseOf<'conversations/get'> | null>(null);
  const [lineage, setLineage] = useState<ResponseOf<'lineage/answer'> | null>(null);

  return (
    <div className="col" style={{ gap: 12 }}>
      <label className="field">Conversation
        <select className="select" aria-label="Conversation" value={conversation?.conversation.id ?? ''} onChange={(e) => { setLineage(null); void attempt(async () => setConversation(e.target.value ? await api.call('conversations/get', { id: e.target.value }) : null), conversations.setError); }}>
          <option value="">Choose a conversation…</option>
          {(conversations.data ?? []).map((c) => <option key={c.id} value={c.id}>{c.title}</option>)}
        </select>
      </label>
      {conversation ? (
        <ul className="col plain-list" style={{ gap: 6 }} aria-label="Answers">
          {conversation.messages.filter((m) => m.role === 'assistant').map((m) => (
            <li key={m.id} className="row"><span className="grow">{m.content}</span>
              <button type="button" className="btn btn-sm" onClick={() => void attempt(async () => setLineage(await api.call('lineage/answer', { messageId: m.id })), conversations.setError)}>Show lineage</button></li>
          ))}
        </ul>
      ) : null}
      {conversations.error ? <ErrorNotice error={conversations.error} /> : null}
      {lineage ? (
        <section className="card card-pad col" style={{ gap: 8 }} aria-labelledby="lineage-title">
          <h3 id="lineage-title">What “{lineage.question ?? 'this answer'}” read</h3>
          <p className="muted small">Asked by {lineage.askedBy} on {new Date(lineage.at).toLocaleString()}</p>
          {lineage.sql ? <pre className="small" style={{ whiteSpace: 'pre-wrap' }}>{lineage.sql}</pre> : null}
          {lineage.reads.length === 0 ? <p>No query ran for this answer.</p> : (
            <table className="data" aria-label="Sources, tables and columns read">
              <thead><tr><th scope="col">Source</th><th scope="col">Tables</th><th scope="col">Columns</th><th scope="col">Rows</th></tr></thead>
              <tbody>{lineage.reads.map((r, i) => <tr key={i}><td>{r.sourceName ?? r.sourceId}</td><td>{r.tables.join(', ')}</td><td className="small">{r.columns.join(', ')}</td><td>{r.rowCount}</td></tr>)}</tbody>
            </table>
          )}
        </section>
      ) : null}
    </div>
  );
}
