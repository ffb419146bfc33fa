import type { RequestContext } from '../../../../shared/types/auth';
import { assertNonEmpty } from '../errors';
import type { Models } from '../models';
import { OrgScopedTable } from '../scoped';
import type { VerifiedAnswer } from '../types';
import type { DataSourcesRepository } from './dataSources';

export interface NewVerifiedAnswer {
  projectId: string;
  sourceId: string;
  messageId?: string | null;
  question: string;
  sql: string;
}

/** Verified question–SQL pairs, visible to every member of the project (and its organization's admins). */
export class VerifiedAnswersRepository {
  private readonly table: OrgScopedTable<VerifiedAnswer>;

  constructor(models: Models, private readonly sources: DataSourcesRepository) {
    this.table = new OrgScopedTable(models.verifiedAnswers, { entity: 'verified answer', project: 'required', projects: models.projects, cached: true });
  }

  /** Records the pair; verifying the same answer again replaces its earlier pair. */
  async create(ctx: RequestContext, input: NewVerifiedAnswer): Promise<VerifiedAnswer> {
    assertNonEmpty('question', input.question);
    assertNonEmpty('sql', input.sql);
    await this.sources.assertVisible(ctx, input.sourceId);
    if (input.messageId) await this.table.removeWhere(ctx, { messageId: input.messageId });
    return this.table.insert(ctx, {
      projectId: input.projectId, sourceId: input.sourceId, messageId: input.messageId ?? null,
      question: input.question, sql: input.sql, verifiedBy: ctx.userId,
    });
  }

  async listForSource(ctx: RequestContext, sourceId: string): Promise<VerifiedAnswer[]> {
    return this.table.list(ctx, { sourceId }, { order: [['createdAt', 'DESC'], ['id', 'ASC']] });
  }

  async list(ctx: RequestContext, filter: { sourceId?: string; projectId?: string } = {}): Promise<VerifiedAnswer[]> {
    const where = Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined));
    return this.table.list(ctx, where, { order: [['createdAt', 'DESC'], ['id', 'ASC']] });
  }

  /** Withdraws every pair made from this answer; returns how many were removed. */
  async removeForMessage(ctx: RequestContext, messageId: string): Promise<number> {
    return this.table.removeWhere(ctx, { messageId });
  }

  async remove(ctx: RequestContext, id: string): Promise<void> {
    await this.table.remove(ctx, id);
  }
}
