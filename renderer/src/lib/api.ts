import { ApiClient, newRequestId } from '../../../shared/api/client';
import { ApiError } from '../../../shared/api/errors';
import { HttpTransport } from '../../../shared/api/httpTransport';
import { type AiserBridge, IpcTransport } from './ipcTransport';

declare global {
  interface Window { aiser?: AiserBridge }
}

/** IPC inside the desktop app, HTTP + SSE in a browser (session cookie). */
function createClient(): ApiClient {
  if (typeof window !== 'undefined' && window.aiser) return new ApiClient(new IpcTransport(window.aiser));
  return new ApiClient(new HttpTransport(''));
}

export const api = createClient();

/** A message for people: the error's own words plus what to do next. */
export function describeError(error: unknown): { message: string; hint?: string; detail?: string; code?: string } {
  if (error instanceof ApiError) return { message: error.message, hint: error.hint, detail: error.detail, code: error.code };
  if (error instanceof Error) return { message: error.message };
  return { message: String(error) };
}

export function isCancelled(error: unknown): boolean {
  return (error instanceof ApiError && error.code === 'CANCELLED') || (error instanceof DOMException && error.name === 'AbortError');
}

export interface StreamingCall<R> { requestId: string; result: Promise<R>; cancel: () => void }

/** Starts a streaming call that can be cancelled: aborts the request and tells the server by id. */
export function startStreaming<R, E>(
  call: (options: { onEvent: (event: E) => void; signal: AbortSignal; requestId: string }) => Promise<R>,
  onEvent: (event: E) => void,
): StreamingCall<R> {
  const controller = new AbortController();
  const requestId = newRequestId();
  const result = call({ onEvent, signal: controller.signal, requestId });
  const cancel = () => {
    if (controller.signal.aborted) return;
    if (!window.aiser) void api.call('ops/cancel', { requestId }).catch(() => undefined);
    controller.abort();
  };
  return { requestId, result, cancel };
}
