import { useState } from 'react';
import type { SourceView } from '../../../../shared/api/domains/sources';
import { Icon } from '../../app/icons';
import { ErrorNotice, type ErrorInfo } from '../../app/ui/ErrorNotice';
import { api, describeError } from '../../lib/api';
import { useSession } from '../../stores/session';
import { useSources } from '../../stores/sources';
import { GlossaryPanel } from './GlossaryPanel';
import { SchemaBrowser } from './SchemaBrowser';
import { SourceForm } from './SourceForm';

const KIND_WORDS: Record<string, string> = { database: 'Database', file: 'Files', api: 'API', cube: 'Cube' };
const VIEWS = [{ id: 'tables', label: 'Tables' }, { id: 'glossary', label: 'Business glossary' }] as const;
type SourceViewTab = (typeof VIEWS)[number]['id'];

/** Data sources: list, add, test, edit, remove, and browse what is inside. */
export function SourcesPage() {
  const { sources, selectedId, select, load } = useSources();
  const user = useSession((s) => s.user);
  const canManage = user?.permissions.includes('sources:manage') ?? user?.role === 'admin';
  const [editing, setEditing] = useState<SourceView | 'new' | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [view, setView] = useState<SourceViewTab>('tables');
  const current = sources.find((s) => s.id === selectedId) ?? null;
  const projectId = current?.projectId ?? user?.projects[0]?.id ?? '';

  async function remove(source: SourceView) {
    if (!window.confirm(`Remove “${source.name}”? Its data stays where it is; Aiser only forgets the connection.`)) return;
    try {
      await api.call('sources/remove', { id: source.id });
      await load();
    } catch (e) {
      setError(describeError(e));
    }
  }

  return (
    <div className="page">
      <div className="page-header">
        <div className="grow"><h1>Data sources</h1><p>Where your answers come from. Queries run where the data lives; nothing is copied.</p></div>
        {canManage ? <button className="btn btn-primary" onClick={() => setEditing('new')}><Icon name="plus" size={16} />Add a data source</button> : null}
      </div>
      {error ? <ErrorNotice error={error} technical /> : null}
      <div className="split">
        <div className="card col" style={{ padding: 8, gap: 2, alignSelf: 'start' }} role="list" aria-label="Data sources">
          {sources.length === 0 ? <p className="muted small" style={{ padding: 8 }}>No data source yet.</p> : null}
          {sources.map((s) => (
            <div key={s.id} role="listitem"><button className="list-item" aria-current={s.id === selectedId ? 'true' : undefined} onClick={() => select(s.id)}>
              <span className="grow col" style={{ gap: 0 }}>
                <span style={{ fontWeight: 500 }}>{s.name}</span>
                <span className="muted small">{KIND_WORDS[s.kind] ?? s.kind} · {s.dialect}</span>
              </span>
              <span className={`badge ${s.status === 'ready' ? 'badge-ok' : s.status === 'error' ? 'badge-error' : ''}`}>{s.status === 'ready' ? 'Ready' : s.status === 'error' ? 'Error' : 'Not checked'}</span>
            </button></div>
          ))}
        </div>
        {current ? (
          <section className="card card-pad col" style={{ gap: 16, minWidth: 0 }} aria-label={current.name}>
            <div className="row" style={{ flexWrap: 'wrap' }}>
              <div className="grow"><h2>{current.name}</h2><span className="muted small">{KIND_WORDS[current.kind] ?? current.kind} · {current.dialect} · added {new Date(current.createdAt).toLocaleDateString('en-US')}</span></div>
              {canManage ? <>
                <button className="btn btn-sm" onClick={() => setEditing(current)}><Icon name="edit" size={15} />Edit</button>
                <button className="btn btn-sm btn-danger" onClick={() => void remove(current)}><Icon name="trash" size={15} />Remove</button>
              </> : null}
            </div>
            {current.lastError ? <div className="alert alert-error" role="alert"><strong>The last connection failed.</strong> {current.lastError}</div> : null}
            <div className="tabs" role="tablist" aria-label="About this data source"
              onKeyDown={(e) => { if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') { const next = view === 'tables' ? 'glossary' : 'tables'; setView(next); document.getElementById(`source-tab-${next}`)?.focus(); } }}>
              {VIEWS.map((v) => (
                <button key={v.id} id={`source-tab-${v.id}`} role="tab" className="tab" aria-selected={view === v.id} aria-controls="source-tab-panel"
                  tabIndex={view === v.id ? 0 : -1} onClick={() => setView(v.id)}>{v.label}</button>
              ))}
            </div>
            <div id="source-tab-panel" role="tabpanel" aria-labelledby={`source-tab-${view}`}>
              {view === 'tables' ? <SchemaBrowser sourceId={current.id} /> : <GlossaryPanel key={current.id} sourceId={current.id} sourceName={current.name} canManage={canManage} />}
            </div>
          </section>
        ) : null}
      </div>
      {editing ? (
        <SourceForm projectId={projectId} source={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)}
          onSaved={(s) => { setEditing(null); void load().then(() => select(s.id)); }} />
      ) : null}
    </div>
  );
}
