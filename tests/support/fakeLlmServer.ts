/** A scriptable local LLM server speaking the OpenAI chat-completions (`POST …/chat/completions`),
 *  Anthropic Messages (`POST /v1/messages`) and Ollama (`POST /api/chat`, NDJSON) wire protocols,
 *  with and without streaming.
 *  Each test scripts the replies and can inject latency, HTTP errors, hangs, malformed JSON,
 *  truncated streams and any SQL (failing or hostile). */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeReply =
  /** The assistant message is `{"sql", "explanation", "confidence"}` as JSON text. */
  | { kind: 'sql'; sql: string; explanation?: string; confidence?: number }
  | { kind: 'text'; text: string }
  | { kind: 'status'; status: number; body?: string }
  /** Accepts the request and never answers (the client's timeout must fire). */
  | { kind: 'hang' }
  /** A 200 whose body is not valid JSON. */
  | { kind: 'malformed' }
  /** Streams half of the text, then closes without the end-of-stream event. */
  | { kind: 'truncated'; text: string };

type Protocol = 'openai' | 'anthropic' | 'ollama';

export interface FakeStep {
  reply: FakeReply;
  delayMs?: number;
  /** Streaming only: pause between chunks, so a client can be seen showing them one by one. */
  chunkDelayMs?: number;
}

export interface RecordedRequest {
  protocol: Protocol;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
  stream: boolean;
  /** The client closed the connection before the reply was complete (cancel or timeout). */
  closedByClient: boolean;
}

export class FakeLlmServer {
  readonly requests: RecordedRequest[] = [];
  private readonly queue: FakeStep[] = [];
  private fallback: FakeStep = { reply: { kind: 'text', text: 'ok' } };
  private readonly server: http.Server;
  private readonly waiters: Array<() => void> = [];
  private port = 0;

  constructor() {
    this.server = http.createServer((req, res) => void this.handle(req, res));
  }

  static async start(): Promise<FakeLlmServer> {
    const fake = new FakeLlmServer();
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  /** Base URL for Anthropic and Ollama-style endpoints. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Base URL for OpenAI-compatible endpoints. */
  get openAiUrl(): string {
    return `${this.url}/v1`;
  }

  /** Replies used in order, one per request; afterwards the default applies. */
  script(...steps: Array<FakeStep | FakeReply>): this {
    this.queue.push(...steps.map((s) => ('reply' in s ? s : { reply: s })));
    return this;
  }

  /** The reply for every request once the script is used up. */
  setDefault(step: FakeStep | FakeReply): this {
    this.fallback = 'reply' in step ? step : { reply: step };
    return this;
  }

  /** Resolves once at least `count` requests have arrived. */
  async waitForRequests(count: number): Promise<void> {
    while (this.requests.length < count) await sleep(10);
  }

  /** Resolves once a request's connection was closed by the client. */
  waitForClientClose(): Promise<void> {
    if (this.requests.some((r) => r.closedByClient)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** The last user message of a recorded request (the prompt the app built). */
  static promptOf(request: RecordedRequest): string {
    const messages = (request.body.messages ?? []) as Array<{ role: string; content: string }>;
    const system = typeof request.body.system === 'string' ? request.body.system : '';
    return [system, ...messages.map((m) => m.content)].join('\n');
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const protocol: Protocol = req.url?.startsWith('/v1/messages') ? 'anthropic' : req.url?.startsWith('/api/chat') ? 'ollama' : 'openai';
    const raw = await readAll(req);
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      res.writeHead(400).end('{"error":"bad json"}');
      return;
    }
    const record: RecordedRequest = { protocol, path: req.url ?? '', headers: req.headers, body, stream: body.stream === true, closedByClient: false };
    this.requests.push(record);
    res.on('close', () => {
      if (!res.writableFinished) {
        record.closedByClient = true;
        this.waiters.splice(0).forEach((wake) => wake());
      }
    });
    const step = this.queue.shift() ?? this.fallback;
    if (step.delayMs) await sleep(step.delayMs);
    if (res.destroyed) return;
    await this.reply(record, step.reply, res, step.chunkDelayMs ?? 0);
  }

  private async reply(request: RecordedRequest, reply: FakeReply, res: http.ServerResponse, chunkDelayMs: number): Promise<void> {
    if (reply.kind === 'hang') return;
    if (reply.kind === 'status') {
      res.writeHead(reply.status, { 'content-type': 'application/json' }).end(reply.body ?? JSON.stringify({ error: { message: `injected ${reply.status}` } }));
      return;
    }
    if (reply.kind === 'malformed') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"choices": [ {"message": ');
      return;
    }
    const text = reply.kind === 'sql' ? JSON.stringify({ sql: reply.sql, explanation: reply.explanation ?? 'Generated by the fake model.', confidence: reply.confidence ?? 0.9 }) : reply.text;
    const model = String(request.body.model ?? 'fake-model');
    if (!request.stream) {
      if (reply.kind === 'truncated') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(completion(request.protocol, model, text)).slice(0, 20));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(completion(request.protocol, model, text)));
      return;
    }
    const pieces = chunks(reply.kind === 'truncated' ? text.slice(0, Math.ceil(text.length / 2)) : text);
    res.writeHead(200, { 'content-type': request.protocol === 'ollama' ? 'application/x-ndjson' : 'text/event-stream', 'cache-control': 'no-cache' });
    const events = request.protocol === 'openai' ? openAiEvents(model, pieces) : request.protocol === 'anthropic' ? anthropicEvents(model, pieces) : ollamaLines(model, pieces);
    const body = reply.kind === 'truncated' ? events.slice(0, -1) : events;
    for (const event of body) {
      if (res.destroyed) return;
      res.write(event);
      if (chunkDelayMs) await sleep(chunkDelayMs);
    }
    res.end();
  }
}

function completion(protocol: Protocol, model: string, text: string): unknown {
  const outputTokens = Math.ceil(text.length / 4);
  if (protocol === 'ollama') return { model, message: { role: 'assistant', content: text }, done: true, prompt_eval_count: 100, eval_count: outputTokens };
  if (protocol === 'anthropic') {
    return { id: 'msg_fake', type: 'message', role: 'assistant', model, content: [{ type: 'text', text }], stop_reason: 'end_turn', usage: { input_tokens: 100, output_tokens: outputTokens } };
  }
  return {
    id: 'chatcmpl-fake', object: 'chat.completion', model,
    choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 100, completion_tokens: outputTokens, total_tokens: 100 + outputTokens },
  };
}

function openAiEvents(model: string, pieces: string[]): string[] {
  const data = (value: unknown) => `data: ${JSON.stringify(value)}\n\n`;
  return [
    ...pieces.map((content) => data({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', model, choices: [{ index: 0, delta: { content }, finish_reason: null }] })),
    data({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', model, choices: [], usage: { prompt_tokens: 100, completion_tokens: pieces.length } }),
    'data: [DONE]\n\n',
  ];
}

function anthropicEvents(model: string, pieces: string[]): string[] {
  const event = (type: string, value: Record<string, unknown>) => `event: ${type}\ndata: ${JSON.stringify({ type, ...value })}\n\n`;
  return [
    event('message_start', { message: { id: 'msg_fake', type: 'message', role: 'assistant', model, content: [], usage: { input_tokens: 100, output_tokens: 1 } } }),
    event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
    event('ping', {}),
    ...pieces.map((text) => event('content_block_delta', { index: 0, delta: { type: 'text_delta', text } })),
    event('content_block_stop', { index: 0 }),
    event('message_delta', { delta: { stop_reason: 'end_turn' }, usage: { output_tokens: pieces.length } }),
    event('message_stop', {}),
  ];
}

function ollamaLines(model: string, pieces: string[]): string[] {
  return [
    ...pieces.map((content) => `${JSON.stringify({ model, message: { role: 'assistant', content }, done: false })}\n`),
    `${JSON.stringify({ model, message: { role: 'assistant', content: '' }, done: true, prompt_eval_count: 100, eval_count: pieces.length })}\n`,
  ];
}

function chunks(text: string, size = 16): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out.length ? out : [''];
}

function readAll(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
