import { type ApiEnvelope, type ApiTransport, type CallOptions, unwrapEnvelope } from '../../../shared/api/client';
import { ApiError } from '../../../shared/api/errors';

/** What the Electron preload exposes on `window.aiser`. */
export interface AiserBridge {
  invoke(key: string, request: unknown, requestId: string): Promise<ApiEnvelope>;
  /** Subscribes to a channel; returns an unsubscribe function. */
  on(channel: string, callback: (event: unknown) => void): (() => void) | void;
}

/** The desktop transport: IPC to main through the preload bridge; events arrive on `event:<requestId>`. */
export class IpcTransport implements ApiTransport {
  constructor(private readonly bridge: AiserBridge) {}

  async invoke(key: string, request: unknown, options: CallOptions & { requestId: string }): Promise<unknown> {
    const { requestId, onEvent, signal } = options;
    if (signal?.aborted) throw new ApiError('CANCELLED', 'Cancelled.');
    const unsubscribe = onEvent ? this.bridge.on(`event:${requestId}`, (event) => onEvent(event)) : undefined;
    const onAbort = () => void this.bridge.invoke('ops/cancel', { requestId }, `${requestId}-cancel`).catch(() => undefined);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const envelope = await this.bridge.invoke(key, request ?? {}, requestId);
      if (signal?.aborted) throw new ApiError('CANCELLED', 'Cancelled.');
      return unwrapEnvelope(envelope);
    } finally {
      signal?.removeEventListener('abort', onAbort);
      if (typeof unsubscribe === 'function') unsubscribe();
    }
  }
}
