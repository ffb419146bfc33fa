import { Op, type WhereOptions } from 'sequelize';
import type { RequestContext } from '../../../../shared/types/auth';
import { StoreInputError, assertFiniteNumber, assertNonEmpty } from '../errors';
import type { Models } from '../models';
import { OrgScopedTable, toDate, type Row } from '../scoped';
import type { QueryLineage } from '../types';
import type { DataSourcesRepository } from './dataSources';

export interface NewQueryLineage {
  sourceId: string;
  sqlHash: string;
  tables: string[];
  columns: string[];
  rowCount: number;
  durationMs: number;
  /** Defaults to the caller. */
  userId?: string;
  at?: Date | string;
}

/** What each executed query read (who, when, source, SQL hash, tables, columns, row count):
 *  metadata only, never the rows themselves. */
export class LineageRepository {
  private readonly table: OrgScopedTable<QueryLineage>;

  constructor(models: Models, private readonly sources: DataSourcesRepository) {
    // BIGINT comes back from PostgreSQL as a string.
    const toRecord = (row: Row) => ({ ...row, rowCount: Number(row.rowCount) }) as unknown as QueryLineage;
    this.table = new OrgScopedTable(models.lineage, { entity: 'lineage record', project: 'none', toRecord });
  }

  async record(ctx: RequestContext, input: NewQueryLineage): Promise<QueryLineage> {
    assertNonEmpty('sqlHash', input.sqlHash);
    assertNames('tables', input.tables);
    assertNames('columns', input.columns);
    assertFiniteNumber('rowCount', input.rowCount, { integer: true, min: 0 });
    assertFiniteNumber('durationMs', input.durationMs, { min: 0 });
    await this.sources.assertVisible(ctx, input.sourceId);
    return this.table.insert(ctx, {
      userId: input.userId ?? ctx.userId,
      sourceId: input.sourceId,
      sqlHash: input.sqlHash,
      tables: input.tables,
      columns: input.columns,
      rowCount: input.rowCount,
      durationMs: Math.round(input.durationMs),
      at: toDate('at', input.at ?? new Date()),
    });
  }

  /** Newest first. */
  async list(ctx: RequestContext, filter: { sourceId?: string; userId?: string; since?: Date | string; limit?: number } = {}): Promise<QueryLineage[]> {
    const where: WhereOptions = {};
    if (filter.sourceId) Object.assign(where, { sourceId: filter.sourceId });
    if (filter.userId) Object.assign(where, { userId: filter.userId });
    if (filter.since !== undefined) Object.assign(where, { at: { [Op.gte]: toDate('since', filter.since) } });
    return this.table.list(ctx, where, { order: [['at', 'DESC'], ['id', 'ASC']], limit: filter.limit });
  }

  async get(ctx: RequestContext, id: string): Promise<QueryLineage> {
    return this.table.get(ctx, id);
  }
}

function assertNames(field: string, names: unknown): void {
  if (!Array.isArray(names) || names.some((name) => typeof name !== 'string')) {
    throw new StoreInputError(field, `${field} must be a list of names.`);
  }
}
