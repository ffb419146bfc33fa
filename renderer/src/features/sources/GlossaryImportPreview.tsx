import type { Glossary } from '../../../../shared/types/semantic';
import { Dialog } from '../../app/ui/Dialog';
import { ErrorNotice, type ErrorInfo } from '../../app/ui/ErrorNotice';
import { describeChanges, hasChanges } from './glossaryDraft';

function ChangeLine({ sign, what, names }: { sign: '+' | '~' | '−'; what: string; names: string[] }) {
  if (names.length === 0) return null;
  const cls = sign === '+' ? 'glossary-change-add' : sign === '−' ? 'glossary-change-remove' : 'glossary-change-edit';
  return (
    <li className={cls}>
      <span aria-hidden="true" className="glossary-change-sign">{sign}</span> {what} ({names.length}): <span className="glossary-change-names">{names.join(', ')}</span>
    </li>
  );
}

/** What an imported file will change, before anything is saved. */
export function GlossaryImportPreview({ fileName, current, next, busy, error, onConfirm, onClose }: {
  fileName: string; current: Glossary | null; next: Glossary; busy: boolean; error: ErrorInfo | null; onConfirm: () => void; onClose: () => void;
}) {
  const changes = describeChanges(current, next);
  const changed = hasChanges(changes);
  return (
    <Dialog title={`Import ${fileName}`} onClose={onClose}>
      <p>The file holds {next.metrics.length} metrics, {Object.keys(next.synonyms).length} synonym entries and {next.pii.length} PII columns. It replaces the current glossary.</p>
      {changed ? (
        <ul className="glossary-changes" aria-label="Changes">
          <ChangeLine sign="+" what="Metrics added" names={changes.metrics.added} />
          <ChangeLine sign="~" what="Metrics changed" names={changes.metrics.changed} />
          <ChangeLine sign="−" what="Metrics removed" names={changes.metrics.removed} />
          <ChangeLine sign="+" what="Synonyms added" names={changes.synonyms.added} />
          <ChangeLine sign="~" what="Synonyms changed" names={changes.synonyms.changed} />
          <ChangeLine sign="−" what="Synonyms removed" names={changes.synonyms.removed} />
          <ChangeLine sign="+" what="PII columns added" names={changes.pii.added} />
          <ChangeLine sign="−" what="PII columns removed" names={changes.pii.removed} />
        </ul>
      ) : <div className="alert" role="status">This file is the same as the current glossary: nothing would change.</div>}
      {error ? <ErrorNotice error={error} technical /> : null}
      <div className="row"><div className="spacer" />
        <button type="button" className="btn" onClick={onClose}>Cancel</button>
        <button type="button" className="btn btn-primary" onClick={onConfirm} disabled={busy || !changed}>{busy ? 'Saving…' : 'Replace the glossary'}</button>
      </div>
    </Dialog>
  );
}
