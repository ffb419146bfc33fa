import { type ChangeEvent, type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../../../shared/api/errors';
import { type Glossary, glossaryToJson } from '../../../../shared/types/semantic';
import { Icon } from '../../app/icons';
import { ErrorNotice, type ErrorInfo } from '../../app/ui/ErrorNotice';
import { api, describeError } from '../../lib/api';
import { download } from '../../lib/tableExport';
import { draftPathOf, type FieldErrors, fromDraft, type GlossaryDraft, parseGlossaryFile, toDraft, validateDraft } from './glossaryDraft';
import { GlossaryEditor } from './GlossaryEditor';
import { GlossaryImportPreview } from './GlossaryImportPreview';
import { GlossaryView } from './GlossaryView';

/** The form control that shows a draft path's problem (see the ids in GlossaryEditor / GlossaryMetricForm). */
function fieldIdOf(path: string): string {
  const [section, index, field] = path.split('.');
  if (section === 'metrics') return `glossary-metric-${index}-${field}`;
  if (section === 'synonyms') return `glossary-synonym-${index}-${field}`;
  return `glossary-pii-${index}`;
}

function metricIndexOf(path: string): number | null {
  const match = /^metrics\.(\d+)\./.exec(path);
  return match ? Number(match[1]) : null;
}

interface PendingImport { fileName: string; glossary: Glossary }

/** A data source's business glossary: read it, edit it, import and export its semantic.json. */
export function GlossaryPanel({ sourceId, sourceName, canManage }: { sourceId: string; sourceName: string; canManage: boolean }) {
  const [saved, setSaved] = useState<Glossary | null | undefined>(undefined);
  const [loadError, setLoadError] = useState<ErrorInfo | null>(null);
  const [draft, setDraft] = useState<GlossaryDraft | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [openMetric, setOpenMetric] = useState<number | null>(null);
  const [saveError, setSaveError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, setPending] = useState<PendingImport | null>(null);
  const [importError, setImportError] = useState<ErrorInfo | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const focusAfterRender = useRef<string | null>(null);

  const load = useCallback(() => {
    setLoadError(null);
    api.call('sources/glossary', { id: sourceId }).then(setSaved).catch((e) => setLoadError(describeError(e)));
  }, [sourceId]);
  useEffect(load, [load]);
  useEffect(() => {
    if (!focusAfterRender.current) return;
    document.getElementById(focusAfterRender.current)?.focus();
    focusAfterRender.current = null;
  });

  function showProblems(problems: FieldErrors) {
    setErrors(problems);
    const first = Object.keys(problems)[0];
    const metric = metricIndexOf(first);
    if (metric !== null) setOpenMetric(metric);
    focusAfterRender.current = fieldIdOf(first);
  }

  function startEditing() {
    setDraft(toDraft(saved ?? null));
    setErrors({}); setSaveError(null); setNotice(null); setImportError(null); setOpenMetric(null);
  }

  function changeDraft(next: GlossaryDraft) {
    setDraft(next);
    if (Object.keys(errors).length) setErrors(validateDraft(next));
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!draft) return;
    setSaveError(null);
    const problems = validateDraft(draft);
    if (Object.keys(problems).length) return showProblems(problems);
    setBusy(true);
    try {
      setSaved(await api.call('sources/setGlossary', { id: sourceId, glossary: fromDraft(draft) }));
      setDraft(null);
      setErrors({});
      setNotice('Glossary saved. New questions use it right away.');
    } catch (e) {
      const path = e instanceof ApiError && e.code === 'VALIDATION_FAILED' ? draftPathOf(e.field, draft) : null;
      if (path) showProblems({ [path]: e instanceof Error ? e.message : String(e) });
      else setSaveError(describeError(e));
    } finally {
      setBusy(false);
    }
  }

  async function readImportFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setNotice(null);
    const parsed = parseGlossaryFile(await file.text());
    if (!parsed.ok) {
      setImportError({ message: `“${file.name}” could not be imported. Nothing was changed.`, hint: parsed.message });
      return;
    }
    setImportError(null);
    setSaveError(null);
    setPending({ fileName: file.name, glossary: parsed.glossary });
  }

  async function confirmImport() {
    if (!pending) return;
    setBusy(true);
    setSaveError(null);
    try {
      setSaved(await api.call('sources/setGlossary', { id: sourceId, glossary: pending.glossary }));
      setNotice(`Imported ${pending.fileName}.`);
      setPending(null);
    } catch (e) {
      setSaveError(describeError(e));
    } finally {
      setBusy(false);
    }
  }

  if (loadError) return <ErrorNotice error={loadError} technical onRetry={load} />;
  if (saved === undefined) return <div className="skeleton" style={{ height: 200 }}>Reading the business glossary…</div>;
  const errorCount = Object.keys(errors).length;

  return (
    <div className="col glossary" style={{ gap: 16 }} role="region" aria-label="Business glossary">
      <div className="row" style={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <div className="grow" style={{ minWidth: 240 }}>
          <h2>Business glossary</h2>
          <p className="muted small">The metrics, words and personal-data columns Aiser uses to understand questions about {sourceName}.</p>
        </div>
        {draft ? null : (
          <div className="row" style={{ flexWrap: 'wrap' }}>
            {canManage ? <>
              <button type="button" className="btn btn-sm" onClick={() => fileInput.current?.click()}><span className="glossary-upload-icon"><Icon name="download" size={15} /></span>Import…</button>
              <input ref={fileInput} type="file" accept=".json,application/json" className="sr-only" tabIndex={-1} aria-label="Import a semantic.json file" onChange={(e) => void readImportFile(e)} />
            </> : null}
            <button type="button" className="btn btn-sm" disabled={!saved} onClick={() => saved && download(glossaryToJson(saved), 'semantic.json', 'application/json')}><Icon name="download" size={15} />Export</button>
            {canManage ? <button type="button" className="btn btn-sm btn-primary" onClick={startEditing}><Icon name="edit" size={15} />Edit glossary</button> : null}
          </div>
        )}
      </div>
      {!canManage ? <p className="alert small">You can read the glossary. Changing it needs the permission to manage data sources; ask an administrator.</p> : null}
      {notice ? <div className="alert glossary-notice" role="status">{notice}</div> : null}
      {importError ? <div data-testid="glossary-import-error"><ErrorNotice error={importError} /></div> : null}
      {saveError && !pending ? <ErrorNotice error={saveError} technical /> : null}

      {draft ? (
        <form className="col" style={{ gap: 20 }} onSubmit={(e) => void save(e)} noValidate aria-label="Edit the business glossary">
          <GlossaryEditor draft={draft} onChange={changeDraft} errors={errors} openMetric={openMetric} onOpenMetric={setOpenMetric} savedMetricCount={saved?.metrics.length ?? 0} />
          <div className="glossary-savebar">
            <span className={errorCount ? 'field-error' : 'muted small'} role={errorCount ? 'alert' : undefined}>
              {errorCount ? `Fix the ${errorCount === 1 ? 'highlighted field' : `${errorCount} highlighted fields`} before saving.` : 'Changes are saved for everyone using this data source.'}
            </span>
            <div className="spacer" />
            <button type="button" className="btn" onClick={() => { setDraft(null); setErrors({}); setSaveError(null); }} disabled={busy}>Discard changes</button>
            <button type="submit" className="btn btn-primary" disabled={busy}>{busy ? 'Saving…' : 'Save glossary'}</button>
          </div>
        </form>
      ) : saved ? <GlossaryView glossary={saved} /> : (
        <div className="empty">
          <strong>No business glossary yet.</strong>
          <span>Define metrics like “revenue” once, so every question about {sourceName} means what your team means.</span>
          {canManage ? <span>Use <strong>Edit glossary</strong> to start one, or <strong>Import…</strong> a semantic.json file.</span> : null}
        </div>
      )}

      {pending ? (
        <GlossaryImportPreview fileName={pending.fileName} current={saved} next={pending.glossary} busy={busy} error={saveError}
          onConfirm={() => void confirmImport()} onClose={() => { setPending(null); setSaveError(null); }} />
      ) : null}
    </div>
  );
}
