import type { RequestContext } from '../../../../shared/types/auth';
import { assertFiniteNumber, assertJsonObject, assertNonEmpty } from '../errors';
import type { Models } from '../models';
import { OrgScopedTable } from '../scoped';
import type { AnalysisResult, JsonObject } from '../types';
import type { MessagesRepository } from './conversations';
import type { DataSourcesRepository } from './dataSources';

export interface NewAnalysisResult {
  projectId: string;
  /** e.g. 'insight', 'anomaly', 'forecast', 'recommendation', 'statistics'. */
  kind: string;
  payload: JsonObject;
  /** 0..1 */
  confidence?: number | null;
  sourceId?: string | null;
  messageId?: string | null;
}

/** Stored insights, forecasts and recommendations (aggregates and findings, never source rows). */
export class AnalysisResultsRepository {
  private readonly table: OrgScopedTable<AnalysisResult>;

  constructor(
    models: Models,
    private readonly sources: DataSourcesRepository,
    private readonly messages: MessagesRepository,
  ) {
    this.table = new OrgScopedTable(models.analysisResults, { entity: 'analysis result', project: 'required', projects: models.projects });
  }

  async create(ctx: RequestContext, input: NewAnalysisResult): Promise<AnalysisResult> {
    assertNonEmpty('kind', input.kind);
    assertJsonObject('payload', input.payload);
    if (input.confidence != null) assertFiniteNumber('confidence', input.confidence, { min: 0, max: 1 });
    if (input.sourceId) await this.sources.assertVisible(ctx, input.sourceId);
    if (input.messageId) await this.messages.get(ctx, input.messageId);
    return this.table.insert(ctx, {
      projectId: input.projectId,
      kind: input.kind,
      payload: input.payload,
      confidence: input.confidence ?? null,
      sourceId: input.sourceId ?? null,
      messageId: input.messageId ?? null,
    });
  }

  async list(ctx: RequestContext, filter: { projectId?: string; kind?: string; sourceId?: string } = {}): Promise<AnalysisResult[]> {
    const where = Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined));
    return this.table.list(ctx, where, { order: [['createdAt', 'DESC'], ['id', 'ASC']] });
  }

  async get(ctx: RequestContext, id: string): Promise<AnalysisResult> {
    return this.table.get(ctx, id);
  }

  async delete(ctx: RequestContext, id: string): Promise<void> {
    return this.table.remove(ctx, id);
  }
}
