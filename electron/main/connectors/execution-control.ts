import { ConnectorError } from './types';

export const DEFAULT_PAGE_SIZE = 500;
export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * One query's stop conditions: the caller's AbortSignal and the statement timeout, merged into a
 * single signal. `stopError()` says which one fired so the caller sees CANCELLED vs TIMEOUT.
 */
export class QueryDeadline {
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
  private readonly timer: NodeJS.Timeout;
  private readonly controller = new AbortController();
  private timedOut = false;

  constructor(options: { timeoutMs?: number; signal?: AbortSignal }) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (!Number.isFinite(this.timeoutMs) || this.timeoutMs <= 0) {
      throw new ConnectorError('INVALID_CONFIG', `Query timeout must be a positive number of milliseconds (got ${options.timeoutMs}).`);
    }
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort();
    }, this.timeoutMs);
    this.timer.unref();
    this.signal = options.signal ? AbortSignal.any([options.signal, this.controller.signal]) : this.controller.signal;
  }

  get stopped(): boolean {
    return this.signal.aborted;
  }

  stopError(): ConnectorError {
    return this.timedOut
      ? new ConnectorError('TIMEOUT', `The query ran longer than ${duration(this.timeoutMs)}, the statement timeout, and was stopped.`, 'Narrow the question (filters, fewer joined rows, a shorter period) and run it again, or ask an administrator to raise the statement timeout (AISER_QUERY_TIMEOUT_SECONDS).')
      : new ConnectorError('CANCELLED', 'The query was cancelled.');
  }

  throwIfStopped(): void {
    if (this.stopped) throw this.stopError();
  }

  /** Calls `onStop` once if the query is stopped while work is in flight; returns the unsubscribe. */
  onStop(onStop: () => void): () => void {
    if (this.signal.aborted) {
      onStop();
      return () => undefined;
    }
    this.signal.addEventListener('abort', onStop, { once: true });
    return () => this.signal.removeEventListener('abort', onStop);
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}

function duration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

export function resolvePageSize(pageSize: number | undefined): number {
  const size = pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size <= 0) throw new ConnectorError('INVALID_CONFIG', `Page size must be a positive integer (got ${pageSize}).`);
  return size;
}

export function resolveMaxRows(maxRows: number | undefined): number {
  if (maxRows === undefined) return Number.POSITIVE_INFINITY;
  if (!Number.isInteger(maxRows) || maxRows < 0) throw new ConnectorError('INVALID_CONFIG', `maxRows must be a non-negative integer (got ${maxRows}).`);
  return maxRows;
}

/** Removes trailing semicolons/whitespace so a statement can be wrapped (cursor, subquery). */
export function stripTrailingSemicolons(sql: string): string {
  return sql.replace(/[\s;]+$/, '');
}
