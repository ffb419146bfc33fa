import { type FormEvent, useState } from 'react';
import type { SourceConfigInput, SourceView } from '../../../../shared/api/domains/sources';
import { Dialog } from '../../app/ui/Dialog';
import { ErrorNotice, type ErrorInfo } from '../../app/ui/ErrorNotice';
import { api, describeError } from '../../lib/api';
import { UploadField } from './UploadField';

/** In a browser the server's disk is not the person's: files are uploaded instead of typed as paths. */
const inBrowser = typeof window !== 'undefined' && !window.aiser;

type SourceType = SourceConfigInput['type'];
const TYPES: Array<{ type: SourceType; label: string; help: string }> = [
  { type: 'postgres', label: 'PostgreSQL', help: 'A connection URL like postgres://user:password@host:5432/database' },
  { type: 'mysql', label: 'MySQL / MariaDB', help: 'A connection URL like mysql://user:password@host:3306/database' },
  { type: 'sqlite', label: 'SQLite file', help: 'The full path of a .sqlite or .db file on this computer' },
  { type: 'files', label: 'CSV / Parquet files', help: 'A folder or file path; each file becomes a table' },
  { type: 'rest', label: 'REST API (JSON)', help: 'An https:// address that returns JSON records' },
];

function configFrom(type: SourceType, value: string): SourceConfigInput {
  switch (type) {
    case 'postgres': return { type, url: value };
    case 'mysql': return { type, url: value };
    case 'sqlite': return { type, path: value };
    case 'files': return { type, path: value };
    default: return { type: 'rest', url: value };
  }
}

function valueFrom(source?: SourceView): string {
  const config = source?.config ?? {};
  return String(config.url ?? config.path ?? '');
}

interface TestOutcome { ok: boolean; message: string; hint?: string; tables?: number }

/** Add or edit a data source: test the connection first, the error says exactly what is wrong. */
export function SourceForm({ projectId, source, onClose, onSaved }: { projectId: string; source?: SourceView; onClose: () => void; onSaved: (s: SourceView) => void }) {
  const [name, setName] = useState(source?.name ?? '');
  const [type, setType] = useState<SourceType>((source?.config.type as SourceType) ?? 'postgres');
  const [value, setValue] = useState(valueFrom(source));
  const [test, setTest] = useState<TestOutcome | null>(null);
  const [busy, setBusy] = useState<'test' | 'save' | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const help = TYPES.find((t) => t.type === type)?.help;

  async function runTest() {
    setBusy('test');
    setTest(null);
    setError(null);
    try {
      setTest(await api.call('sources/test', { config: configFrom(type, value), id: source?.id }));
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(null);
    }
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy('save');
    setError(null);
    try {
      const config = configFrom(type, value);
      const saved = source ? await api.call('sources/update', { id: source.id, name, config }) : await api.call('sources/create', { projectId, name, config });
      onSaved(saved);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(null);
    }
  }

  return (
    <Dialog title={source ? `Edit ${source.name}` : 'Add a data source'} onClose={onClose}>
      <form className="col" style={{ gap: 14 }} onSubmit={save}>
        <div className="field"><label htmlFor="source-name">Name</label><input id="source-name" className="input" required value={name} onChange={(e) => setName(e.target.value)} placeholder="Sales database" /></div>
        <div className="field"><label htmlFor="source-type">Kind</label>
          <select id="source-type" className="select" value={type} onChange={(e) => { setType(e.target.value as SourceType); setTest(null); }}>
            {TYPES.map((t) => <option key={t.type} value={t.type}>{t.label}</option>)}
          </select></div>
        <div className="field"><label htmlFor="source-value">{type === 'sqlite' || type === 'files' ? 'Path' : 'Address'}</label>
          <input id="source-value" className="input mono" required value={value} onChange={(e) => { setValue(e.target.value); setTest(null); }} aria-describedby="source-help" />
          <span id="source-help" className="muted small">{help}.{type === 'postgres' || type === 'mysql' ? ' Passwords are stored encrypted and never shown again.' : ''}</span></div>
        {inBrowser && type === 'files' ? (
          <UploadField onError={setError} onUploaded={(path, fileName) => { setValue(path); setTest(null); if (!name.trim()) setName(fileName.replace(/\.[^.]+$/, '')); }} />
        ) : null}
        {test ? (
          test.ok
            ? <div className="alert" role="status" data-testid="source-test-result"><strong>Connected.</strong> {test.message}{typeof test.tables === 'number' ? ` (${test.tables} tables)` : ''}</div>
            : <div className="alert alert-error" role="alert" data-testid="source-test-result"><strong>{test.message}</strong>{test.hint ? <div>{test.hint}</div> : null}</div>
        ) : null}
        {error ? <ErrorNotice error={error} technical /> : null}
        <div className="row"><div className="spacer" />
          <button type="button" className="btn" onClick={onClose}>Cancel</button>
          <button type="button" className="btn" onClick={() => void runTest()} disabled={!value || busy !== null}>{busy === 'test' ? 'Testing…' : 'Test connection'}</button>
          <button type="submit" className="btn btn-primary" disabled={!value || !name.trim() || busy !== null}>{busy === 'save' ? 'Saving…' : 'Save'}</button>
        </div>
      </form>
    </Dialog>
  );
}
