import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { OutboundPolicy } from '../../security/outboundAddresses';

const MAX_REDIRECTS = 5;
/** A JSON page larger than this is refused rather than held in memory. */
export const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

export interface GuardedResponse {
  status: number;
  body: Buffer;
}

/** Connecting failed or was not allowed: callers report both the same way, so a connection
 *  test cannot be used to map which internal ports are open. */
export class UnreachableError extends Error {
  override name = 'UnreachableError';
}

export class ResponseTooLargeError extends Error {
  override name = 'ResponseTooLargeError';
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/**
 * GET with the outbound policy enforced where it matters: on every address the connection is
 * actually made to (resolved at connect time, so DNS rebinding and odd spellings do not help),
 * for every redirect hop. Credentials (headers) are not forwarded to another origin.
 */
export async function guardedGet(target: URL, options: { headers: Record<string, string>; signal: AbortSignal; policy: OutboundPolicy }): Promise<GuardedResponse> {
  let url = target;
  let headers = options.headers;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const response = await requestOnce(url, headers, options);
    if (!response.location || ![301, 302, 303, 307, 308].includes(response.status)) return response;
    const next = new URL(response.location, url);
    if (next.protocol !== 'http:' && next.protocol !== 'https:') throw new UnreachableError(`redirect to ${next.protocol}`);
    if (next.origin !== url.origin) headers = { accept: headers.accept ?? 'application/json' };
    url = next;
  }
  throw new UnreachableError('too many redirects');
}

function requestOnce(url: URL, headers: Record<string, string>, options: { signal: AbortSignal; policy: OutboundPolicy }): Promise<GuardedResponse & { location?: string }> {
  const { policy, signal } = options;
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const listed = policy.allowsName(hostname);
  // An address literal never goes through lookup, so check it here.
  if (net.isIP(hostname) && !listed && !policy.allowsAddress(hostname)) return Promise.reject(new UnreachableError('address not allowed'));
  const lookup = (host: string, lookupOptions: dns.LookupOptions, callback: LookupCallback) => {
    dns.lookup(host, { ...lookupOptions, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      if (!listed && (addresses.length === 0 || !addresses.every((a) => policy.allowsAddress(a.address)))) {
        return callback(Object.assign(new UnreachableError('address not allowed'), { code: 'EADDRNOTALLOWED' }), []);
      }
      if (lookupOptions.all) return callback(null, addresses);
      return callback(null, addresses[0].address, addresses[0].family);
    });
  };
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(url, { method: 'GET', headers, signal, lookup: lookup as never, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_RESPONSE_BYTES) {
          request.destroy(new ResponseTooLargeError(`larger than ${MAX_RESPONSE_BYTES} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, location: response.headers.location, body: Buffer.concat(chunks) }));
      response.on('error', (error) => reject(error));
    });
    request.on('error', (error) => reject(signal.aborted || error instanceof ResponseTooLargeError ? error : new UnreachableError(error.message)));
    request.end();
  });
}
