import { ApiError, type ApiErrorBody } from './errors';
import type { CallKey, EventOf, RequestOf, ResponseOf } from './contract';

export interface CallOptions<E = unknown> {
  onEvent?: (event: E) => void;
  signal?: AbortSignal;
  /** Set to cancel by id (`ops/cancel`); generated when omitted. */
  requestId?: string;
}

/** How a client reaches main: Electron IPC in the desktop app, HTTP + SSE in a browser. */
export interface ApiTransport {
  invoke(key: string, request: unknown, options: CallOptions & { requestId: string }): Promise<unknown>;
}

export type ApiEnvelope = { ok: true; data: unknown } | { ok: false; error: ApiErrorBody };

/** Throws the ApiError an envelope carries, or returns its data. */
export function unwrapEnvelope(envelope: ApiEnvelope): unknown {
  if (envelope.ok) return envelope.data;
  throw ApiError.fromBody(envelope.error);
}

let counter = 0;
export function newRequestId(): string {
  counter = (counter + 1) % 1_000_000;
  return `${Date.now().toString(36)}-${counter.toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** The typed API: `client.call('sources/list', {})` is checked against the contract. */
export class ApiClient {
  constructor(private readonly transport: ApiTransport) {}

  call<K extends CallKey>(key: K, request: RequestOf<K>, options: CallOptions<EventOf<K>> = {}): Promise<ResponseOf<K>> {
    const requestId = options.requestId ?? newRequestId();
    return this.transport.invoke(key, request, { ...options, requestId } as CallOptions & { requestId: string }) as Promise<ResponseOf<K>>;
  }
}
