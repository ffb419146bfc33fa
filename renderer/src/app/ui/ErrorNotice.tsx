import { useState } from 'react';

export interface ErrorInfo { message: string; hint?: string; detail?: string }

/** What happened and what to do next; the technical detail is one click away for analysts. */
export function ErrorNotice({ error, technical = false, onRetry }: { error: ErrorInfo; technical?: boolean; onRetry?: () => void }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="alert alert-error" role="alert">
      <div className="row" style={{ alignItems: 'flex-start' }}>
        <div className="grow col" style={{ gap: 2 }}>
          <strong>{error.message}</strong>
          {error.hint ? <span>{error.hint}</span> : null}
        </div>
        {onRetry ? <button className="btn btn-sm" onClick={onRetry}>Try again</button> : null}
      </div>
      {technical && error.detail ? (
        <div style={{ marginTop: 6 }}>
          <button className="btn btn-ghost btn-sm" aria-expanded={open} onClick={() => setOpen(!open)}>{open ? 'Hide' : 'Show'} technical detail</button>
          {open ? <pre className="mono" style={{ whiteSpace: 'pre-wrap', margin: '6px 0 0' }}>{error.detail}</pre> : null}
        </div>
      ) : null}
    </div>
  );
}
