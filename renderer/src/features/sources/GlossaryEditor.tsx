import { Icon } from '../../app/icons';
import { emptyMetric, type FieldErrors, type GlossaryDraft, type MetricDraft, metricFromDraft } from './glossaryDraft';
import { GlossarySection, TextField } from './GlossaryFields';
import { GlossaryMetricForm } from './GlossaryMetricForm';
import { MetricSummary } from './GlossaryView';

interface EditorProps {
  draft: GlossaryDraft;
  onChange: (draft: GlossaryDraft) => void;
  errors: FieldErrors;
  openMetric: number | null;
  onOpenMetric: (index: number | null) => void;
  /** Metrics past this index were added in this editing session. */
  savedMetricCount: number;
}

/** Moves focus to a control the click just created (after React has rendered it). */
const focusSoon = (id: string) => requestAnimationFrame(() => document.getElementById(id)?.focus());
const without = <T,>(list: T[], index: number) => list.filter((_, i) => i !== index);
const replaced = <T,>(list: T[], index: number, value: T) => list.map((v, i) => (i === index ? value : v));

/** Edits the whole glossary in place; nothing is saved until the panel's Save. */
export function GlossaryEditor({ draft, onChange, errors, openMetric, onOpenMetric, savedMetricCount }: EditorProps) {
  const metricHasError = (i: number) => Object.keys(errors).some((k) => k.startsWith(`metrics.${i}.`));
  const label = (m: MetricDraft) => m.name.trim() || 'the new metric';

  function addMetric() {
    onChange({ ...draft, metrics: [...draft.metrics, emptyMetric()] });
    onOpenMetric(draft.metrics.length);
    focusSoon(`glossary-metric-${draft.metrics.length}-name`);
  }
  function addSynonyms() {
    onChange({ ...draft, synonyms: [...draft.synonyms, { key: '', words: '' }] });
    focusSoon(`glossary-synonym-${draft.synonyms.length}-key`);
  }
  function addPii() {
    onChange({ ...draft, pii: [...draft.pii, ''] });
    focusSoon(`glossary-pii-${draft.pii.length}`);
  }
  function closeMetric(index: number) {
    onOpenMetric(null);
    focusSoon(`glossary-metric-${index}-edit`);
  }
  function removeMetric(index: number) {
    onChange({ ...draft, metrics: without(draft.metrics, index) });
    if (openMetric === index) onOpenMetric(null);
    else if (openMetric !== null && openMetric > index) onOpenMetric(openMetric - 1);
  }

  return (
    <>
      <GlossarySection title="Metrics" count={draft.metrics.length}
        action={<button type="button" className="btn btn-sm" onClick={addMetric}><Icon name="plus" size={15} />Add a metric</button>}>
        <ul className="glossary-list" aria-label="Metrics">
          {draft.metrics.map((m, i) => (
            <li key={i} className={`glossary-item${openMetric === i ? ' glossary-item-open' : ''}${metricHasError(i) ? ' glossary-item-error' : ''}`}>
              {openMetric === i
                ? <GlossaryMetricForm index={i} metric={m} isNew={i >= savedMetricCount} errors={errors} onChange={(next) => onChange({ ...draft, metrics: replaced(draft.metrics, i, next) })} onDone={() => closeMetric(i)} />
                : (
                  <div className="row" style={{ alignItems: 'flex-start' }}>
                    <div className="grow">
                      <MetricSummary metric={metricFromDraft(m)} />
                      {metricHasError(i) ? <span className="field-error">This metric needs attention: open it to see what to fix.</span> : null}
                    </div>
                    <button type="button" id={`glossary-metric-${i}-edit`} className="btn btn-ghost btn-sm" onClick={() => onOpenMetric(i)} aria-label={`Edit ${label(m)}`}><Icon name="edit" size={15} />Edit</button>
                    <button type="button" className="btn btn-ghost btn-sm btn-danger" onClick={() => removeMetric(i)} aria-label={`Remove ${label(m)}`}><Icon name="trash" size={15} /></button>
                  </div>
                )}
            </li>
          ))}
        </ul>
      </GlossarySection>

      <GlossarySection title="Words for tables and columns" count={draft.synonyms.length}
        action={<button type="button" className="btn btn-sm" onClick={addSynonyms}><Icon name="plus" size={15} />Add words</button>}>
        {draft.synonyms.map((s, i) => (
          <div key={i} className={`glossary-row${i > 0 ? ' glossary-row-compact' : ''}`}>
            <TextField id={`glossary-synonym-${i}-key`} label={i > 0 ? `Table or column, row ${i + 1}` : 'Table or column'} labelHidden={i > 0} required mono value={s.key} error={errors[`synonyms.${i}.key`]} placeholder="customers.segment"
              onChange={(key) => onChange({ ...draft, synonyms: replaced(draft.synonyms, i, { ...s, key }) })} />
            <TextField id={`glossary-synonym-${i}-words`} label={i > 0 ? `Words people use, row ${i + 1}` : 'Words people use'} labelHidden={i > 0} required value={s.words} error={errors[`synonyms.${i}.words`]} placeholder="tier, customer type"
              onChange={(words) => onChange({ ...draft, synonyms: replaced(draft.synonyms, i, { ...s, words }) })} />
            <button type="button" className="btn btn-ghost btn-icon btn-danger" aria-label={`Remove the words for ${s.key.trim() || 'this row'}`}
              onClick={() => onChange({ ...draft, synonyms: without(draft.synonyms, i) })}><Icon name="trash" size={15} /></button>
          </div>
        ))}
      </GlossarySection>

      <GlossarySection title="Personal data (PII) columns" count={draft.pii.length}
        action={<button type="button" className="btn btn-sm" onClick={addPii}><Icon name="plus" size={15} />Add a column</button>}>
        {draft.pii.map((p, i) => (
          <div key={i} className={`glossary-row glossary-row-single${i > 0 ? ' glossary-row-compact' : ''}`}>
            <TextField id={`glossary-pii-${i}`} label={i > 0 ? `Column holding personal data, row ${i + 1}` : 'Column holding personal data'} labelHidden={i > 0} required mono value={p} error={errors[`pii.${i}`]} placeholder="customers.email"
              onChange={(value) => onChange({ ...draft, pii: replaced(draft.pii, i, value) })} />
            <button type="button" className="btn btn-ghost btn-icon btn-danger" aria-label={`Remove ${p.trim() || 'this column'} from personal data`}
              onClick={() => onChange({ ...draft, pii: without(draft.pii, i) })}><Icon name="trash" size={15} /></button>
          </div>
        ))}
        <p className="muted small">These columns are masked for roles without access to personal data.</p>
      </GlossarySection>
    </>
  );
}
