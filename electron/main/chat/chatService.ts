/** `answer(question, ctx)`: understand → route → SQL → guard → execute (repair) → chart →
 *  narrative, streamed as stages, cached, persisted in the conversation, measured and audited. */
import type { Answer, ChatEvent } from '../../../shared/api/domains/chat';
import type { RequestContext } from '../../../shared/types/auth';
import { roleHas } from '../../../shared/types/permissions';
import type { Glossary } from '../../../shared/types/semantic';
import type { SchemaInfo } from '../../../shared/types/schema';
import type { AiService } from '../ai/aiService';
import { cacheKeyOf, type CacheKeyParts } from '../ai/answerCache';
import { glossaryFingerprint } from '../ai/offlineEngine';
import { CancelledError, type AnswerMode, type GenerateInput, type LlmCall } from '../ai/sqlRouter';
import type { AnswerRoute } from '../ai/telemetry';
import type { ContextManager } from '../context/contextManager';
import type { Logger } from '../logging';
import type { QueryService } from '../query/queryService';
import { glossaryOf } from '../sources/glossary';
import type { SourcesService } from '../sources/sourcesService';
import type { DataSource, VerifiedAnswer } from '../store';
import type { VerifiedAnswers } from '../verified';
import type { AnalysisHook, AnalysisTurn } from './analysisHook';
import type { Answerable } from './answerable';
import type { AskerLookup } from './asker';
import { Clarifications } from './clarifications';
import type { ConversationLog, ConversationState, OpenConversation } from './conversationLog';
import { executeWithRepair } from './execution';
import { streamNarrative } from './narrativeStream';
import { prepareComparisons } from './facts';
import { findLimit } from './limits';
import { clarificationDraft, errorDraft, limitDraft, presentResult, refusalDraft, replayEvents, type Draft } from './presentation';
import { explainForRole, isCancellation } from './userErrors';
import { WriteQueue } from './writeQueue';

export interface AskRequest {
  question: string;
  sourceId: string;
  conversationId?: string;
  clarificationId?: string;
  mode?: AnswerMode;
}

export interface AskIo {
  signal: AbortSignal;
  emit: (event: ChatEvent) => void;
}

/** One question being answered: everything the stages share. */
interface Turn {
  ctx: RequestContext;
  io: AskIo;
  started: number;
  source: DataSource;
  schema: SchemaInfo;
  glossary?: Glossary;
  question: string;
  mode: AnswerMode;
  conversation: OpenConversation;
  state: ConversationState;
  cacheKey: CacheKeyParts;
  calls: LlmCall[];
  verified: VerifiedAnswer[];
}

interface Outcome {
  draft: Draft;
  route: AnswerRoute;
  providerId?: string;
  repairs?: number;
  sqlHash?: string;
  /** The SQL that ran (kept as metadata even when the person's answer hides it). */
  sql?: string;
  errorCode?: string;
  routedBecause?: string[];
}

type StageName = Extract<ChatEvent, { type: 'stage' }>['stage'];
const EMPTY_STATE: ConversationState = { turns: [], fingerprint: '' };

export class ChatService {
  readonly clarifications = new Clarifications();
  private readonly inflight = new Map<string, Promise<Draft | undefined>>();
  private readonly writes: WriteQueue;

  constructor(
    private readonly ai: AiService,
    private readonly sources: SourcesService,
    private readonly query: QueryService,
    private readonly context: ContextManager,
    readonly log: ConversationLog,
    private readonly logger: Logger,
    storeDialect: 'sqlite' | 'postgres' = 'sqlite',
    private readonly answerable: Answerable = () => true,
    private readonly analysis?: AnalysisHook,
    readonly verified?: VerifiedAnswers,
    private readonly asker?: AskerLookup,
  ) {
    this.writes = new WriteQueue(storeDialect === 'sqlite' ? 1 : 8);
  }

  async ask(ctx: RequestContext, request: AskRequest, io: AskIo): Promise<Answer> {
    stage(io, 'understanding', 'Understanding your question…', 0.05);
    const turn = await this.prepare(ctx, request, io);
    const key = cacheKeyOf(turn.cacheKey);
    const cached = this.ai.cache.get(turn.cacheKey) ?? (await this.inflight.get(key));
    throwIfCancelled(io.signal);
    if (cached) {
      replayEvents(cached, ctx, io.emit);
      return this.finish(turn, { draft: { ...cached, route: { ...cached.route, cached: true } }, route: 'cache', providerId: cached.route.provider });
    }
    // Identical questions asked at the same time share this computation (request coalescing).
    let share: (draft: Draft | undefined) => void = () => undefined;
    const shared = new Promise<Draft | undefined>((resolve) => (share = resolve));
    this.inflight.set(key, shared);
    try {
      const outcome = await this.compute(turn);
      if (outcome.route !== 'none' && outcome.draft.kind === 'answer') share(outcome.draft);
      return await this.finish(turn, outcome);
    } catch (error) {
      if (!isCancellation(error, io.signal)) throw error;
      await this.ai.telemetry.recordAnswer(ctx, {
        sourceId: turn.source.id, route: 'none', outcome: 'cancelled', latencyMs: performance.now() - turn.started, cached: false, confidence: 0, repairs: 0, calls: turn.calls,
      });
      throw new CancelledError();
    } finally {
      share(undefined);
      if (this.inflight.get(key) === shared) this.inflight.delete(key);
    }
  }

  private async prepare(ctx: RequestContext, request: AskRequest, io: AskIo): Promise<Turn> {
    const started = performance.now();
    const source = await this.sources.record(ctx, request.sourceId);
    const schema = source.schemaMetadata ?? (await this.sources.schema(ctx, source.id));
    const glossary = glossaryOf(source);
    const resolved = request.clarificationId ? this.clarifications.resolve(ctx, request.clarificationId) : undefined;
    const question = resolved?.question ?? request.question;
    const conversationId = resolved?.conversationId ?? request.conversationId;
    const conversation = await this.log.open(ctx, { conversationId, sourceId: source.id, projectId: source.projectId, question });
    const state = conversationId ? await this.log.state(ctx, conversation.id) : EMPTY_STATE;
    const mode = request.mode ?? 'auto';
    const verified = (await this.verified?.candidates(ctx, source.id, conversation.projectId)) ?? { list: [], fingerprint: '' };
    const settingsKey = [await this.analysis?.settingsKey?.(ctx), verified.fingerprint && `verified:${verified.fingerprint}`].filter(Boolean).join('|');
    const cacheKey: CacheKeyParts = {
      orgId: ctx.orgId, role: ctx.role, expertise: ctx.expertise ?? 'default', sourceId: source.id, schemaVersion: schema.version, glossaryVersion: glossaryFingerprint(glossary),
      question, conversationState: this.followUpContext(schema, glossary, question, state), mode, policyFingerprint: await this.query.policyFingerprint(ctx, source.id),
      settingsKey: settingsKey || undefined,
    };
    this.ai.cache.invalidateSource(ctx.orgId, source.id, cacheKey);
    return { ctx, io, started, source, schema, glossary, question, mode, conversation, state, cacheKey, calls: [], verified: verified.list };
  }

  /** The conversation's part of the cache key: the previous answer's fingerprint only when the
   *  question reads as a follow-up of it; a standalone question asked again is the same answer. */
  private followUpContext(schema: SchemaInfo, glossary: Glossary | undefined, question: string, state: ConversationState): string {
    if (!state.fingerprint) return '';
    const continues = this.ai.offline.continuesPrevious?.({ schema, glossary, question }) ?? true;
    return continues ? state.fingerprint : '';
  }

  /** Route → SQL → guarded execution with repair → presentation. Failures become error drafts. */
  private async compute(turn: Turn): Promise<Outcome> {
    const { ctx, io, source, schema, glossary, question } = turn;
    const input: GenerateInput = {
      ctx, question, mode: turn.mode, schema, glossary, previousPlan: turn.state.previousPlan, signal: io.signal, calls: turn.calls, verified: turn.verified,
      context: async (tokenBudget) => {
        const asker = await this.asker?.(ctx, turn.conversation.projectId);
        const request = { question, conversation: turn.state.turns, source: { orgId: ctx.orgId, sourceId: source.id, schema, glossary, name: source.name }, tokenBudget, ...asker };
        return (await this.context.build(ctx, request)).bundle;
      },
    };
    const analysisTurn: AnalysisTurn = { ctx, question, sourceId: source.id, schema, glossary, signal: io.signal, emit: io.emit };
    try {
      const analysed = await this.analysis?.answer(analysisTurn);
      if (analysed) {
        if (analysed.draft.kind === 'answer') this.ai.cache.set(turn.cacheKey, analysed.draft);
        return { draft: analysed.draft, route: 'offline', sqlHash: analysed.sqlHash, sql: analysed.sql };
      }
      const limit = findLimit(question);
      if (limit) {
        const closest = this.answerable({ schema, glossary, question: limit.closestQuestion }) ? limit.closestQuestion : undefined;
        return { draft: limitDraft(limit, closest), route: 'none' };
      }
      const generation = await this.ai.router.generate(input);
      throwIfCancelled(io.signal);
      if (generation.kind === 'clarification') {
        const ids = this.clarifications.open(ctx, turn.conversation.id, question, generation.clarification.options.map((o) => o.label));
        return { draft: clarificationDraft(generation, ids), route: 'offline' };
      }
      if (generation.kind === 'refusal') return { draft: refusalDraft(generation), route: 'none' };
      stage(io, 'sql', generation.engine === 'llm' ? 'Writing the query with the language model…' : 'Writing the query…', 0.3);
      const showSql = (g: { sql: string; explanation: string; confidence: number }) => {
        if (roleHas(ctx.role, 'sql:see')) io.emit({ type: 'sql', sql: g.sql, explanation: g.explanation, confidence: g.confidence });
      };
      const comparisons = await prepareComparisons(generation, question, { schema, glossary }, (sql) => this.query.run(ctx, source.id, sql, { maxRows: 100, signal: io.signal, origin: 'chat' }));
      const executed = await executeWithRepair(comparisons.generation, {
        ai: this.ai, query: this.query, sourceId: source.id, input,
        onAttempt: (g) => {
          if (g.engine !== 'llm') showSql(g);
          stage(io, 'rows', `Running on ${source.name}…`, 0.45);
        },
        onAccepted: (g) => {
          if (g.engine === 'llm') showSql(g);
        },
      });
      throwIfCancelled(io.signal);
      stage(io, 'narrative', 'Comparing with the prior period…', 0.6);
      const understood = await comparisons.finish(executed.generation, executed.result);
      const offers = (q: string) => this.answerable({ schema, glossary, question: q, previousPlan: executed.generation.plan });
      const phrased = executed.generation.engine === 'llm';
      const shown = presentResult(ctx, question, executed, schema, io.emit, { ...understood, offers, deferNarrative: phrased });
      const presented = phrased ? await streamNarrative(this.ai, { ctx, question, signal: io.signal, emit: io.emit, calls: turn.calls }, shown, executed.generation) : shown;
      const draft = this.analysis ? await this.analysis.proactive(analysisTurn, presented, executed.result) : presented;
      // A degraded answer (fallback after failures) is not cached: the next ask tries the models again.
      if (!executed.generation.fallbackReason) this.ai.cache.set(turn.cacheKey, draft);
      return { draft, route: executed.generation.engine, providerId: executed.generation.providerId, repairs: executed.repairs, sqlHash: executed.result.sqlHash, sql: executed.result.sql, routedBecause: generation.routedBecause };
    } catch (error) {
      if (isCancellation(error, io.signal)) throw error;
      const explained = explainForRole(error, ctx.role);
      if (explained.code === 'INTERNAL') this.logger.error('chat.answer_failed', { error, sourceId: source.id });
      return { draft: errorDraft(explained), route: 'none', errorCode: explained.code };
    }
  }

  /** Persists the turn, records metrics and audit, and returns the answer. */
  private async finish(turn: Turn, outcome: Outcome): Promise<Answer> {
    const { ctx, source, question } = turn;
    const durationMs = performance.now() - turn.started;
    const { plan, ...shown } = outcome.draft;
    const answer = { ...shown, route: { ...shown.route, durationMs: Math.round(durationMs) } };
    // The turn's messages and metrics commit in one group-committed transaction with other answers'.
    const messageId = (await this.ai.telemetry.recordAnswer(ctx, {
      sourceId: source.id, route: outcome.route, providerId: outcome.providerId, outcome: answer.kind, latencyMs: durationMs, cached: outcome.route === 'cache',
      confidence: answer.confidence, sqlHash: outcome.sqlHash, repairs: outcome.repairs ?? 0, calls: turn.calls, errorCode: outcome.errorCode, routedBecause: outcome.routedBecause,
    }, (transaction) => this.log.record(ctx, turn.conversation, question, { answer, plan, sourceId: source.id, question, sql: outcome.sql ?? answer.sql }, transaction)))!;
    if (answer.insights?.length && outcome.route !== 'cache') {
      await this.writes.run(async () => this.analysis?.record(ctx, answer, { messageId, sourceId: source.id, projectId: turn.conversation.projectId, question }));
    }
    stage(turn.io, 'done', 'Done', 1);
    return { ...answer, conversationId: turn.conversation.id, messageId };
  }
}

function stage(io: AskIo, name: StageName, label: string, progress: number): void {
  io.emit({ type: 'stage', stage: name, label, progress });
}

function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw new CancelledError();
}
