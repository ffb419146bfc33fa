/** Insights in `ai_analysis_results`: organization- and project-scoped by the store, linked to the
 *  source, the chat message and (through each query's hash) the lineage records. A stored insight
 *  is shown only to callers whose data policies on that source match the ones it was computed
 *  under, so masked or row-filtered figures never reach someone who could not see them. */
import { insightSchema, type Insight, type StoredInsight } from '../../../shared/api/domains/insights';
import type { RequestContext } from '../../../shared/types/auth';
import { roleHas } from '../../../shared/types/permissions';
import type { AnalysisResult, JsonObject, Store } from '../store';
import { NotFoundError } from '../store';

const FORMAT = 'insight/v1';

export interface InsightOrigin {
  projectId: string;
  sourceId: string;
  messageId?: string;
  question: string;
  /** The caller's data-policy fingerprint on the source when the insight was computed. */
  policyFingerprint: string;
}

interface Payload {
  format: typeof FORMAT;
  insight: Insight;
  question: string;
  createdBy: string;
  policyFingerprint: string;
}

export type PolicyFingerprint = (ctx: RequestContext, sourceId: string) => Promise<string>;

export class InsightStore {
  constructor(private readonly store: Store, private readonly fingerprint: PolicyFingerprint) {}

  async save(ctx: RequestContext, insight: Insight, origin: InsightOrigin): Promise<StoredInsight> {
    const payload: Payload = { format: FORMAT, insight, question: origin.question, createdBy: ctx.userId, policyFingerprint: origin.policyFingerprint };
    const row = await this.store.analysisResults.create(ctx, {
      projectId: origin.projectId, kind: insight.kind, payload: payload as unknown as JsonObject, confidence: insight.confidence,
      sourceId: origin.sourceId, messageId: origin.messageId ?? null,
    });
    return toStored(row, insight, ctx);
  }

  async list(ctx: RequestContext, filter: { projectId: string; kind?: Insight['kind']; limit?: number }): Promise<StoredInsight[]> {
    const rows = await this.store.analysisResults.list(ctx, { projectId: filter.projectId, kind: filter.kind });
    const visible = await this.visible(ctx, rows);
    return visible.slice(0, filter.limit ?? visible.length);
  }

  async get(ctx: RequestContext, id: string): Promise<StoredInsight> {
    const row = await this.store.analysisResults.get(ctx, id);
    const [shown] = await this.visible(ctx, [row]);
    if (!shown) throw new NotFoundError('insight', id);
    return shown;
  }

  private async visible(ctx: RequestContext, rows: AnalysisResult[]): Promise<StoredInsight[]> {
    const fingerprints = new Map<string, Promise<string>>();
    const mine = (sourceId: string) => {
      if (!fingerprints.has(sourceId)) fingerprints.set(sourceId, this.fingerprint(ctx, sourceId).catch(() => 'unavailable'));
      return fingerprints.get(sourceId) as Promise<string>;
    };
    const out: StoredInsight[] = [];
    for (const row of rows) {
      const payload = row.payload as unknown as Partial<Payload>;
      if (payload.format !== FORMAT || !row.sourceId) continue;
      if (payload.policyFingerprint !== (await mine(row.sourceId))) continue;
      const parsed = insightSchema.safeParse(payload.insight);
      if (parsed.success) out.push(toStored(row, parsed.data, ctx));
    }
    return out;
  }
}

/** People without `sql:see` get the evidence without the SQL text (the hash still links lineage). */
function toStored(row: AnalysisResult, insight: Insight, ctx: RequestContext): StoredInsight {
  const queries = roleHas(ctx.role, 'sql:see') ? insight.evidence.queries : insight.evidence.queries.map(({ sql: _sql, ...rest }) => rest);
  return {
    id: row.id, projectId: row.projectId, sourceId: row.sourceId, messageId: row.messageId, createdAt: new Date(row.createdAt).toISOString(),
    insight: { ...insight, evidence: { ...insight.evidence, queries } },
  };
}
