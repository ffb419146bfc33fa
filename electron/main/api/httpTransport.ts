import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { API_VERSION, contract, isCallKey } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/errors';
import type { Logger } from '../logging';
import { metrics, secondsSince } from '../observability/metrics';
import { RateLimitError, SignInRateLimiter } from '../security/rateLimit';
import type { ApiDispatcher, DispatchResult } from './dispatcher';
import { serveMetrics } from './metricsEndpoint';
import { openApiDocument } from './openApiDocument';
import { serveStatic } from './staticFiles';

const MAX_BODY_BYTES = 1_000_000;
const SESSION_COOKIE = 'aiser_session';
const TOKEN_ISSUING_CALLS = new Set(['auth/signIn', 'setup/complete', 'sso/complete']);
const RATE_LIMITED_CALLS = new Set(['auth/signIn', 'setup/complete']);

export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

export interface HttpServerOptions {
  dispatcher: ApiDispatcher;
  logger: Logger;
  /** Built renderer (dist/renderer); omitted → API only. */
  staticDir?: string;
  secureCookies?: boolean;
  /** Throttles password sign-in per client address and per account; an in-process one when omitted
   *  (server mode passes one counting in the store, so every instance over it enforces one limit). */
  signInLimiter?: SignInRateLimiter;
  /** /readyz: whether the store answers and its migrations are applied. */
  readiness?: () => Promise<Readiness>;
  /** AISER_METRICS_TOKEN for /metrics scrapers (administrator sessions see their organization only). */
  metricsToken?: string;
}

export interface Readiness {
  ready: boolean;
  checks: Record<string, string>;
}

function readBody(req: http.IncomingMessage, limit = MAX_BODY_BYTES): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    let tooLarge = false;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true; // keep draining so the client can read our 413
      else chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge) reject(new ApiError('PAYLOAD_TOO_LARGE', `The request is too large (limit ${Math.round(limit / 1_000_000)} MB).`, { hint: limit > MAX_BODY_BYTES ? 'Upload a smaller file.' : 'Send a shorter query or question.' }));
      else resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

function tokenOf(req: http.IncomingMessage): string | null {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim() || null;
  const cookie = req.headers.cookie ?? '';
  const match = cookie.split(/;\s*/).find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!match) return null;
  try {
    return decodeURIComponent(match.slice(SESSION_COOKIE.length + 1)) || null;
  } catch {
    return null; // a malformed cookie (`%ff`) is no session, not a server error
  }
}

function sendJson(res: http.ServerResponse, status: number, body: unknown, extraHeaders: Record<string, string | string[]> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...extraHeaders });
  res.end(JSON.stringify(body));
}

function errorEnvelope(error: ApiError) {
  return { ok: false as const, error: error.toBody() };
}

function sessionCookie(key: string, result: DispatchResult, secure: boolean): Record<string, string> {
  const flags = `Path=/; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
  if (result.ok && TOKEN_ISSUING_CALLS.has(key)) {
    const token = (result.data as { token?: string }).token;
    if (token) return { 'set-cookie': `${SESSION_COOKIE}=${encodeURIComponent(token)}; ${flags}` };
  }
  if (key === 'auth/signOut') return { 'set-cookie': `${SESSION_COOKIE}=; ${flags}; Max-Age=0` };
  return {};
}

async function handleApiCall(options: HttpServerOptions, key: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  if (req.method !== 'POST') return sendJson(res, 405, errorEnvelope(new ApiError('BAD_REQUEST', 'API calls use POST.')), { allow: 'POST' });
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
    return sendJson(res, 415, errorEnvelope(new ApiError('BAD_REQUEST', 'Send the request body as JSON (content-type: application/json).')));
  }
  let body: unknown;
  try {
    const text = await readBody(req, (contract as Record<string, { maxBodyBytes?: number }>)[key]?.maxBodyBytes);
    body = text.trim() ? JSON.parse(text) : {};
  } catch (error) {
    const apiError = error instanceof ApiError ? error : new ApiError('BAD_REQUEST', 'The request body is not valid JSON.');
    return sendJson(res, apiError.status, errorEnvelope(apiError));
  }
  const client = { ip: req.socket.remoteAddress, userAgent: String(req.headers['user-agent'] ?? '').slice(0, 200) };
  if (RATE_LIMITED_CALLS.has(key)) {
    try {
      await options.signInLimiter?.check(client.ip, (body as { email?: unknown } | null)?.email);
    } catch (error) {
      if (!(error instanceof RateLimitError)) throw error;
      const limited = new ApiError('RATE_LIMITED', error.message, { hint: error.hint, detail: `retry-after=${error.retryAfterSeconds}` });
      return sendJson(res, 429, errorEnvelope(limited), { 'retry-after': String(error.retryAfterSeconds) });
    }
  }
  const closed = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) closed.abort(new DOMException('The client went away', 'AbortError'));
  });
  const streaming = (req.headers.accept ?? '').includes('text/event-stream');
  const requestId = String(req.headers['x-aiser-request-id'] ?? req.headers['x-request-id'] ?? '').replace(/[^\w.:-]/g, '').slice(0, 64) || `http-${randomUUID()}`;
  res.setHeader('x-request-id', requestId);
  const started = performance.now();
  const callLabel = isCallKey(key) ? key : 'unknown';
  res.on('finish', () => {
    metrics.httpRequests.inc({ call: callLabel, status: String(res.statusCode) });
    metrics.httpDuration.observe({ call: callLabel }, secondsSince(started));
  });
  const write = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  if (streaming) {
    res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.flushHeaders();
  }
  const result = await options.dispatcher.dispatch(key, body, {
    token: tokenOf(req), requestId, transport: 'http', client, signal: closed.signal,
    onEvent: streaming ? (event) => write('event', event) : undefined,
  });
  if (streaming) {
    write('result', result.ok ? { ok: true, data: result.data } : { ok: false, error: result.error });
    res.end();
    return;
  }
  const headers = sessionCookie(key, result, options.secureCookies ?? false);
  if (result.ok) sendJson(res, 200, { ok: true, data: result.data }, headers);
  else sendJson(res, result.status, { ok: false, error: result.error }, headers);
}

/** The browser side of single sign-on: /auth/oidc/login redirects to the identity provider, which
 *  redirects back to /auth/oidc/callback; success sets the session cookie and opens the app. */
async function handleSso(options: HttpServerOptions, url: URL, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const client = { ip: req.socket.remoteAddress, userAgent: String(req.headers['user-agent'] ?? '').slice(0, 200) };
  const requestId = `sso-${Date.now().toString(36)}`;
  if (url.pathname === '/auth/oidc/login') {
    const result = await options.dispatcher.dispatch('sso/start', {}, { requestId, transport: 'http', client });
    if (!result.ok) return sendJson(res, result.status, { ok: false, error: result.error });
    res.writeHead(302, { ...SECURITY_HEADERS, location: (result.data as { authorizationUrl: string }).authorizationUrl, 'cache-control': 'no-store' });
    return void res.end();
  }
  const providerError = url.searchParams.get('error');
  if (providerError) {
    const message = `The identity provider refused the sign-in (${providerError.slice(0, 100)}).`;
    return sendJson(res, 401, errorEnvelope(new ApiError('UNAUTHENTICATED', message, { hint: 'Try signing in again or ask your administrator.' })));
  }
  const body = { code: url.searchParams.get('code') ?? '', state: url.searchParams.get('state') ?? '' };
  const result = await options.dispatcher.dispatch('sso/complete', body, { requestId, transport: 'http', client });
  if (!result.ok) return sendJson(res, result.status, { ok: false, error: result.error });
  res.writeHead(302, { ...SECURITY_HEADERS, ...sessionCookie('sso/complete', result, options.secureCookies ?? false), location: '/', 'cache-control': 'no-store' });
  res.end();
}

export function createHttpServer(serverOptions: HttpServerOptions): http.Server {
  const options = { ...serverOptions, signInLimiter: serverOptions.signInLimiter ?? new SignInRateLimiter() };
  const apiPrefix = `/api/${API_VERSION}/`;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const done = (error: unknown) => {
      options.logger.error('http.unhandled', { path: url.pathname, error });
      if (!res.headersSent) sendJson(res, 500, errorEnvelope(new ApiError('INTERNAL', 'Something went wrong on our side.')));
      else res.end();
    };
    if (url.pathname === `${apiPrefix}openapi.json` && (req.method === 'GET' || req.method === 'HEAD')) {
      sendJson(res, 200, openApiDocument(), { 'cache-control': 'public, max-age=300' });
    } else if (url.pathname.startsWith(apiPrefix)) {
      handleApiCall(options, url.pathname.slice(apiPrefix.length), req, res).catch(done);
    } else if ((url.pathname === '/auth/oidc/login' || url.pathname === '/auth/oidc/callback') && req.method === 'GET') {
      handleSso(options, url, req, res).catch(done);
    } else if (url.pathname === '/metrics' && req.method === 'GET') {
      serveMetrics(req, res, { dispatcher: options.dispatcher, metricsToken: options.metricsToken }, SECURITY_HEADERS).catch(done);
    } else if (url.pathname === '/readyz') {
      (options.readiness ?? (async () => ({ ready: true, checks: {} })))()
        .then((r) => sendJson(res, r.ready ? 200 : 503, r)).catch(done);
    } else if (url.pathname === '/healthz') {
      options.dispatcher.dispatch('system/health', {}, { requestId: 'healthz', transport: 'http' })
        .then((r) => sendJson(res, r.ok ? 200 : 503, r.ok ? r.data : r.error)).catch(done);
    } else if (options.staticDir && (req.method === 'GET' || req.method === 'HEAD')) {
      serveStatic(options.staticDir, url.pathname, req, res, SECURITY_HEADERS).catch(done);
    } else {
      sendJson(res, 404, errorEnvelope(new ApiError('NOT_FOUND', `Nothing at ${url.pathname}.`)));
    }
  });
  // Idle connections outlive the clients' and proxies' own keep-alive (load balancers commonly
  // keep 60 s), so the server is never the side that closes a socket a client is reusing.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return server;
}

export async function listen(server: http.Server, host: string, port: number): Promise<{ host: string; port: number; url: string }> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return { host: address.address, port: address.port, url: `http://${shownHost}:${address.port}` };
}
