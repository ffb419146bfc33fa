/** Ollama's native API (`/api/chat`, NDJSON streaming). Its OpenAI-compatible `/v1` uses openaiCompatible.ts. */
import { ndjson, readJson, send, truncatedStream, type HttpTarget } from './http';
import { ProviderError, type ChatRequest, type ChatResult, type LlmProvider, type StreamChunk, type TokenUsage } from './types';

interface OllamaChunk {
  model?: string;
  message?: { content?: string };
  done?: boolean;
  prompt_eval_count?: number;
  eval_count?: number;
  error?: string;
}

export class OllamaProvider implements LlmProvider {
  readonly kind = 'ollama';
  /** `contextWindow`: sent as `num_ctx` so the server does not cut a longer prompt to its default window. */
  constructor(readonly id: string, readonly model: string, private readonly target: HttpTarget, private readonly contextWindow?: number) {}

  async chat(request: ChatRequest): Promise<ChatResult> {
    const response = await send(this.target, { body: this.body(request, false), signal: request.signal });
    const chunk = (await readJson(response, this.id, request.signal)) as OllamaChunk;
    if (typeof chunk.message?.content !== 'string') throw new ProviderError('malformed', chunk.error ?? 'The provider’s answer has no message content.', this.id);
    return { text: chunk.message.content, usage: usageOf(chunk), model: chunk.model ?? this.model };
  }

  async *stream(request: ChatRequest): AsyncIterable<StreamChunk> {
    const response = await send(this.target, { body: this.body(request, true), signal: request.signal });
    for await (const value of ndjson(response, this.id, request.signal)) {
      const chunk = value as OllamaChunk;
      if (chunk.error) throw new ProviderError('server', chunk.error, this.id);
      if (chunk.message?.content) yield { type: 'text', text: chunk.message.content };
      if (chunk.done) {
        yield { type: 'done', usage: usageOf(chunk), model: chunk.model ?? this.model };
        return;
      }
    }
    throw truncatedStream(this.id);
  }

  async ping(signal?: AbortSignal): Promise<void> {
    await this.chat({ messages: [{ role: 'user', content: 'ping' }], maxTokens: 1, signal });
  }

  private body(request: ChatRequest, stream: boolean): Record<string, unknown> {
    return {
      model: this.model,
      messages: request.messages,
      stream,
      ...(request.json ? { format: 'json' } : {}),
      options: { temperature: request.temperature ?? 0, num_predict: request.maxTokens ?? 1024, ...(this.contextWindow ? { num_ctx: this.contextWindow } : {}) },
    };
  }
}

function usageOf(chunk: OllamaChunk): TokenUsage {
  return { inputTokens: chunk.prompt_eval_count ?? 0, outputTokens: chunk.eval_count ?? 0 };
}
