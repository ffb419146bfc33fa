import type { RequestContext } from '../../../../shared/types/auth';
import { StoreInputError, assertJsonObject, assertNonEmpty } from '../errors';
import type { Models } from '../models';
import { OrgScopedTable } from '../scoped';
import type { JsonObject, Widget, WidgetQuery } from '../types';
import type { DataSourcesRepository } from './dataSources';

export interface NewWidget {
  projectId: string;
  title: string;
  sourceId?: string | null;
  query: WidgetQuery;
  chartSpec?: JsonObject;
  /** e.g. `{ intervalSeconds: 900 }` or `{ onOpen: true }`. */
  refreshPolicy?: JsonObject;
}

export type WidgetPatch = Partial<Omit<NewWidget, 'projectId'>>;

/** Saved answers (question + SQL + chart) that dashboards place on their grid. */
export class WidgetsRepository {
  readonly table: OrgScopedTable<Widget>;

  constructor(models: Models, private readonly sources: DataSourcesRepository) {
    this.table = new OrgScopedTable(models.widgets, { entity: 'widget', project: 'required', projects: models.projects });
  }

  async create(ctx: RequestContext, input: NewWidget): Promise<Widget> {
    assertNonEmpty('title', input.title);
    validateQuery(input.query);
    if (input.sourceId) await this.sources.assertVisible(ctx, input.sourceId);
    return this.table.insert(ctx, {
      projectId: input.projectId,
      title: input.title.trim(),
      sourceId: input.sourceId ?? null,
      query: input.query,
      chartSpec: objectOrEmpty('chartSpec', input.chartSpec),
      refreshPolicy: objectOrEmpty('refreshPolicy', input.refreshPolicy),
    });
  }

  async list(ctx: RequestContext, filter: { projectId?: string } = {}): Promise<Widget[]> {
    return this.table.list(ctx, filter.projectId ? { projectId: filter.projectId } : undefined);
  }

  async get(ctx: RequestContext, id: string): Promise<Widget> {
    return this.table.get(ctx, id);
  }

  async update(ctx: RequestContext, id: string, patch: WidgetPatch): Promise<Widget> {
    if (patch.title !== undefined) assertNonEmpty('title', patch.title);
    if (patch.query !== undefined) validateQuery(patch.query);
    if (patch.sourceId) await this.sources.assertVisible(ctx, patch.sourceId);
    return this.table.update(ctx, id, {
      title: patch.title?.trim(),
      sourceId: patch.sourceId,
      query: patch.query,
      chartSpec: patch.chartSpec === undefined ? undefined : objectOrEmpty('chartSpec', patch.chartSpec),
      refreshPolicy: patch.refreshPolicy === undefined ? undefined : objectOrEmpty('refreshPolicy', patch.refreshPolicy),
    });
  }

  async delete(ctx: RequestContext, id: string): Promise<void> {
    return this.table.remove(ctx, id);
  }
}

function validateQuery(query: WidgetQuery): void {
  assertJsonObject('query', query);
  assertNonEmpty('query.sql', query.sql);
  if (query.question !== undefined && typeof query.question !== 'string') {
    throw new StoreInputError('query.question', 'query.question must be text when given.');
  }
}

function objectOrEmpty(field: string, value: JsonObject | undefined): JsonObject {
  if (value === undefined) return {};
  assertJsonObject(field, value);
  return value;
}
