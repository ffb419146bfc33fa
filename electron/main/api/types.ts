import type { CallKey, EventOf, ParsedRequestOf, ResponseOf } from '../../../shared/api/contract';
import type { RequestContext } from '../../../shared/types/auth';

export type TransportKind = 'ipc' | 'http' | 'cli' | 'test';

export interface ClientInfo {
  ip?: string;
  userAgent?: string;
}

/** What a handler gets besides its validated request. */
export interface CallContext<K extends CallKey> {
  /** The caller; throws UNAUTHENTICATED on public calls made without a session. */
  readonly auth: RequestContext;
  /** The caller when signed in, else null (for public calls that behave differently when signed in). */
  readonly maybeAuth: RequestContext | null;
  readonly token: string | null;
  readonly requestId: string;
  readonly signal: AbortSignal;
  readonly transport: TransportKind;
  readonly client: ClientInfo;
  emit(event: EventOf<K>): void;
}

export type Handler<K extends CallKey> = (request: ParsedRequestOf<K>, call: CallContext<K>) => Promise<ResponseOf<K>>;
export type HandlerMap = { [K in CallKey]: Handler<K> };
/** A domain's handlers; the full map is the union of all domains (checked to be complete). */
export type HandlerGroup<K extends CallKey> = { [P in K]: Handler<P> };
