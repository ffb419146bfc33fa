/** Chooses who writes the SQL: the offline engine when it is confident, otherwise the
 *  organization's language models in fallback order, ending at the offline engine again. */
import type { RequestContext } from '../../../shared/types/auth';
import type { Glossary } from '../../../shared/types/semantic';
import type { SchemaInfo } from '../../../shared/types/schema';
import type { ContextBundle } from '../context/types';
import type { OfflineAnswer, OfflineEngine, OfflineMapping } from './offlineEngine';
import type { FailedAttempt } from '../nl2sql/repair';
import type { ProviderPool } from './providerPool';
import { ProviderError, type TokenUsage } from './providers/types';
import type { ResilientProvider } from './resilience';
import { maskPromptForRole } from '../security/masking';
import { buildSqlPrompt, type RepairInput } from './sql/prompt';
import { matchVerified, type VerifiedCandidate } from '../verified/paraphrase';
import { parseSqlReply, UnusableReplyError } from './sql/reply';
import { chooseRoute, contextBudgetFor, contextWindowOf, REPLY_TOKENS } from './routing';

export type AnswerMode = 'auto' | 'offline' | 'llm';

/** Offline answers of a simple question at or above this confidence are used without asking a
 *  language model; complex questions need more (routing/complexity.ts). */
export { BASE_CONFIDENCE_THRESHOLD as OFFLINE_CONFIDENCE_THRESHOLD } from './routing';

export interface GenerateInput {
  ctx: RequestContext;
  question: string;
  mode: AnswerMode;
  schema: SchemaInfo;
  glossary?: Glossary;
  previousPlan?: unknown;
  /** The LLM context, built only when a model is asked, within `tokenBudget` tokens (the model's window decides). */
  context: (tokenBudget?: number) => Promise<ContextBundle>;
  signal: AbortSignal;
  /** Every model call made for this question is appended here (metrics, audit, cost). */
  calls: LlmCall[];
  /** Question–SQL pairs verified for this source in the caller's project: a paraphrase of one is answered with its SQL. */
  verified?: readonly VerifiedCandidate[];
}

/** The verified pair an answer re-ran, and how close the question was to it. */
export interface VerifiedUse {
  question: string;
  similarity: number;
}

/** One language-model call, for metrics and audit. */
export interface LlmCall {
  providerId: string;
  ok: boolean;
  latencyMs: number;
  usage: TokenUsage;
  costUsd: number;
  error?: string;
}

export type Generation =
  | { kind: 'sql'; sql: string; explanation: string; confidence: number; engine: 'offline' | 'llm'; providerId?: string; mappings: OfflineMapping[]; plan?: unknown; fallbackReason?: string; notUnderstood?: string[]; filters?: string[]; nearValues?: OfflineAnswer['nearValues']; unusedLinks?: OfflineAnswer['unusedLinks']; verified?: VerifiedUse; /** Why a model was asked (audit). */ routedBecause?: string[] }
  | { kind: 'clarification'; clarification: NonNullable<OfflineAnswer['clarification']>; confidence: number; mappings: OfflineMapping[]; explanation: string }
  | { kind: 'refusal'; message: string; confidence: number; fallbackReason?: string };

export class CancelledError extends Error {
  override name = 'AbortError';
  constructor() {
    super('The question was cancelled.');
  }
}

/** Default time the whole model fallback chain may take before the offline engine answers. */
export const DEFAULT_MODEL_BUDGET_MS = 45_000;

/** Says what actually went wrong with the models (a server error is not a slow answer). */
function whyModelsFailed(failures: string[]): string {
  if (failures.includes('server')) return 'The language model reported a server error; the built-in engine answered.';
  if (failures.includes('auth')) return 'The language model refused the API key; the built-in engine answered.';
  if (failures.includes('rate-limited')) return 'The language model is rate-limiting requests; the built-in engine answered.';
  if (failures.includes('network')) return 'The language model could not be reached; the built-in engine answered.';
  if (failures.length && failures.every((f) => f === 'unusable' || f === 'bad-request')) return 'The language model’s answer could not be used; the built-in engine answered.';
  return 'The language models did not answer in time; the built-in engine answered.';
}

export class SqlRouter {
  constructor(
    private readonly pool: ProviderPool,
    private readonly offline: OfflineEngine,
    private readonly budgetMs = DEFAULT_MODEL_BUDGET_MS,
  ) {}

  async generate(input: GenerateInput): Promise<Generation> {
    // A person's verification outranks any engine; asking for a model explicitly skips it.
    const verified = input.mode === 'llm' ? undefined : fromVerified(input);
    if (verified) return verified;
    const offline = this.offline({ schema: input.schema, glossary: input.glossary, question: input.question, previousPlan: input.previousPlan, expertise: input.ctx.expertise });
    if (input.mode === 'offline') return fromOffline(offline);
    const choice = chooseRoute(input.question, offline);
    if (input.mode === 'auto' && choice.to === 'offline') return fromOffline(offline);
    const providers = (await this.pool.forOrg(input.ctx)).filter((p) => p.available);
    if (!providers.length) return fromOffline(offline, input.mode === 'llm' ? 'No language model is configured or reachable; the built-in engine answered.' : undefined);
    const failures: string[] = [];
    const fromModel = await this.askModels(input, providers, undefined, failures);
    if (fromModel?.kind !== 'sql') return fromModel ?? fromOffline(offline, whyModelsFailed(failures));
    const routedBecause = input.mode === 'llm' ? ['a language model was asked for'] : [
      ...(offline.clarification ? [] : [offline.sql ? `offline confidence ${offline.confidence.toFixed(2)} below the ${choice.required.toFixed(2)} this question needs` : 'the offline engine could not answer']),
      ...choice.complexity.reasons,
    ];
    return { ...fromModel, routedBecause };
  }

  /** The offline engine's own repair after the database rejected its SQL (no model involved). */
  repairOffline(input: GenerateInput, failures: FailedAttempt[]): OfflineAnswer {
    return this.offline({ schema: input.schema, glossary: input.glossary, question: input.question, previousPlan: input.previousPlan, expertise: input.ctx.expertise, failures });
  }

  /** A corrected statement after a database error, from the first available model; null when none can help. */
  async repair(input: GenerateInput, failed: RepairInput, preferredProviderId?: string): Promise<Generation | null> {
    if (input.mode === 'offline') return null;
    const providers = (await this.pool.forOrg(input.ctx)).filter((p) => p.available);
    providers.sort((a, b) => Number(b.id === preferredProviderId) - Number(a.id === preferredProviderId));
    return this.askModels(input, providers, failed);
  }

  private async askModels(input: GenerateInput, providers: ResilientProvider[], repair?: RepairInput, failures: string[] = []): Promise<Generation | null> {
    // Prompts leave the machine: personal data in the question, glossary, examples or earlier turns is masked by role.
    // Each model gets as much context as its window holds.
    const prompts = new Map<number, ReturnType<typeof buildSqlPrompt>>();
    const promptFor = async (provider: ResilientProvider) => {
      const budget = contextBudgetFor(contextWindowOf(provider.settings));
      let messages = prompts.get(budget);
      if (!messages) {
        messages = maskPromptForRole(input.ctx, buildSqlPrompt({ bundle: await input.context(budget), repair }));
        prompts.set(budget, messages);
      }
      return messages;
    };
    // The whole fallback chain shares one time budget; what is left of it bounds each call.
    const budget = new AbortController();
    const timer = setTimeout(() => budget.abort(), this.budgetMs);
    const signal = AbortSignal.any([input.signal, budget.signal]);
    try {
      for (const provider of providers) {
        if (input.signal.aborted) throw new CancelledError();
        if (budget.signal.aborted) break;
        const started = performance.now();
        try {
          const result = await provider.chat({ messages: await promptFor(provider), json: true, maxTokens: REPLY_TOKENS }, signal);
          const reply = parseSqlReply(result.text);
          report(input, provider, started, result.usage);
          return {
            kind: 'sql', sql: reply.sql, explanation: reply.explanation ?? 'Written by a language model from the schema.', confidence: reply.confidence ?? 0.6,
            engine: 'llm', providerId: provider.id, mappings: [],
          };
        } catch (error) {
          if (input.signal.aborted) throw new CancelledError();
          if (!(error instanceof ProviderError || error instanceof UnusableReplyError)) throw error;
          failures.push(budget.signal.aborted ? 'timeout' : error instanceof ProviderError ? error.failure : 'unusable');
          report(input, provider, started, undefined, budget.signal.aborted ? 'The answer time budget ran out.' : error.message);
        }
      }
    } finally {
      clearTimeout(timer);
    }
    return null;
  }

}

function report(input: GenerateInput, provider: ResilientProvider, started: number, usage?: TokenUsage, error?: string): void {
  const tokens = usage ?? { inputTokens: 0, outputTokens: 0 };
  const costUsd = (tokens.inputTokens * provider.settings.costPer1kInputTokens + tokens.outputTokens * provider.settings.costPer1kOutputTokens) / 1000;
  input.calls.push({ providerId: provider.id, ok: !error, latencyMs: performance.now() - started, usage: tokens, costUsd, error });
}

/** Confidence of a verified pair's SQL: the person vouched for it; only the paraphrase match is uncertain. */
const VERIFIED_BASE_CONFIDENCE = 0.85;

function fromVerified(input: GenerateInput): Generation | undefined {
  const hit = input.verified?.length ? matchVerified(input.question, input.verified, input.schema) : undefined;
  if (!hit) return undefined;
  return {
    kind: 'sql', sql: hit.candidate.sql, engine: 'offline', mappings: [],
    confidence: Math.min(0.99, VERIFIED_BASE_CONFIDENCE + (1 - VERIFIED_BASE_CONFIDENCE) * hit.similarity),
    explanation: `Verified answer: re-ran the query a person verified for “${hit.candidate.question}”.`,
    verified: { question: hit.candidate.question, similarity: Math.round(hit.similarity * 100) / 100 },
  };
}

function fromOffline(answer: OfflineAnswer, fallbackReason?: string): Generation {
  if (answer.clarification) {
    return { kind: 'clarification', clarification: answer.clarification, confidence: answer.confidence, mappings: answer.mappings, explanation: answer.explanation };
  }
  if (answer.sql) {
    return { kind: 'sql', sql: answer.sql, explanation: answer.explanation, confidence: answer.confidence, engine: 'offline', mappings: answer.mappings, plan: answer.plan, fallbackReason, notUnderstood: answer.notUnderstood, filters: answer.filters, nearValues: answer.nearValues, unusedLinks: answer.unusedLinks };
  }
  return { kind: 'refusal', message: answer.refusal ?? 'I could not match this question to the data in this source.', confidence: answer.confidence, fallbackReason };
}
