/** Anthropic Messages API (`/v1/messages`), including its SSE event types. */
import { readJson, send, sseEvents, parseJsonChunk, truncatedStream, type HttpTarget } from './http';
import { ProviderError, type ChatRequest, type ChatResult, type LlmProvider, type StreamChunk } from './types';

export const ANTHROPIC_VERSION = '2023-06-01';

interface MessageResponse {
  model?: string;
  content?: Array<{ type: string; text?: string }>;
  usage?: { input_tokens?: number; output_tokens?: number };
}

interface StreamEvent {
  type: string;
  message?: MessageResponse;
  delta?: { type?: string; text?: string };
  usage?: { output_tokens?: number };
  error?: { type?: string; message?: string };
}

export class AnthropicProvider implements LlmProvider {
  readonly kind = 'anthropic';
  constructor(readonly id: string, readonly model: string, private readonly target: HttpTarget) {}

  async chat(request: ChatRequest): Promise<ChatResult> {
    const response = await send(this.target, { body: this.body(request, false), signal: request.signal });
    const message = (await readJson(response, this.id, request.signal)) as MessageResponse;
    const blocks = message.content?.filter((b) => b.type === 'text' && typeof b.text === 'string');
    if (!blocks?.length) throw new ProviderError('malformed', 'The provider’s answer has no text content.', this.id);
    return {
      text: blocks.map((b) => b.text).join(''),
      usage: { inputTokens: message.usage?.input_tokens ?? 0, outputTokens: message.usage?.output_tokens ?? 0 },
      model: message.model ?? this.model,
    };
  }

  async *stream(request: ChatRequest): AsyncIterable<StreamChunk> {
    const response = await send(this.target, { body: this.body(request, true), signal: request.signal });
    let inputTokens = 0;
    let outputTokens = 0;
    let model = this.model;
    for await (const sse of sseEvents(response, this.id, request.signal)) {
      const event = parseJsonChunk(sse.data, this.id) as StreamEvent;
      switch (event.type) {
        case 'message_start':
          inputTokens = event.message?.usage?.input_tokens ?? 0;
          model = event.message?.model ?? model;
          break;
        case 'content_block_delta':
          if (event.delta?.type === 'text_delta' && event.delta.text) yield { type: 'text', text: event.delta.text };
          break;
        case 'message_delta':
          outputTokens = event.usage?.output_tokens ?? outputTokens;
          break;
        case 'message_stop':
          yield { type: 'done', usage: { inputTokens, outputTokens }, model };
          return;
        case 'error': {
          const overloaded = event.error?.type === 'overloaded_error' || event.error?.type === 'rate_limit_error';
          throw new ProviderError(overloaded ? 'rate-limited' : 'server', event.error?.message ?? 'The provider reported an error.', this.id);
        }
        default:
          break; // ping, content_block_start/stop
      }
    }
    throw truncatedStream(this.id);
  }

  async ping(signal?: AbortSignal): Promise<void> {
    await this.chat({ messages: [{ role: 'user', content: 'ping' }], maxTokens: 1, signal });
  }

  private body(request: ChatRequest, stream: boolean): Record<string, unknown> {
    const system = request.messages.filter((m) => m.role === 'system').map((m) => m.content).join('\n\n');
    const jsonHint = request.json ? '\n\nAnswer with one JSON object and nothing else.' : '';
    return {
      model: this.model,
      max_tokens: request.maxTokens ?? 1024,
      temperature: request.temperature ?? 0,
      ...(system || jsonHint ? { system: system + jsonHint } : {}),
      messages: request.messages.filter((m) => m.role !== 'system').map((m) => ({ role: m.role, content: m.content })),
      stream,
    };
  }
}
