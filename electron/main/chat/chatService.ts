/** `answer(question, ctx)`: understand → route → SQL → guard → execute (repair) → chart →
 *  narrative, streamed as stages, cached, persisted in the conversation, measured and audited. */
import { chooseChart, type ChartSpec, type ResultLike } from '../../../shared/charts';
import type { Answer, ChatEvent } from '../../../shared/api/domains/chat';
import type { RequestContext } from '../../../shared/types/auth';
import { roleHas } from '../../../shared/types/permissions';
import { glossarySchema, type Glossary } from '../../../shared/types/semantic';
import type { AiService } from '../ai/aiService';
import { glossaryFingerprint } from '../ai/offlineEngine';
import { CancelledError, type AnswerMode, type Generation, type GenerateInput, type LlmCall } from '../ai/sqlRouter';
import type { AnswerRoute } from '../ai/telemetry';
import { cacheKeyOf, type CachedAnswer, type CacheKeyParts } from '../ai/answerCache';
import type { ContextManager } from '../context/contextManager';
import type { Logger } from '../logging';
import type { QueryService } from '../query/queryService';
import type { SourcesService } from '../sources/sourcesService';
import type { DataSource } from '../store';
import { Clarifications } from './clarifications';
import type { ConversationLog, ConversationState } from './conversationLog';
import { executeWithRepair, type Executed } from './execution';
import { suggestFollowUps } from './followUps';
import { WriteQueue } from './writeQueue';
import { narrate } from './narrative';
import { explainForRole, isCancellation } from './userErrors';

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

type Draft = CachedAnswer;

const EMPTY_STATE: ConversationState = { turns: [], fingerprint: '' };

/** Rows sent in the streamed `rows` event (the full shown result comes with the answer). */
const STREAMED_ROWS = 500;

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
  ) {
    this.writes = new WriteQueue(storeDialect === 'sqlite' ? 1 : 8);
  }

  async ask(ctx: RequestContext, request: AskRequest, io: AskIo): Promise<Answer> {
    const started = performance.now();
    const stage = (name: 'understanding' | 'sql' | 'rows' | 'chart' | 'narrative' | 'done', label: string, progress: number) => io.emit({ type: 'stage', stage: name, label, progress });
    stage('understanding', 'Understanding your question…', 0.05);
    const source = await this.sources.record(ctx, request.sourceId);
    const schema = source.schemaMetadata ?? (await this.sources.schema(ctx, source.id));
    const glossary = glossaryOf(source);
    const resolved = request.clarificationId ? this.clarifications.resolve(ctx, request.clarificationId) : undefined;
    const question = resolved?.question ?? request.question;
    const conversation = await this.writes.run(() => this.log.open(ctx, { conversationId: resolved?.conversationId ?? request.conversationId, sourceId: source.id, projectId: source.projectId, question }));
    const continuing = Boolean(resolved?.conversationId ?? request.conversationId);
    const state = continuing ? await this.log.state(ctx, conversation.id) : EMPTY_STATE;
    const mode = request.mode ?? 'auto';
    const cacheKey: CacheKeyParts = {
      orgId: ctx.orgId, role: ctx.role, sourceId: source.id, schemaVersion: schema.version, glossaryVersion: glossaryFingerprint(glossary),
      question, conversationState: state.fingerprint, mode,
    };
    this.ai.cache.invalidateSource(ctx.orgId, source.id, cacheKey);
    const calls: LlmCall[] = [];
    const finish = async (draft: Draft, route: AnswerRoute, extra: { providerId?: string; repairs?: number; sqlHash?: string; errorCode?: string } = {}) => {
      const durationMs = performance.now() - started;
      const { plan, ...shown } = draft;
      const answerBody = { ...shown, route: { ...shown.route, durationMs: Math.round(durationMs) } };
      const messageId = await this.writes.run(async () => {
        const id = await this.log.record(ctx, conversation.id, question, { answer: answerBody, plan, sourceId: source.id, question });
        await this.ai.telemetry.recordAnswer(ctx, {
          sourceId: source.id, route, providerId: extra.providerId, outcome: draft.kind, latencyMs: durationMs, cached: route === 'cache',
          confidence: draft.confidence, sqlHash: extra.sqlHash, repairs: extra.repairs ?? 0, calls, errorCode: extra.errorCode,
        });
        return id;
      });
      stage('done', 'Done', 1);
      return { ...answerBody, conversationId: conversation.id, messageId };
    };

    const key = cacheKeyOf(cacheKey);
    const cached = this.ai.cache.get(cacheKey) ?? (await this.inflight.get(key));
    throwIfCancelled(io.signal);
    if (cached) {
      this.replay(cached, io, ctx);
      return finish({ ...cached, route: { ...cached.route, cached: true } }, 'cache', { providerId: cached.route.provider });
    }
    // Identical questions asked at the same time share this computation (request coalescing).
    let share: (draft: Draft | undefined) => void = () => undefined;
    this.inflight.set(key, new Promise((resolve) => (share = resolve)));

    const input: GenerateInput = {
      ctx, question, mode, schema, glossary, previousPlan: state.previousPlan, signal: io.signal, calls,
      context: async () => (await this.context.build(ctx, { question, conversation: state.turns, source: { orgId: ctx.orgId, sourceId: source.id, schema, glossary, name: source.name } })).bundle,
    };
    try {
      const generation = await this.ai.router.generate(input);
      throwIfCancelled(io.signal);
      if (generation.kind !== 'sql') return finish(this.withoutSql(ctx, conversation.id, question, generation), generation.kind === 'clarification' ? 'offline' : 'none');
      stage('sql', generation.engine === 'llm' ? 'Writing the query with the language model…' : 'Writing the query…', 0.3);
      const executed = await executeWithRepair(generation, {
        ai: this.ai, query: this.query, sourceId: source.id, input,
        onAttempt: (g) => {
          if (roleHas(ctx.role, 'sql:see')) io.emit({ type: 'sql', sql: g.sql, explanation: g.explanation, confidence: g.confidence });
          stage('rows', `Running on ${source.name}…`, 0.45);
        },
      });
      throwIfCancelled(io.signal);
      const draft = this.present(ctx, question, executed, schema, io);
      // A degraded answer (fallback after failures) is not cached: the next ask tries the models again.
      if (!executed.generation.fallbackReason) {
        this.ai.cache.set(cacheKey, draft);
        share(draft);
      }
      return finish(draft, executed.generation.engine, { providerId: executed.generation.providerId, repairs: executed.repairs, sqlHash: executed.result.sqlHash });
    } catch (error) {
      if (isCancellation(error, io.signal)) {
        await this.ai.telemetry.recordAnswer(ctx, { sourceId: source.id, route: 'none', outcome: 'cancelled', latencyMs: performance.now() - started, cached: false, confidence: 0, repairs: 0, calls });
        throw new CancelledError();
      }
      const explained = explainForRole(error, ctx.role);
      if (explained.code === 'INTERNAL') this.logger.error('chat.answer_failed', { error, sourceId: source.id });
      const draft: Draft = {
        kind: explained.code === 'SQL_REFUSED' ? 'refusal' : 'error', headline: explained.message, actions: [], mappings: [], confidence: 0, followUps: [], error: explained,
        route: { engine: 'none', cached: false, durationMs: 0 },
      };
      return finish(draft, 'none', { errorCode: explained.code });
    } finally {
      share(undefined);
      this.inflight.delete(key);
    }
  }

  private present(ctx: RequestContext, question: string, executed: Executed, schema: Parameters<typeof suggestFollowUps>[1], io: AskIo): Draft {
    const { result, generation } = executed;
    io.emit({ type: 'rows', columns: result.columns, rows: result.rows.slice(0, STREAMED_ROWS), rowCount: result.rowCount });
    io.emit({ type: 'stage', stage: 'chart', label: 'Choosing a chart…', progress: 0.75 });
    const chart = chartFor(result, question);
    if (chart) io.emit({ type: 'chart', chart });
    io.emit({ type: 'stage', stage: 'narrative', label: 'Summarising…', progress: 0.9 });
    const story = narrate(result, generation.explanation, ctx.role);
    const narrative = [story.narrative, generation.fallbackReason].filter(Boolean).join(' ') || undefined;
    io.emit({ type: 'narrative', text: [story.headline, narrative].filter(Boolean).join(' ') });
    return {
      kind: 'answer', headline: story.headline, narrative, actions: story.actions,
      sql: roleHas(ctx.role, 'sql:see') ? result.sql : undefined,
      explanation: generation.explanation, mappings: generation.mappings, confidence: generation.confidence,
      result: { columns: result.columns, rows: result.rows, rowCount: result.rowCount, truncated: result.truncated },
      chart, followUps: suggestFollowUps(result, schema, tablesOf(result.sql, schema)),
      route: { engine: generation.engine, provider: generation.providerId, cached: false, durationMs: 0 },
      plan: generation.plan,
    };
  }

  private withoutSql(ctx: RequestContext, conversationId: string, question: string, generation: Exclude<Generation, { kind: 'sql' }>): Draft {
    const route = { engine: 'offline', cached: false, durationMs: 0 };
    if (generation.kind === 'clarification') {
      const ids = this.clarifications.open(ctx, conversationId, question, generation.clarification.options.map((o) => o.label));
      return {
        kind: 'clarification', headline: generation.clarification.question, actions: [], mappings: generation.mappings, confidence: generation.confidence, followUps: [],
        clarification: { question: generation.clarification.question, options: generation.clarification.options.map((o, i) => ({ ...o, id: ids[i] })) },
        route,
      };
    }
    const hint = 'Try naming a measure (e.g. revenue, orders) and a breakdown (by month, by region).';
    return {
      kind: 'refusal', headline: generation.message, narrative: [generation.fallbackReason, hint].filter(Boolean).join(' '), actions: [], mappings: [],
      confidence: generation.confidence, followUps: [], route: { ...route, engine: 'none' },
    };
  }

  /** A cached answer streams the same stages, instantly. */
  private replay(cached: Draft, io: AskIo, ctx: RequestContext): void {
    if (cached.sql && roleHas(ctx.role, 'sql:see')) io.emit({ type: 'sql', sql: cached.sql, explanation: cached.explanation, confidence: cached.confidence });
    if (cached.result) io.emit({ type: 'rows', columns: cached.result.columns, rows: cached.result.rows.slice(0, STREAMED_ROWS), rowCount: cached.result.rowCount });
    if (cached.chart) io.emit({ type: 'chart', chart: cached.chart });
    io.emit({ type: 'narrative', text: [cached.headline, cached.narrative].filter(Boolean).join(' ') });
  }
}

function glossaryOf(source: DataSource): Glossary | undefined {
  const parsed = glossarySchema.safeParse(source.semanticModel);
  return source.semanticModel && parsed.success ? parsed.data : undefined;
}

function chartFor(result: ResultLike, question: string): ChartSpec | undefined {
  try {
    return chooseChart(result, question);
  } catch {
    return undefined;
  }
}

/** Source tables a statement mentions (for follow-up suggestions; the guard already checked it). */
function tablesOf(sql: string, schema: { tables: Array<{ name: string }> }): string[] {
  const lower = sql.toLowerCase();
  return schema.tables.filter((t) => new RegExp(`\\b${t.name.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(lower)).map((t) => t.name);
}

function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw new CancelledError();
}
