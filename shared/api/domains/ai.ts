import { z } from 'zod';
import { displayText, empty, endpoint, id, ok } from '../endpoint';

/** Language-model provider kinds; `builtin` (the offline engine) always exists and needs no config. */
export const PROVIDER_KINDS = ['openai', 'azure-openai', 'openai-compatible', 'ollama', 'anthropic'] as const;
export type ConfigurableProviderKind = (typeof PROVIDER_KINDS)[number];

const httpUrl = z.string().trim().url('Enter a full URL such as http://localhost:11434').refine((u) => /^https?:\/\//i.test(u), 'The endpoint must start with http:// or https://');

export const providerInputSchema = z.strictObject({
  /** Omitted: a new provider. */
  id: id.optional(),
  name: displayText(100, 'Give the provider a name'),
  kind: z.enum(PROVIDER_KINDS),
  endpoint: httpUrl,
  model: displayText(200, 'Name the model (or Azure deployment)'),
  /** Write-only. Omitted on update: keep the stored key; '' removes it. */
  apiKey: z.string().max(500).optional(),
  /** Azure OpenAI's `api-version` query parameter. */
  apiVersion: z.string().trim().max(40).optional(),
  timeoutMs: z.number().int().min(1000).max(300_000).default(30_000),
  maxRetries: z.number().int().min(0).max(5).default(2),
  /** Concurrent calls allowed to this provider (bulkhead). */
  maxConcurrent: z.number().int().min(1).max(64).default(4),
  costPer1kInputTokens: z.number().min(0).max(1000).default(0),
  costPer1kOutputTokens: z.number().min(0).max(1000).default(0),
  /** Lower runs first in the fallback chain. */
  priority: z.number().int().min(0).max(100).default(10),
  enabled: z.boolean().default(true),
  /** Tokens the model reads at once (prompt + answer); omitted: known from the model's family, else 8,192. Sizes the schema and examples sent. */
  contextWindow: z.number().int().min(1024, 'A context window is at least 1,024 tokens').max(10_000_000).optional(),
});
export type ProviderInput = z.input<typeof providerInputSchema>;

export const breakerStateSchema = z.enum(['closed', 'open', 'half-open']);
export const providerHealthSchema = z.object({
  status: z.enum(['healthy', 'unhealthy', 'unknown']),
  breaker: breakerStateSchema,
  lastCheckedAt: z.string().nullable(),
  lastError: z.string().nullable(),
  latencyMs: z.object({ p50: z.number().nullable(), p95: z.number().nullable(), count: z.number() }),
});

export const providerViewSchema = providerInputSchema.omit({ apiKey: true }).extend({
  id,
  hasApiKey: z.boolean(),
  health: providerHealthSchema,
});
export type ProviderView = z.infer<typeof providerViewSchema>;

export const aiStatusSchema = z.object({
  providers: z.array(z.object({ id, name: z.string(), kind: z.string(), model: z.string(), enabled: z.boolean(), health: providerHealthSchema })),
  /** The offline engine: always available. */
  builtin: z.object({ available: z.literal(true), latencyMs: providerHealthSchema.shape.latencyMs }),
  cache: z.object({ entries: z.number(), hits: z.number(), misses: z.number() }),
  routes: z.record(z.string(), z.number()),
});
export type AiStatus = z.infer<typeof aiStatusSchema>;

export const aiApi = {
  'ai/listProviders': endpoint({
    summary: 'The organization’s language-model providers with their health (keys never returned).',
    access: 'providers:manage',
    request: empty,
    response: z.array(providerViewSchema),
  }),
  'ai/saveProvider': endpoint({
    summary: 'Adds or updates a provider; the API key is stored encrypted.',
    access: 'providers:manage',
    request: providerInputSchema,
    response: providerViewSchema,
  }),
  'ai/removeProvider': endpoint({
    summary: 'Removes a provider.',
    access: 'providers:manage',
    request: z.strictObject({ id }),
    response: ok,
  }),
  'ai/testProvider': endpoint({
    summary: 'Test connection: sends a tiny request to a saved provider (by id) or to unsaved settings.',
    access: 'providers:manage',
    request: z.union([z.strictObject({ id }), providerInputSchema]),
    response: z.object({ ok: z.boolean(), latencyMs: z.number(), model: z.string(), message: z.string() }),
  }),
  'ai/checkHealth': endpoint({
    summary: 'Runs the health checks now and returns the status.',
    access: 'providers:manage',
    request: empty,
    response: aiStatusSchema,
  }),
  'ai/status': endpoint({
    summary: 'Provider health, circuit-breaker state, latency percentiles and cache counters of your organization (its administrators).',
    access: 'providers:manage',
    request: empty,
    response: aiStatusSchema,
  }),
};
