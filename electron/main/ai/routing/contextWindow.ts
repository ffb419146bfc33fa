/** How much schema, glossary, examples and conversation a model's prompt may carry: a share of
 *  the model's context window, after room for the answer and the fixed instructions. */

/** Context windows of well-known model families (tokens), most specific pattern first.
 *  A configured `contextWindow` always wins; unknown models get DEFAULT_CONTEXT_WINDOW. */
const KNOWN_WINDOWS: ReadonlyArray<readonly [RegExp, number]> = [
  [/gpt-4\.1/, 1_000_000],
  [/gpt-5/, 400_000],
  [/gpt-4o|gpt-4-turbo|chatgpt-4o|(^|[^a-z])o[134](-|$)/, 128_000],
  [/gpt-4-32k/, 32_768],
  [/gpt-4/, 8_192],
  [/gpt-3\.5-turbo-instruct/, 4_096],
  [/gpt-3\.5/, 16_385],
  [/claude/, 200_000],
  [/gemini/, 1_000_000],
  [/llama-?3\.[1-9]|llama-?4/, 128_000],
  [/llama-?3/, 8_192],
  [/llama-?2|tinyllama/, 4_096],
  [/codellama/, 16_384],
  [/mixtral|mistral-(large|medium|small)|mistral-nemo/, 128_000],
  [/mistral/, 32_768],
  [/qwen/, 32_768],
  [/phi-?4/, 16_384],
  [/phi-?3.*128k/, 128_000],
  [/phi/, 4_096],
  [/gemma-?3/, 128_000],
  [/gemma/, 8_192],
  [/deepseek/, 64_000],
  [/sqlcoder|starcoder/, 8_192],
];

/** Window assumed for a model of unknown family: small enough for most local models. */
export const DEFAULT_CONTEXT_WINDOW = 8_192;
/** Tokens kept free for the model's reply (the SQL prompt asks for at most this many). */
export const REPLY_TOKENS = 800;
/** The fixed instructions and section labels of the SQL prompt, roughly. */
const INSTRUCTION_TOKENS = 400;
/** Share of what is left that context may fill: token estimates are approximate (characters / 4). */
const SAFETY_SHARE = 0.75;
/** Below this the prompt cannot hold even a small schema slice. */
export const MIN_CONTEXT_BUDGET = 600;
/** Above this more context stops helping and only adds latency and cost. */
export const MAX_CONTEXT_BUDGET = 12_000;

/** Ollama serves every model with this window unless told otherwise (its `num_ctx` default);
 *  a longer prompt is cut silently, so an unconfigured Ollama provider is sized to it. */
export const OLLAMA_DEFAULT_WINDOW = 4_096;

/** The model's context window in tokens: the configured one, else its family's, else the default. */
export function contextWindowOf(settings: { model: string; kind?: string; contextWindow?: number }): number {
  if (settings.contextWindow) return settings.contextWindow;
  if (settings.kind === 'ollama') return OLLAMA_DEFAULT_WINDOW;
  const model = settings.model.toLowerCase();
  return KNOWN_WINDOWS.find(([pattern]) => pattern.test(model))?.[1] ?? DEFAULT_CONTEXT_WINDOW;
}

/** Tokens of context (schema slice, glossary, examples, conversation) a prompt for this window may carry. */
export function contextBudgetFor(window: number): number {
  const free = (window - REPLY_TOKENS - INSTRUCTION_TOKENS) * SAFETY_SHARE;
  return Math.max(MIN_CONTEXT_BUDGET, Math.min(MAX_CONTEXT_BUDGET, Math.floor(free)));
}
