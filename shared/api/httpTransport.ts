import { ApiError } from './errors';
import { API_VERSION } from './contract';
import { type ApiEnvelope, type ApiTransport, type CallOptions, unwrapEnvelope } from './client';

/** Parses a `text/event-stream` body into (event, data) pairs. */
export async function* readServerSentEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<{ event: string; data: string }> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let boundary: number;
    while ((boundary = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, boundary);
      buffer = buffer.slice(boundary + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (data.length) yield { event, data: data.join('\n') };
    }
  }
}

/** HTTP + SSE transport for the browser (cookie session) and tools (bearer token). */
export class HttpTransport implements ApiTransport {
  constructor(private readonly baseUrl = '', private token?: string) {}

  setToken(token: string | undefined): void {
    this.token = token;
  }

  async invoke(key: string, request: unknown, options: CallOptions & { requestId: string }): Promise<unknown> {
    const streaming = Boolean(options.onEvent);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'x-aiser-request-id': options.requestId,
      accept: streaming ? 'text/event-stream' : 'application/json',
    };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}/api/${API_VERSION}/${key}`, {
        method: 'POST', headers, body: JSON.stringify(request ?? {}), signal: options.signal, credentials: 'same-origin',
      });
    } catch (error) {
      if (options.signal?.aborted) throw new ApiError('CANCELLED', 'Cancelled.');
      throw new ApiError('UNAVAILABLE', 'Cannot reach the Aiser server.', { hint: 'Check that `aiser serve` is running.', detail: String(error) });
    }
    const type = response.headers.get('content-type') ?? '';
    if (type.startsWith('text/event-stream') && response.body) {
      try {
        for await (const { event, data } of readServerSentEvents(response.body)) {
          const parsed = JSON.parse(data);
          if (event === 'result') return unwrapEnvelope(parsed as ApiEnvelope);
          options.onEvent?.(parsed);
        }
      } catch (error) {
        if (error instanceof ApiError) throw error;
        if (options.signal?.aborted) throw new ApiError('CANCELLED', 'Cancelled.');
        throw new ApiError('UNAVAILABLE', 'The connection to the server was lost.', { hint: 'Try again.', detail: String(error) });
      }
      throw new ApiError('UNAVAILABLE', 'The answer stream ended early.', { hint: 'Try again.' });
    }
    if (!type.includes('application/json')) {
      throw new ApiError('UNAVAILABLE', `Unexpected server response (${response.status}).`, { hint: 'Check the server address.' });
    }
    return unwrapEnvelope((await response.json()) as ApiEnvelope);
  }
}
