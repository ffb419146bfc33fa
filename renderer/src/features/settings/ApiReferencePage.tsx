import { useMemo, useState } from 'react';
import { apiReferenceEntries, type ApiReferenceEntry } from '../../../../shared/api/apiReference';
import { API_VERSION } from '../../../../shared/api/contract';
import { callSchemas } from '../../../../shared/api/openapi';
import { hrefOf } from '../../stores/route';
import { useSession } from '../../stores/session';

function accessWords(access: string): string {
  if (access === 'public') return 'No sign-in needed';
  if (access === 'authenticated') return 'Anyone signed in';
  return `Needs ${access}`;
}

function mayUse(entry: ApiReferenceEntry, permissions: readonly string[]): boolean {
  return entry.access === 'public' || entry.access === 'authenticated' || permissions.includes(entry.access);
}

function SchemaBlock({ title, schema }: { title: string; schema: unknown }) {
  return (
    <div className="col" style={{ gap: 2, minWidth: 0 }}>
      <span className="label">{title}</span>
      <pre className="mono card small" tabIndex={0} aria-label={title} style={{ padding: 10, margin: 0, overflow: 'auto', maxHeight: 320, maxWidth: '100%', whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', background: 'var(--surface-2)' }}>
        {JSON.stringify(schema, null, 2)}
      </pre>
    </div>
  );
}

/** Schemas are built only when a call is opened: converting every call's zod schema up front is wasted work. */
function CallEntry({ entry, allowed }: { entry: ApiReferenceEntry; allowed: boolean }) {
  const [open, setOpen] = useState(false);
  const schemas = useMemo(() => (open ? callSchemas(entry.key) : null), [open, entry.key]);
  return (
    <details style={{ display: 'block', padding: '8px 0', borderTop: '1px solid var(--border)', minWidth: 0 }} onToggle={(e) => setOpen(e.currentTarget.open)} data-testid="api-call">
      <summary className="row" style={{ gap: 10, cursor: 'pointer', flexWrap: 'wrap' }}>
        <code className="mono">POST {entry.path}</code>
        {entry.streams ? <span className="badge">streams</span> : null}
        <span className={allowed ? 'badge badge-ok' : 'badge'}>{accessWords(entry.access)}</span>
        <span className="muted grow" style={{ minWidth: 240 }}>{entry.summary}</span>
      </summary>
      {schemas ? (
        <div className="col" style={{ gap: 8, paddingTop: 8 }}>
          <SchemaBlock title={`Request body of ${entry.key}`} schema={schemas.request} />
          <SchemaBlock title={`Response data of ${entry.key}`} schema={schemas.response} />
          {schemas.event ? <SchemaBlock title={`Progress events of ${entry.key}`} schema={schemas.event} /> : null}
        </div>
      ) : null}
    </details>
  );
}

/** Every call of the API, generated from the same contract the server validates against. */
export function ApiReferencePage() {
  const permissions = useSession((s) => s.user?.permissions ?? []);
  const [filter, setFilter] = useState('');
  const [onlyMine, setOnlyMine] = useState(false);
  const entries = useMemo(() => apiReferenceEntries(), []);
  const needle = filter.trim().toLowerCase();
  const shown = entries.filter((e) => (!onlyMine || mayUse(e, permissions)) && (!needle || `${e.key} ${e.summary}`.toLowerCase().includes(needle)));
  const domains = [...new Set(shown.map((e) => e.domain))];

  return (
    <div className="page" style={{ maxWidth: 1100 }}>
      <div className="page-header">
        <div className="grow">
          <h1>API reference</h1>
          <p>
            Every call is a <code>POST</code> of a JSON body to <code>/api/{API_VERSION}/&lt;call&gt;</code> on a running <code>aiser serve</code>.
            Sign in with <code>auth/signIn</code> and send the token as <code>Authorization: Bearer &lt;token&gt;</code> (browsers use the session cookie).
            Replies are <code>{'{ ok: true, data }'}</code> or <code>{'{ ok: false, error: { code, message, hint } }'}</code>.
            The same description in OpenAPI 3.1 is at <code>/api/{API_VERSION}/openapi.json</code>.
          </p>
        </div>
        <a className="btn" href={hrefOf({ page: 'settings' })}>Back to settings</a>
      </div>
      <div className="row card card-pad" style={{ gap: 16, flexWrap: 'wrap' }}>
        <div className="field grow" style={{ minWidth: 240 }}>
          <label htmlFor="api-filter">Find a call</label>
          <input id="api-filter" className="input" type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="signIn, dashboards, export…" />
        </div>
        <label className="row" style={{ gap: 8, minHeight: 40 }}>
          <input type="checkbox" checked={onlyMine} onChange={(e) => setOnlyMine(e.target.checked)} style={{ width: 18, height: 18 }} />
          <span>Only calls I may use</span>
        </label>
        <span className="muted small" role="status">{shown.length} of {entries.length} calls</span>
      </div>
      {domains.length === 0 ? <p className="empty">No call matches “{filter}”. Clear the search to see every call.</p> : null}
      {domains.map((domain) => (
        <section key={domain} className="card card-pad col" style={{ gap: 4 }} aria-labelledby={`api-domain-${domain}`}>
          <h2 id={`api-domain-${domain}`}>{domain}</h2>
          <div className="col" style={{ gap: 0, minWidth: 0 }}>
            {shown.filter((e) => e.domain === domain).map((e) => <CallEntry key={e.key} entry={e} allowed={mayUse(e, permissions)} />)}
          </div>
        </section>
      ))}
    </div>
  );
}
