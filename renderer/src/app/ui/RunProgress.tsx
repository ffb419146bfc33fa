/** A stage label with a progress bar: words, never a bare spinner. */
export function RunProgress({ label, progress, detail }: { label: string; progress?: number; detail?: string }) {
  const determinate = typeof progress === 'number';
  return (
    <div className="col" style={{ gap: 6 }} role="status" aria-live="polite" data-testid="run-progress">
      <div className="row small"><span>{label}</span>{detail ? <span className="muted">· {detail}</span> : null}</div>
      <div className={`progress${determinate ? '' : ' progress-indeterminate'}`} role="progressbar" aria-label={label}
        aria-valuemin={0} aria-valuemax={100} aria-valuenow={determinate ? Math.round(progress * 100) : undefined}>
        <span style={determinate ? { width: `${Math.max(4, progress * 100)}%` } : undefined} />
      </div>
    </div>
  );
}
