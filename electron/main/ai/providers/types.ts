/** The one interface every language-model provider implements (see registry.ts for the kinds). */

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ChatRequest {
  messages: ChatMessage[];
  /** Ask the model for a single JSON object (provider's JSON mode where it has one). */
  json?: boolean;
  maxTokens?: number;
  temperature?: number;
  /** Aborts the HTTP call (UI cancel, timeout). */
  signal?: AbortSignal;
}

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

export interface ChatResult {
  text: string;
  usage: TokenUsage;
  model: string;
}

export type StreamChunk = { type: 'text'; text: string } | { type: 'done'; usage: TokenUsage; model: string };

export interface LlmProvider {
  /** The configured provider's id (unique within the organization). */
  readonly id: string;
  readonly kind: string;
  readonly model: string;
  chat(request: ChatRequest): Promise<ChatResult>;
  /** Text deltas as they arrive, then one `done` chunk with the usage. */
  stream(request: ChatRequest): AsyncIterable<StreamChunk>;
  /** Resolves when the endpoint answers a minimal request; throws a ProviderError otherwise. */
  ping(signal?: AbortSignal): Promise<void>;
}

/** Why a provider call failed; `transient` failures are worth a retry, the others are not. */
export type ProviderFailure = 'timeout' | 'rate-limited' | 'server' | 'network' | 'auth' | 'bad-request' | 'malformed' | 'cancelled';

const TRANSIENT: ReadonlySet<ProviderFailure> = new Set(['timeout', 'rate-limited', 'server', 'network']);

export class ProviderError extends Error {
  override name = 'ProviderError';
  constructor(
    readonly failure: ProviderFailure,
    message: string,
    readonly providerId: string,
    readonly status?: number,
  ) {
    super(message);
  }
  get transient(): boolean {
    return TRANSIENT.has(this.failure);
  }
}

export function isTransient(error: unknown): boolean {
  return error instanceof ProviderError && error.transient;
}
