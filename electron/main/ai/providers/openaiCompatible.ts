/** OpenAI chat-completions wire protocol: OpenAI, Azure OpenAI, vLLM, LM Studio, llama.cpp, Ollama /v1. */
import { readJson, send, sseEvents, parseJsonChunk, truncatedStream, type HttpTarget } from './http';
import { ProviderError, type ChatRequest, type ChatResult, type LlmProvider, type StreamChunk, type TokenUsage } from './types';

interface Completion {
  model?: string;
  choices?: Array<{ message?: { content?: string | null }; delta?: { content?: string | null }; finish_reason?: string | null }>;
  usage?: { prompt_tokens?: number; completion_tokens?: number };
}

export class OpenAiCompatibleProvider implements LlmProvider {
  constructor(
    readonly id: string,
    readonly kind: string,
    readonly model: string,
    private readonly target: HttpTarget,
    /** Azure addresses the model by deployment in the URL and ignores `model` in the body. */
    private readonly modelInBody = true,
  ) {}

  async chat(request: ChatRequest): Promise<ChatResult> {
    const response = await send(this.target, { body: this.body(request, false), signal: request.signal });
    const completion = (await readJson(response, this.id, request.signal)) as Completion;
    const text = completion.choices?.[0]?.message?.content;
    if (typeof text !== 'string') throw new ProviderError('malformed', 'The provider’s answer has no message content.', this.id);
    return { text, usage: usageOf(completion), model: completion.model ?? this.model };
  }

  async *stream(request: ChatRequest): AsyncIterable<StreamChunk> {
    const response = await send(this.target, { body: this.body(request, true), signal: request.signal });
    let usage: TokenUsage = { inputTokens: 0, outputTokens: 0 };
    let model = this.model;
    for await (const event of sseEvents(response, this.id, request.signal)) {
      if (event.data === '[DONE]') {
        yield { type: 'done', usage, model };
        return;
      }
      const chunk = parseJsonChunk(event.data, this.id) as Completion;
      if (chunk.usage) usage = usageOf(chunk);
      if (chunk.model) model = chunk.model;
      const text = chunk.choices?.[0]?.delta?.content;
      if (text) yield { type: 'text', text };
    }
    throw truncatedStream(this.id);
  }

  async ping(signal?: AbortSignal): Promise<void> {
    await this.chat({ messages: [{ role: 'user', content: 'ping' }], maxTokens: 1, signal });
  }

  private body(request: ChatRequest, stream: boolean): Record<string, unknown> {
    return {
      ...(this.modelInBody ? { model: this.model } : {}),
      messages: request.messages,
      max_tokens: request.maxTokens ?? 1024,
      temperature: request.temperature ?? 0,
      stream,
      ...(stream ? { stream_options: { include_usage: true } } : {}),
      ...(request.json ? { response_format: { type: 'json_object' } } : {}),
    };
  }
}

function usageOf(completion: Completion): TokenUsage {
  return { inputTokens: completion.usage?.prompt_tokens ?? 0, outputTokens: completion.usage?.completion_tokens ?? 0 };
}
