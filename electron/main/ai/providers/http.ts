/** HTTP plumbing shared by the providers: POST JSON, map failures to ProviderError, read SSE/NDJSON. */
import { ProviderError, type ProviderFailure } from './types';

export interface HttpTarget {
  providerId: string;
  url: string;
  headers: Record<string, string>;
}

const MAX_ERROR_BODY = 300;

function failureForStatus(status: number): ProviderFailure {
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'server';
  if (status === 401 || status === 403) return 'auth';
  return 'bad-request';
}

/** Sends one request; any non-2xx answer, network failure or abort becomes a ProviderError. */
export async function send(target: HttpTarget, init: { method?: 'GET' | 'POST'; body?: unknown; signal?: AbortSignal }): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(target.url, {
      method: init.method ?? 'POST',
      headers: { 'content-type': 'application/json', ...target.headers },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: init.signal,
    });
  } catch (error) {
    throw toProviderError(error, target.providerId, init.signal);
  }
  if (!response.ok) {
    const text = await response.text().catch(() => '');
    throw new ProviderError(failureForStatus(response.status), `HTTP ${response.status}: ${text.slice(0, MAX_ERROR_BODY)}`, target.providerId, response.status);
  }
  return response;
}

export async function readJson(response: Response, providerId: string, signal?: AbortSignal): Promise<unknown> {
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw toProviderError(error, providerId, signal);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ProviderError('malformed', `The provider answered with invalid JSON: ${text.slice(0, 120)}`, providerId);
  }
}

export function toProviderError(error: unknown, providerId: string, signal?: AbortSignal): ProviderError {
  if (error instanceof ProviderError) return error;
  if (signal?.aborted) return new ProviderError('cancelled', 'The request was cancelled.', providerId);
  const message = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
  return new ProviderError('network', `Could not reach the provider: ${message}`, providerId);
}

async function* lines(response: Response, providerId: string, signal?: AbortSignal): AsyncIterable<string> {
  if (!response.body) throw new ProviderError('malformed', 'The provider sent no response body.', providerId);
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let newline = buffer.indexOf('\n');
      while (newline >= 0) {
        yield buffer.slice(0, newline).replace(/\r$/, '');
        buffer = buffer.slice(newline + 1);
        newline = buffer.indexOf('\n');
      }
    }
  } catch (error) {
    throw toProviderError(error, providerId, signal);
  }
  if (buffer.trim()) yield buffer;
}

export interface SseEvent {
  event?: string;
  data: string;
}

/** Server-sent events (`event:` / `data:` lines separated by a blank line). */
export async function* sseEvents(response: Response, providerId: string, signal?: AbortSignal): AsyncIterable<SseEvent> {
  let event: string | undefined;
  let data: string[] = [];
  for await (const line of lines(response, providerId, signal)) {
    if (line === '') {
      if (data.length) yield { event, data: data.join('\n') };
      event = undefined;
      data = [];
    } else if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
  }
  if (data.length) yield { event, data: data.join('\n') };
}

/** Newline-delimited JSON (Ollama's native streaming). */
export async function* ndjson(response: Response, providerId: string, signal?: AbortSignal): AsyncIterable<unknown> {
  for await (const line of lines(response, providerId, signal)) {
    if (line.trim()) yield parseJsonChunk(line, providerId);
  }
}

export function parseJsonChunk(text: string, providerId: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ProviderError('malformed', `The provider sent a malformed stream chunk: ${text.slice(0, 120)}`, providerId);
  }
}

export function truncatedStream(providerId: string): ProviderError {
  return new ProviderError('malformed', 'The provider’s answer stopped before it was complete.', providerId);
}

export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
