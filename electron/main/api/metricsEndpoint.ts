import { timingSafeEqual } from 'node:crypto';
import type http from 'node:http';
import { roleHas } from '../../../shared/types/permissions';
import { METRICS_CONTENT_TYPE, renderMetrics, type MetricsScope } from '../observability/exposition';
import type { ApiDispatcher } from './dispatcher';

export interface MetricsAccess {
  dispatcher: ApiDispatcher;
  /** AISER_METRICS_TOKEN: a scraper presenting it sees every organization's series. */
  metricsToken?: string;
}

function bearerOf(req: http.IncomingMessage): string | null {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim() || null;
  const match = (req.headers.cookie ?? '').split(/;\s*/).find((c) => c.startsWith('aiser_session='));
  if (!match) return null;
  try {
    return decodeURIComponent(match.slice('aiser_session='.length)) || null;
  } catch {
    return null;
  }
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Who may scrape: the metrics token sees everything; an administrator's session (audit:read)
 *  sees their own organization's series only; anyone else is refused. */
async function scopeOf(req: http.IncomingMessage, access: MetricsAccess): Promise<MetricsScope | null> {
  const token = bearerOf(req);
  if (!token) return null;
  if (access.metricsToken && sameSecret(token, access.metricsToken)) return { kind: 'all' };
  const ctx = await access.dispatcher.identify(token, { ip: req.socket.remoteAddress });
  return ctx && roleHas(ctx.role, 'audit:read') ? { kind: 'organization', orgId: ctx.orgId } : null;
}

export async function serveMetrics(req: http.IncomingMessage, res: http.ServerResponse, access: MetricsAccess, headers: Record<string, string>): Promise<void> {
  const scope = await scopeOf(req, access);
  if (!scope) {
    res.writeHead(401, { ...headers, 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Bearer' });
    res.end('Metrics need AISER_METRICS_TOKEN as a bearer token, or an administrator session.\n');
    return;
  }
  res.writeHead(200, { ...headers, 'content-type': METRICS_CONTENT_TYPE, 'cache-control': 'no-store' });
  res.end(await renderMetrics(scope));
}
