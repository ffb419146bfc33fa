import { useCallback, useEffect, useState } from 'react';
import type { QueryResult } from '../../../../shared/api/domains/query';
import { Icon } from '../../app/icons';
import { DataTable } from '../../app/ui/DataTable';
import { ErrorNotice, type ErrorInfo } from '../../app/ui/ErrorNotice';
import { api, describeError } from '../../lib/api';

interface SchemaTable { name: string; schema?: string; columns: Array<{ name: string; type: string; kind: string; isPrimaryKey: boolean }>; rowCountEstimate: number | null }

/** Tables and columns of a source; pick a table to preview its first rows. */
export function SchemaBrowser({ sourceId }: { sourceId: string }) {
  const [tables, setTables] = useState<SchemaTable[] | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [preview, setPreview] = useState<QueryResult | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [refreshing, setRefreshing] = useState(false);

  const load = useCallback((refresh = false) => {
    setRefreshing(refresh);
    api.call('sources/schema', { id: sourceId, refresh }).then((s) => { setTables(s.tables); setError(null); }).catch((e) => setError(describeError(e))).finally(() => setRefreshing(false));
  }, [sourceId]);
  useEffect(() => { setTables(null); setSelected(null); setPreview(null); load(); }, [load]);

  async function open(table: SchemaTable) {
    const name = table.schema ? `${table.schema}.${table.name}` : table.name;
    setSelected(name);
    setPreview(null);
    try {
      setPreview(await api.call('query/preview', { sourceId, table: name, limit: 100 }));
    } catch (e) {
      setError(describeError(e));
    }
  }

  if (error && !tables) return <ErrorNotice error={error} technical onRetry={() => load()} />;
  if (!tables) return <div className="skeleton" style={{ height: 160 }}>Reading tables…</div>;
  const current = tables.find((t) => (t.schema ? `${t.schema}.${t.name}` : t.name) === selected);
  return (
    <div className="col" style={{ gap: 12 }}>
      <div className="row"><h2 className="grow">Tables</h2>
        <button className="btn btn-sm" onClick={() => load(true)} disabled={refreshing}><Icon name="refresh" size={15} />{refreshing ? 'Reading…' : 'Read schema again'}</button></div>
      <div className="row" style={{ flexWrap: 'wrap', gap: 6 }} role="list" aria-label="Tables">
        {tables.map((t) => {
          const name = t.schema ? `${t.schema}.${t.name}` : t.name;
          return (
            <span key={name} role="listitem">
              <button className="chip" aria-pressed={selected === name} onClick={() => void open(t)} data-testid="schema-table">
                {t.name}{t.rowCountEstimate !== null ? <span className="muted small"> · {t.rowCountEstimate.toLocaleString('en-US')} rows</span> : null}
              </button>
            </span>
          );
        })}
      </div>
      {error ? <ErrorNotice error={error} technical /> : null}
      {current ? (
        <div className="col" style={{ gap: 8 }}>
          <div className="row" style={{ flexWrap: 'wrap', gap: 6 }} aria-label={`Columns of ${current.name}`}>
            {current.columns.map((c) => <span key={c.name} className="badge" title={c.type}>{c.isPrimaryKey ? '🔑 ' : ''}{c.name} <span className="muted">{c.kind}</span></span>)}
          </div>
          {preview ? <DataTable result={preview} label={`Preview of ${current.name}`} /> : <div className="skeleton" style={{ height: 200 }}>Reading the first rows of {current.name}…</div>}
        </div>
      ) : <p className="muted">Pick a table to see its columns and first rows.</p>}
    </div>
  );
}
