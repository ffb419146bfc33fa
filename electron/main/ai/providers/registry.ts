/** Provider kinds as data: protocol, auth header, URL layout, defaults. Ids are a typed union. */
import type { z } from 'zod';
import type { providerInputSchema } from '../../../../shared/api/domains/ai';
import { AnthropicProvider, ANTHROPIC_VERSION } from './anthropic';
import { joinUrl, type HttpTarget } from './http';
import { OllamaProvider } from './ollama';
import { OpenAiCompatibleProvider } from './openaiCompatible';
import type { LlmProvider } from './types';

export const PROVIDER_REGISTRY = {
  openai: { label: 'OpenAI', protocol: 'openai', defaultEndpoint: 'https://api.openai.com/v1', needsKey: true, auth: 'bearer', path: 'chat/completions' },
  'azure-openai': {
    label: 'Azure OpenAI', protocol: 'openai', defaultEndpoint: 'https://YOUR-RESOURCE.openai.azure.com', needsKey: true, auth: 'api-key',
    /** The model field holds the deployment name. */
    path: 'openai/deployments/{model}/chat/completions', defaultApiVersion: '2024-10-21',
  },
  'openai-compatible': {
    label: 'OpenAI-compatible server (vLLM, LM Studio, llama.cpp, Ollama /v1)', protocol: 'openai', defaultEndpoint: 'http://127.0.0.1:8000/v1',
    needsKey: false, auth: 'bearer', path: 'chat/completions',
  },
  ollama: { label: 'Ollama (native API)', protocol: 'ollama', defaultEndpoint: 'http://127.0.0.1:11434', needsKey: false, auth: 'none', path: 'api/chat' },
  anthropic: { label: 'Anthropic', protocol: 'anthropic', defaultEndpoint: 'https://api.anthropic.com', needsKey: true, auth: 'x-api-key', path: 'v1/messages' },
  builtin: { label: 'Built-in offline engine', protocol: 'builtin', defaultEndpoint: '', needsKey: false, auth: 'none', path: '' },
} as const;

export type ProviderKind = keyof typeof PROVIDER_REGISTRY;
export type ProviderSettings = z.output<typeof providerInputSchema> & { id: string };

/** A configured provider with its key decrypted (never leaves the main process). */
export interface ResolvedProvider extends ProviderSettings {
  apiKey?: string;
}

export class UnknownProviderKindError extends Error {
  override name = 'ValidationError';
  constructor(kind: string) {
    super(`Unknown provider kind "${kind}". Choose one of: ${Object.keys(PROVIDER_REGISTRY).filter((k) => k !== 'builtin').join(', ')}.`);
  }
}

function authHeaders(kind: ProviderKind, apiKey: string | undefined): Record<string, string> {
  const auth = PROVIDER_REGISTRY[kind].auth;
  if (!apiKey || auth === 'none') return kind === 'anthropic' ? { 'anthropic-version': ANTHROPIC_VERSION } : {};
  if (auth === 'bearer') return { authorization: `Bearer ${apiKey}` };
  if (auth === 'api-key') return { 'api-key': apiKey };
  return { 'x-api-key': apiKey, 'anthropic-version': ANTHROPIC_VERSION };
}

function targetFor(config: ResolvedProvider): HttpTarget {
  const entry = PROVIDER_REGISTRY[config.kind];
  let url = joinUrl(config.endpoint, entry.path.replace('{model}', encodeURIComponent(config.model)));
  if ('defaultApiVersion' in entry) url += `?api-version=${encodeURIComponent(config.apiVersion || entry.defaultApiVersion)}`;
  return { providerId: config.id, url, headers: authHeaders(config.kind, config.apiKey) };
}

/** Builds the LlmProvider for a configured provider. */
export function createProvider(config: ResolvedProvider): LlmProvider {
  const entry = PROVIDER_REGISTRY[config.kind as ProviderKind] as (typeof PROVIDER_REGISTRY)[ProviderKind] | undefined;
  if (!entry || entry.protocol === 'builtin') throw new UnknownProviderKindError(config.kind);
  const target = targetFor(config);
  switch (entry.protocol) {
    case 'openai':
      return new OpenAiCompatibleProvider(config.id, config.kind, config.model, target, config.kind !== 'azure-openai');
    case 'anthropic':
      return new AnthropicProvider(config.id, config.model, target);
    case 'ollama':
      return new OllamaProvider(config.id, config.model, target, config.contextWindow);
  }
}
