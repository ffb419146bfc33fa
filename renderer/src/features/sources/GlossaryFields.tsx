import type { ReactNode } from 'react';

interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  help?: string;
  placeholder?: string;
  mono?: boolean;
  multiline?: boolean;
  required?: boolean;
  /** In a repeated row only the first row shows its labels; the others keep them for screen readers. */
  labelHidden?: boolean;
}

/** A labelled input whose error sits right under it and is announced with the field. */
export function TextField({ id, label, value, onChange, error, help, placeholder, mono, multiline, required, labelHidden }: TextFieldProps) {
  const describedBy = [error ? `${id}-error` : '', help ? `${id}-help` : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id, value, placeholder, required, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy,
    onChange: (e: { target: { value: string } }) => onChange(e.target.value),
  };
  return (
    <div className="field">
      <label htmlFor={id} className={labelHidden ? 'sr-only' : undefined}>{label}{required ? null : <span className="muted"> (optional)</span>}</label>
      {multiline
        ? <textarea {...common} className={`textarea${mono ? ' mono' : ''}`} rows={2} />
        : <input {...common} className={`input${mono ? ' mono' : ''}`} spellCheck={mono ? false : undefined} />}
      {error ? <span id={`${id}-error`} className="field-error" role="alert">{error}</span> : null}
      {help ? <span id={`${id}-help`} className="muted small">{help}</span> : null}
    </div>
  );
}

/** A titled block of the glossary (metrics, synonyms, PII) with an optional action on the right. */
export function GlossarySection({ title, count, action, children }: { title: string; count: number; action?: ReactNode; children: ReactNode }) {
  const id = `glossary-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  return (
    <section className="col glossary-section" aria-labelledby={id}>
      <div className="row"><h3 id={id} className="grow">{title} <span className="muted small">({count})</span></h3>{action}</div>
      {children}
    </section>
  );
}
