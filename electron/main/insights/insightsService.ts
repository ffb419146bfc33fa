/** Stored insights for the API and for other services (reports): list, get, summarise a period. */
import type { ExecutiveSummary, Insight, StoredInsight } from '../../../shared/api/domains/insights';
import type { RequestContext } from '../../../shared/types/auth';
import type { Store } from '../store';
import { executiveSummary, type SummaryPeriod } from './executiveSummary';
import { InsightStore, type InsightOrigin, type PolicyFingerprint } from './insightStore';

/** Enough history for a summary of any period someone asks for. */
const SUMMARY_SCAN_LIMIT = 2_000;

export class InsightsService {
  readonly stored: InsightStore;

  constructor(store: Store, fingerprint: PolicyFingerprint) {
    this.stored = new InsightStore(store, fingerprint);
  }

  save(ctx: RequestContext, insight: Insight, origin: InsightOrigin): Promise<StoredInsight> {
    return this.stored.save(ctx, insight, origin);
  }

  list(ctx: RequestContext, filter: { projectId: string; kind?: Insight['kind']; limit?: number }): Promise<StoredInsight[]> {
    return this.stored.list(ctx, filter);
  }

  get(ctx: RequestContext, id: string): Promise<StoredInsight> {
    return this.stored.get(ctx, id);
  }

  /** The executive summary of a project's insights for a period (what the caller may see). */
  async executiveSummary(ctx: RequestContext, projectId: string, period: SummaryPeriod): Promise<ExecutiveSummary> {
    const records = await this.stored.list(ctx, { projectId, limit: SUMMARY_SCAN_LIMIT });
    return executiveSummary(records, period);
  }
}
