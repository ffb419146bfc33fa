import { useCallback, useEffect, useState } from 'react';
import type { ErrorInfo } from '../../app/ui/ErrorNotice';
import { describeError } from '../../lib/api';

/** Loads data once (and on reload()), keeping the error for an ErrorNotice. */
export function useLoad<T>(load: () => Promise<T>): { data: T | null; error: ErrorInfo | null; reload: () => void; setError: (e: ErrorInfo | null) => void } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const reload = useCallback(() => { load().then((d) => { setData(d); setError(null); }).catch((e) => setError(describeError(e))); }, [load]);
  useEffect(reload, [reload]);
  return { data, error, reload, setError };
}

/** Runs an action, reporting its error; returns whether it worked. */
export async function attempt(action: () => Promise<unknown>, setError: (e: ErrorInfo | null) => void): Promise<boolean> {
  setError(null);
  try {
    await action();
    return true;
  } catch (e) {
    setError(describeError(e));
    return false;
  }
}
