import { contract, isCallKey, type CallKey } from '../../../shared/api/contract';
import { ApiError, type ApiErrorBody } from '../../../shared/api/errors';
import { roleHas } from '../../../shared/types/permissions';
import type { RequestContext } from '../../../shared/types/auth';
import type { Logger } from '../logging';
import { metrics } from '../observability/metrics';
import { serverIdle, type IdleSignal } from '../memory/idle';
import type { ActiveCalls } from './activeCalls';
import { toApiError, zodToApiError } from './errorMapping';
import type { CallContext, ClientInfo, HandlerMap, TransportKind } from './types';

export interface DispatchOptions {
  token?: string | null;
  requestId: string;
  transport: TransportKind;
  client?: ClientInfo;
  /** Aborted when the transport loses the caller (closed connection, closed window). */
  signal?: AbortSignal;
  onEvent?: (event: unknown) => void;
}

export type DispatchResult = { ok: true; data: unknown } | { ok: false; status: number; error: ApiErrorBody };

export type Authenticate = (token: string, client: ClientInfo) => Promise<RequestContext | null>;

/** Organization controls applied to a signed-in call before its handler (see admin/TenantGuard). */
export interface CallGuard {
  admit(key: CallKey, ctx: RequestContext, request: unknown): Promise<{ request: unknown; release(): void }>;
}

/** The one path every call takes, whatever the transport: validate, authenticate, authorise,
 *  run, and turn failures into structured errors. */
export class ApiDispatcher {
  constructor(
    private readonly handlers: HandlerMap,
    private readonly authenticate: Authenticate,
    private readonly activeCalls: ActiveCalls,
    private readonly logger: Logger,
    private readonly guard?: CallGuard,
    /** Told when calls begin and end, so memory can be returned once the server is idle. */
    private readonly idle: IdleSignal = serverIdle(),
  ) {}

  /** The signed-in person behind a session token, or null (for routes outside the contract, e.g. /metrics). */
  identify(token: string, client: ClientInfo = {}): Promise<RequestContext | null> {
    return this.authenticate(token, client);
  }

  async dispatch(key: string, body: unknown, options: DispatchOptions): Promise<DispatchResult> {
    const end = this.idle.begin();
    try {
      return { ok: true, data: await this.run(key, body, options) };
    } catch (error) {
      const apiError = toApiError(error);
      if (apiError.code === 'INTERNAL') this.logger.error('api.internal', { call: key, requestId: options.requestId, error });
      return { ok: false, status: apiError.status, error: apiError.toBody() };
    } finally {
      end();
    }
  }

  private async run(key: string, body: unknown, options: DispatchOptions): Promise<unknown> {
    if (!isCallKey(key)) {
      throw new ApiError('UNKNOWN_CALL', `There is no API call named "${key}".`, { hint: 'Check the API reference for the list of calls.' });
    }
    const def = contract[key];
    const auth = options.token ? await this.authenticate(options.token, options.client ?? {}) : null;
    if (def.access !== 'public') {
      if (!auth) throw new ApiError('UNAUTHENTICATED', 'Please sign in to continue.', { hint: 'Your session may have expired.' });
      if (def.access !== 'authenticated' && !roleHas(auth.role, def.access)) {
        throw new ApiError('FORBIDDEN', `Your role (${auth.role}) does not allow this.`, { hint: 'Ask an administrator for access.', detail: def.access });
      }
    }
    const parsed = def.request.safeParse(body ?? {});
    if (!parsed.success) throw zodToApiError(parsed.error);
    const admission = auth && this.guard ? await this.guard.admit(key, auth, parsed.data) : { request: parsed.data, release: () => undefined };

    const controller = new AbortController();
    const onUpstreamAbort = () => controller.abort(options.signal?.reason);
    if (options.signal?.aborted) onUpstreamAbort();
    options.signal?.addEventListener('abort', onUpstreamAbort, { once: true });
    const unregister = auth ? this.activeCalls.register(auth.sessionId, options.requestId, controller) : () => undefined;
    metrics.activeCalls.inc();
    try {
      const call = this.callContext(key, auth, controller.signal, options);
      const handler = this.handlers[key] as (request: unknown, call: CallContext<CallKey>) => Promise<unknown>;
      return await handler(admission.request, call);
    } finally {
      metrics.activeCalls.dec();
      admission.release();
      unregister();
      options.signal?.removeEventListener('abort', onUpstreamAbort);
    }
  }

  private callContext(key: CallKey, auth: RequestContext | null, signal: AbortSignal, options: DispatchOptions): CallContext<CallKey> {
    const eventSchema = (contract[key] as { event?: { parse(v: unknown): unknown } }).event;
    return {
      get auth(): RequestContext {
        if (!auth) throw new ApiError('UNAUTHENTICATED', 'Please sign in to continue.');
        return auth;
      },
      maybeAuth: auth,
      token: options.token ?? null,
      requestId: options.requestId,
      signal,
      transport: options.transport,
      client: options.client ?? {},
      emit: (event: unknown) => {
        if (!options.onEvent || signal.aborted) return;
        options.onEvent(eventSchema ? eventSchema.parse(event) : event);
      },
    };
  }
}
