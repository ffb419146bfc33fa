/**
 * Assembles the context for one question: who asks and under which rules, the conversation so
 * far, the relevant slice of the source's schema, glossary entries and approved examples —
 * trimmed to a token budget by relevance. Only the caller's organization's data is used:
 * inputs are checked against `ctx.orgId` and every cache is keyed by organization.
 */
import type { RequestContext } from '../../../shared/types/auth';
import { estimateTokens, fitToBudget, type BudgetItem } from './budget';
import { bundleTable, glossaryCandidates, glossaryEntry } from './bundleParts';
import { compactConversation, rankingQuery } from './conversation/compact';
import type { Embedder } from './embeddings/embedder';
import { findInstalledModel } from './embeddings/modelFolder';
import { InMemoryVectorCache, type VectorCache } from './embeddings/vectorCache';
import { WorkerEmbedder } from './embeddings/workerEmbedder';
import { rankExamples, type ApprovedExamplesSource, type RankedExample } from './examples';
import { renderContext, renderExample, renderGlossaryEntry, renderHeader, renderTable, renderTurn } from './render';
import { assertSameOrg, SchemaRanker } from './ranking/schemaRanker';
import type { BundleGlossaryEntry, BundleTable, ContextBundle, ContextRequest, ContextUsed } from './types';

export interface ContextManagerOptions {
  examples?: ApprovedExamplesSource;
  /** Sentence-embedding model; without one, ranking is lexical only. */
  embedder?: Embedder | null;
  vectorCache?: VectorCache;
  /** Weight of the lexical score when blending with embeddings (default 0.5). */
  lexicalWeight?: number;
  /** Top-ranked tables in the schema slice (default 6). */
  topK?: number;
  /** Conversation turns kept verbatim; earlier ones are summarised (default 6). */
  keepTurns?: number;
  defaultTokenBudget?: number;
  maxExamples?: number;
  maxGlossaryEntries?: number;
}

export interface BuiltContext {
  bundle: ContextBundle;
  contextUsed: ContextUsed;
}

const DEFAULTS = { keepTurns: 6, defaultTokenBudget: 3000, maxExamples: 3, maxGlossaryEntries: 8, lexicalWeight: 0.5 };
/** The latest turns are what a follow-up refers to: they are kept whatever the budget. */
const REQUIRED_RECENT_TURNS = 2;

export class ContextManager {
  private readonly ranker: SchemaRanker;
  private readonly vectorCache: VectorCache;
  private readonly settings: typeof DEFAULTS;

  constructor(private readonly options: ContextManagerOptions = {}) {
    this.vectorCache = options.vectorCache ?? new InMemoryVectorCache();
    this.settings = { ...DEFAULTS, ...definedOnly(options) };
    this.ranker = new SchemaRanker({ embedder: options.embedder, vectorCache: this.vectorCache, lexicalWeight: this.settings.lexicalWeight, topK: options.topK });
  }

  get rankingMode(): 'lexical' | 'hybrid' {
    return this.ranker.mode;
  }

  async build(ctx: RequestContext, request: ContextRequest): Promise<BuiltContext> {
    const question = request.question?.trim();
    if (!question) throw new Error('The question is empty: type a question to build its context.');
    const budget = request.tokenBudget ?? this.settings.defaultTokenBudget;
    if (!Number.isFinite(budget) || budget <= 0) throw new Error(`The token budget must be a positive number (got ${request.tokenBudget}).`);
    const { source } = request;
    assertSameOrg(ctx, source.orgId, `source ${source.sourceId}`);
    if (request.permittedSources && !request.permittedSources.some((s) => s.id === source.sourceId)) {
      throw new Error(`Source ${source.name ?? source.sourceId} is not among the sources you may use. Ask an admin for access or pick another source.`);
    }

    const turns = request.conversation ?? [];
    const conversation = compactConversation(turns, this.settings.keepTurns);
    const query = rankingQuery(question, turns);
    const [ranked, examples] = await Promise.all([this.ranker.rank(ctx, source, query), this.rankedExamples(ctx, source.sourceId, query)]);

    const header = {
      person: { userId: ctx.userId, displayName: request.person?.displayName, role: ctx.role, department: ctx.department, expertise: ctx.expertise },
      organization: { id: ctx.orgId, name: request.organization?.name },
      project: request.project,
      permittedSources: [...(request.permittedSources ?? [])],
      policies: [...(request.policies ?? [])],
      question,
      source: { id: source.sourceId, name: source.name, dialect: source.schema.dialect, schemaVersion: source.schema.version },
    };

    const columnScores = new Map(ranked.columns.map((c) => [c.id, c.score]));
    const sliceNames = new Set(ranked.slice.tables.map((t) => t.name));
    const tables = ranked.slice.tables.map((t) => bundleTable(t, ranked.index, columnScores, sliceNames));
    const glossary = glossaryCandidates(ranked.slice.metrics.map((m) => m.name), ranked.glossary)
      .slice(0, this.settings.maxGlossaryEntries)
      .flatMap((c) => {
        const entry = glossaryEntry(c.id, source.glossary);
        return entry ? [{ entry, score: c.score }] : [];
      });

    const items: BudgetItem[] = [
      { key: 'header', tokens: estimateTokens(renderHeader(header)), priority: 1, required: true },
      ...(conversation.summary ? [{ key: 'summary', tokens: estimateTokens(conversation.summary), priority: 0.6 }] : []),
      ...conversation.recentTurns.map((turn, i, all) => ({
        key: `turn:${i}`,
        tokens: estimateTokens(renderTurn(turn)),
        priority: 0.9 + (0.05 * i) / all.length,
        required: i >= all.length - REQUIRED_RECENT_TURNS,
      })),
      ...tables.map((t) => ({ key: `table:${t.name}`, tokens: estimateTokens(renderTable(t)), priority: tablePriority(t, tables) })),
      ...glossary.map(({ entry, score }) => ({ key: `glossary:${entry.id}`, tokens: estimateTokens(renderGlossaryEntry(entry)), priority: 0.3 + 0.6 * score })),
      ...examples.map((e) => ({ key: `example:${e.id}`, tokens: estimateTokens(renderExample(e)), priority: 0.3 + (0.6 * e.score) / examples[0].score + (e.verified ? 0.1 : 0) })),
    ];
    const choice = fitToBudget(items, budget);
    const kept = (key: string) => choice.kept.has(key);

    const keptTableNames = new Set(tables.filter((t) => kept(`table:${t.name}`)).map((t) => t.name));
    const bundleTables: BundleTable[] = ranked.slice.tables
      .filter((t) => keptTableNames.has(t.name))
      .map((t) => bundleTable(t, ranked.index, columnScores, keptTableNames));
    const bundleGlossary: BundleGlossaryEntry[] = glossary.filter(({ entry }) => kept(`glossary:${entry.id}`)).map(({ entry }) => entry);
    const bundleExamples = examples.filter((e) => kept(`example:${e.id}`)).map(({ id, question: q, sql, verified }) => ({ id, question: q, sql, ...(verified ? { verified } : {}) }));
    const recentTurns = conversation.recentTurns.filter((_, i) => kept(`turn:${i}`));
    const summary = conversation.summary && kept('summary') ? conversation.summary : undefined;

    const bundle: ContextBundle = {
      ...header,
      conversation: { ...(summary ? { summary } : {}), recentTurns },
      tables: bundleTables,
      glossary: bundleGlossary,
      examples: bundleExamples,
      rankingMode: ranked.mode,
      estimatedTokens: 0,
    };
    bundle.estimatedTokens = estimateTokens(renderContext(bundle));

    const contextUsed: ContextUsed = {
      sourceId: source.sourceId,
      schemaVersion: source.schema.version,
      rankingMode: ranked.mode,
      tables: bundleTables.map((t) => t.name),
      glossary: bundleGlossary.map((g) => g.id),
      examples: bundleExamples.map((e) => e.id),
      conversation: { summarisedTurns: summary ? conversation.summarisedTurns : 0, verbatimTurns: recentTurns.length },
      estimatedTokens: bundle.estimatedTokens,
      tokenBudget: budget,
      droppedForBudget: choice.dropped,
    };
    return { bundle, contextUsed };
  }

  /** Embeds a source's table descriptions ahead of the first question. */
  warmUp(ctx: RequestContext, source: ContextRequest['source']): Promise<void> {
    return this.ranker.warmUp(ctx, source);
  }

  async dispose(): Promise<void> {
    await this.options.embedder?.dispose();
  }

  private async rankedExamples(ctx: RequestContext, sourceId: string, query: string): Promise<RankedExample[]> {
    if (!this.options.examples) return [];
    const approved = await this.options.examples.listApproved(ctx, sourceId);
    const ranked = await rankExamples(ctx, sourceId, approved, query, {
      embedder: this.options.embedder,
      vectorCache: this.vectorCache,
      lexicalWeight: this.settings.lexicalWeight,
    });
    return ranked.slice(0, this.settings.maxExamples);
  }
}

/** Ranked and metric tables by relative score (0.4..1); join-path tables sit just below the
 *  tables they connect, since a join without them cannot be written. */
function tablePriority(table: BundleTable, all: readonly BundleTable[]): number {
  const best = Math.max(...all.map((t) => t.score)) || 1;
  const relative = 0.4 + (0.6 * table.score) / best;
  if (table.reason === 'join-path') return 0.7;
  return table.reason === 'metric' ? Math.max(relative, 0.8) : relative;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Builds a ContextManager with the embedding model installed under `modelsDir` (hybrid
 * ranking), or lexical-only when none is installed or it fails to load (`embeddingProblem`
 * then says why, for the settings screen).
 */
export async function createContextManager(options: ContextManagerOptions & { modelsDir?: string; preferredModel?: string }): Promise<{ manager: ContextManager; embeddingProblem?: string }> {
  const model = options.modelsDir ? findInstalledModel(options.modelsDir, options.preferredModel) : null;
  if (!model) return { manager: new ContextManager({ ...options, embedder: null }) };
  try {
    const embedder = await WorkerEmbedder.start(model);
    return { manager: new ContextManager({ ...options, embedder }) };
  } catch (error) {
    return { manager: new ContextManager({ ...options, embedder: null }), embeddingProblem: (error as Error).message };
  }
}
