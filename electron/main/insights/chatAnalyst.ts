/** The chat's analysis hook: analysis questions answered headline first with evidence and a chart;
 *  proactive cards after a time-series answer; insights stored with their message. */
import type { Answer } from '../../../shared/api/domains/chat';
import type { Insight } from '../../../shared/api/domains/insights';
import type { QueryResult } from '../../../shared/api/domains/query';
import type { RequestContext } from '../../../shared/types/auth';
import { roleHas } from '../../../shared/types/permissions';
import { flagEnabled } from '../../../shared/types/tenant';
import type { Glossary } from '../../../shared/types/semantic';
import type { SchemaInfo } from '../../../shared/types/schema';
import { sharedEngines } from '../ai/engineCache';
import type { AnalysisHook, AnalysisTurn } from '../chat/analysisHook';
import type { Draft } from '../chat/presentation';
import type { Logger } from '../logging';
import type { Nl2SqlEngine } from '../nl2sql/engine';
import type { QueryService } from '../query/queryService';
import type { Store } from '../store';
import { analyse, InsightUnavailableError } from './analyst';
import { recognizeIntent } from './intent';
import type { InsightsService } from './insightsService';
import { proactiveInsights } from './proactive';
import { SeriesFetcher } from './series';

const ANALYSIS_MAX_ROWS = 50_000;

/** Analysts and experts read the statistics; executives and managers the plain words. */
export function wantsStatistics(ctx: RequestContext): boolean {
  if (ctx.expertise) return ctx.expertise === 'analyst' || ctx.expertise === 'expert';
  return ctx.role === 'analyst' || ctx.role === 'admin';
}

/** Headline, then what it means, then (for analysts) the statistics. */
export function narrativeFor(insight: Insight, ctx: RequestContext): string {
  return [insight.summary, wantsStatistics(ctx) ? insight.statistics : ''].filter(Boolean).join(' ');
}

export class ChatAnalyst implements AnalysisHook {
  /** The insight as computed (with its SQL) behind the copy shown to a person without `sql:see`. */
  private readonly computed = new WeakMap<Insight, Insight>();

  constructor(private readonly query: QueryService, private readonly insights: InsightsService, private readonly logger: Logger, private readonly store?: Store) {}

  async settingsKey(ctx: RequestContext): Promise<string> {
    return `proactive:${await this.proactiveAllowed(ctx)}`;
  }

  /** The organization's "proactive insights" flag (on unless an administrator turned it off). */
  private async proactiveAllowed(ctx: RequestContext): Promise<boolean> {
    if (!this.store) return true;
    return flagEnabled((await this.store.organizations.get(ctx)).settings.featureFlags, 'proactiveInsights');
  }

  async answer(turn: AnalysisTurn): Promise<{ draft: Draft; sql?: string; sqlHash?: string } | null> {
    const intent = recognizeIntent(turn.question);
    if (!intent) return null;
    turn.emit({ type: 'stage', stage: 'sql', label: 'Reading the data the analysis needs…', progress: 0.3 });
    const fetcher = this.fetcher(turn);
    try {
      const analysis = await analyse(intent, fetcher);
      if (!analysis) return null;
      turn.emit({ type: 'stage', stage: 'chart', label: 'Analysing…', progress: 0.75 });
      const { insight, reading } = analysis;
      const first = insight.evidence.queries[0];
      const narrative = narrativeFor(insight, turn.ctx);
      turn.emit({ type: 'narrative', text: `${insight.headline} ${narrative}` });
      const draft: Draft = {
        kind: 'answer', headline: insight.headline, narrative, actions: insight.recommendations.map((r) => `${r.action} Expected: ${r.expectedOutcome} Watch: ${r.metricToWatch}.`),
        sql: roleHas(turn.ctx.role, 'sql:see') ? first?.sql : undefined,
        explanation: `${reading.explanation} ${insight.evidence.method}.`, mappings: [], confidence: insight.confidence,
        followUps: followUpsFor(insight), insights: [this.shown(insight, turn.ctx)],
        route: { engine: 'offline', cached: false, durationMs: 0 },
      };
      return { draft, sql: first?.sql, sqlHash: first?.sqlHash };
    } catch (error) {
      if (!(error instanceof InsightUnavailableError)) throw error;
      const draft: Draft = {
        kind: 'error', headline: error.message, actions: [], mappings: [], confidence: 0, followUps: [],
        error: { code: 'ANALYSIS_UNAVAILABLE', message: error.message, hint: error.hint }, route: { engine: 'offline', cached: false, durationMs: 0 },
      };
      return { draft };
    }
  }

  async proactive(turn: AnalysisTurn, draft: Draft, result: QueryResult): Promise<Draft> {
    if (!(await this.proactiveAllowed(turn.ctx))) return draft;
    try {
      const now = this.engineFor(turn.schema, turn.glossary).model.now ?? new Date().toISOString().slice(0, 10);
      const cards = proactiveInsights(result, { now, format: draft.chart?.yFormat ?? 'number' });
      return cards.length ? { ...draft, insights: [...(draft.insights ?? []), ...cards.map((c) => this.shown(c, turn.ctx))] } : draft;
    } catch (error) {
      this.logger.warn('insights.proactive_failed', { error, sourceId: turn.sourceId });
      return draft;
    }
  }

  async record(ctx: RequestContext, answer: Omit<Answer, 'conversationId' | 'messageId'>, origin: { messageId: string; sourceId: string; projectId: string; question: string }): Promise<void> {
    const policyFingerprint = await this.query.policyFingerprint(ctx, origin.sourceId);
    for (const insight of answer.insights ?? []) {
      await this.insights.save(ctx, this.computed.get(insight) ?? insight, { ...origin, policyFingerprint });
    }
  }

  private shown(insight: Insight, ctx: RequestContext): Insight {
    const copy = shownTo(insight, ctx);
    if (copy !== insight) this.computed.set(copy, insight);
    return copy;
  }

  private fetcher(turn: AnalysisTurn): SeriesFetcher {
    return new SeriesFetcher(this.engineFor(turn.schema, turn.glossary), (sql) => this.query.run(turn.ctx, turn.sourceId, sql, { maxRows: ANALYSIS_MAX_ROWS, signal: turn.signal, origin: 'chat' }));
  }

  /** The offline engines the chat builds, shared and bounded in bytes (see ai/engineCache). */
  private engineFor(schema: SchemaInfo, glossary: Glossary | undefined): Nl2SqlEngine {
    return sharedEngines.engineFor(schema, glossary).engine;
  }
}

/** People without `sql:see` get the evidence without the SQL text. */
function shownTo(insight: Insight, ctx: RequestContext): Insight {
  if (roleHas(ctx.role, 'sql:see')) return insight;
  return { ...insight, evidence: { ...insight.evidence, queries: insight.evidence.queries.map(({ sql: _sql, ...rest }) => rest) } };
}

function followUpsFor(insight: Insight): string[] {
  const metric = insight.metric.name;
  const period = insight.period?.label;
  const all: Record<Insight['kind'], string[]> = {
    forecast: [`any anomalies in ${metric}?`, `why did ${metric} change${period ? '' : ' last month'}?`],
    anomalies: [`forecast ${metric} for the next 3 months`, `${metric} by month`],
    'trend-break': [`forecast ${metric} for the next 3 months`],
    target: [`forecast ${metric} for the next 3 months`],
    'root-cause': [`forecast ${metric} for the next 3 months`, `any anomalies in ${metric}?`],
    significance: [`${metric} by month`],
    correlation: [`${metric} by month`],
    'what-if': [`forecast ${metric} for the next 3 months`],
  };
  return all[insight.kind];
}
