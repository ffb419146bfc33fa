import { Op, type Transaction } from 'sequelize';
import type { RequestContext } from '../../../../shared/types/auth';
import { StoreInputError, assertJsonObject, assertOneOf } from '../errors';
import { insertTogether } from '../insertTogether';
import type { Models } from '../models';
import { OrgScopedTable } from '../scoped';
import { MESSAGE_FEEDBACK, MESSAGE_ROLES, type Conversation, type JsonObject, type Message, type MessageFeedback, type MessageRole } from '../types';
import type { DataSourcesRepository } from './dataSources';

export interface NewMessage {
  role: MessageRole;
  content: string;
  aiMetadata?: JsonObject | null;
}

/** Chat history. Conversations are personal: besides the project check, a non-admin only sees
 *  their own. A message is visible exactly when its conversation is. */
export class ConversationsRepository {
  readonly table: OrgScopedTable<Conversation>;

  constructor(models: Models, private readonly sources: DataSourcesRepository) {
    this.table = new OrgScopedTable(models.conversations, { entity: 'conversation', project: 'required', projects: models.projects, ownerColumn: 'userId' });
  }

  async create(ctx: RequestContext, input: { projectId: string; title?: string; sourceId?: string | null }): Promise<Conversation> {
    await this.assertCreatable(ctx, input);
    return this.insertCreatable(ctx, input);
  }

  /** The checks `create` makes (project writable, source visible), without writing: run them before
   *  a transaction that writes the conversation later with `insertCreatable`. */
  async assertCreatable(ctx: RequestContext, input: { projectId: string; sourceId?: string | null }): Promise<void> {
    if (input.sourceId) await this.sources.assertVisible(ctx, input.sourceId);
    await this.table.assertProjectWritable(ctx, input.projectId);
  }

  /** Writes a conversation `assertCreatable` accepted (`id`: chosen by the caller beforehand). */
  async insertCreatable(ctx: RequestContext, input: { id?: string; projectId: string; title?: string; sourceId?: string | null }, transaction?: Transaction): Promise<Conversation> {
    const values = {
      ...(input.id ? { id: input.id } : {}),
      projectId: input.projectId,
      userId: ctx.userId,
      title: input.title?.trim() || 'New conversation',
      sourceId: input.sourceId ?? null,
    };
    if (!transaction) return this.table.insert(ctx, values, undefined, { projectChecked: true });
    // In a (group commit's) transaction, the row joins the other answers' new conversations.
    const [created] = await insertTogether(this.table.model, [{ ...values, organizationId: ctx.orgId }], transaction);
    return this.table.toRecord(created);
  }

  async list(ctx: RequestContext, filter: { projectId?: string } = {}): Promise<Conversation[]> {
    return this.table.list(ctx, filter.projectId ? { projectId: filter.projectId } : undefined, { order: [['updatedAt', 'DESC'], ['id', 'ASC']] });
  }

  async get(ctx: RequestContext, id: string): Promise<Conversation> {
    return this.table.get(ctx, id);
  }

  async update(ctx: RequestContext, id: string, patch: { title?: string; sourceId?: string | null }): Promise<Conversation> {
    if (patch.sourceId) await this.sources.assertVisible(ctx, patch.sourceId);
    return this.table.update(ctx, id, { title: patch.title?.trim() || undefined, sourceId: patch.sourceId });
  }

  async delete(ctx: RequestContext, id: string): Promise<void> {
    return this.table.remove(ctx, id);
  }

  /** Moves the conversation to the top of the list (Sequelize stamps updatedAt with now). */
  async touch(ctx: RequestContext, id: string, transaction?: Transaction): Promise<void> {
    await this.table.model.update({ updatedAt: new Date() }, { where: this.table.scope(ctx, { id }), transaction });
  }
}

export class MessagesRepository {
  private readonly table: OrgScopedTable<Message>;

  constructor(models: Models, private readonly conversations: ConversationsRepository) {
    this.table = new OrgScopedTable(models.messages, { entity: 'message', project: 'none' });
  }

  async append(ctx: RequestContext, conversationId: string, input: NewMessage): Promise<Message> {
    const [message] = await this.appendMany(ctx, conversationId, [input]);
    return message;
  }

  /** Appends several messages in order (e.g. a question and its answer) with one insert.
   *  `created`: the caller inserted the conversation in this same transaction (for `ctx`), so it is
   *  visible, has no messages yet and was just stamped: nothing needs to be read or touched. */
  async appendMany(ctx: RequestContext, conversationId: string, inputs: readonly NewMessage[], transaction?: Transaction, options: { created?: boolean } = {}): Promise<Message[]> {
    for (const input of inputs) {
      assertOneOf('role', input.role, MESSAGE_ROLES);
      if (typeof input.content !== 'string') throw new StoreInputError('content', 'A message needs its content as text.');
      if (input.aiMetadata != null) assertJsonObject('aiMetadata', input.aiMetadata);
    }
    const created = options.created === true && transaction !== undefined;
    if (!created) await this.conversations.table.findInstance(ctx, conversationId, transaction);
    if (inputs.length === 0) return [];
    // Messages are read back in createdAt order, so each must be strictly later than the last.
    const [last] = created ? [] : await this.table.list(ctx, { conversationId }, { order: [['createdAt', 'DESC']], limit: 1, transaction });
    let previous = last ? Date.parse(last.createdAt) : -Infinity;
    const rows = inputs.map((input) => {
      const createdAt = new Date(Math.max(Date.now(), previous + 1));
      previous = createdAt.getTime();
      return {
        organizationId: ctx.orgId, conversationId, role: input.role, content: input.content, aiMetadata: input.aiMetadata ?? null,
        feedback: null, approved: false, createdAt, updatedAt: createdAt,
      };
    });
    const inserted = await insertTogether(this.table.model, rows, transaction);
    if (!created) await this.conversations.touch(ctx, conversationId, transaction);
    return inserted.map((instance) => this.table.toRecord(instance));
  }

  /** A conversation's messages, oldest first (`limit`: only the latest ones). */
  async list(ctx: RequestContext, conversationId: string, options: { limit?: number } = {}): Promise<Message[]> {
    await this.conversations.table.assertVisible(ctx, conversationId);
    if (options.limit === undefined) return this.table.list(ctx, { conversationId }, { order: [['createdAt', 'ASC'], ['id', 'ASC']] });
    const latest = await this.table.list(ctx, { conversationId }, { order: [['createdAt', 'DESC'], ['id', 'DESC']], limit: options.limit });
    return latest.reverse();
  }

  /** Recent messages across every conversation the caller may see (e.g. similar past questions). */
  async listRecent(ctx: RequestContext, options: { role?: MessageRole; limit?: number } = {}): Promise<Message[]> {
    const visible = (await this.conversations.list(ctx)).map((conversation) => conversation.id);
    const where = { conversationId: { [Op.in]: visible }, ...(options.role ? { role: options.role } : {}) };
    return this.table.list(ctx, where, { order: [['createdAt', 'DESC'], ['id', 'ASC']], limit: options.limit ?? 100 });
  }

  async get(ctx: RequestContext, id: string): Promise<Message> {
    const message = await this.table.get(ctx, id);
    await this.conversations.table.assertVisible(ctx, message.conversationId);
    return message;
  }

  async setFeedback(ctx: RequestContext, id: string, feedback: MessageFeedback | null): Promise<Message> {
    if (feedback !== null) assertOneOf('feedback', feedback, MESSAGE_FEEDBACK);
    await this.get(ctx, id);
    return this.table.update(ctx, id, { feedback });
  }

  /** Marks an answer as approved by a person (e.g. to reuse it as an example). */
  async setApproved(ctx: RequestContext, id: string, approved: boolean): Promise<Message> {
    await this.get(ctx, id);
    return this.table.update(ctx, id, { approved: approved === true });
  }

  async delete(ctx: RequestContext, id: string): Promise<void> {
    await this.get(ctx, id);
    await this.table.remove(ctx, id);
  }
}
