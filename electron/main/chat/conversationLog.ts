/** Conversation persistence glue: turns of a chat stored as messages with the answer's AI
 *  metadata, the state a follow-up needs, and approved answers as few-shot examples. */
import { createHash, randomUUID } from 'node:crypto';
import { answerSchema, type Answer } from '../../../shared/api/domains/chat';
import type { RequestContext } from '../../../shared/types/auth';
import type { ApprovedExample, ApprovedExamplesSource } from '../context/examples';
import type { ConversationTurn } from '../context/types';
import type { Conversation, JsonObject, Message, Store, StoreTransaction } from '../store';

/** Rows kept with a stored answer (aggregates that were shown, capped). */
const STORED_ROWS = 200;
/** Zero data copy: only aggregated results are kept with a conversation; row-level results
 *  (lists of customers, orders…) are shown once and re-run on demand, never stored. */
const AGGREGATING_SQL = /\b(group\s+by|count|sum|avg|min|max|median|stddev|variance)\s*\(?/i;

function storableResult(answer: StoredAnswer['answer'], sql: string | undefined): StoredAnswer['answer'] {
  if (!answer.result) return answer;
  const aggregated = Boolean(sql && AGGREGATING_SQL.test(sql));
  const rows = aggregated ? answer.result.rows.slice(0, STORED_ROWS) : [];
  return { ...answer, result: { ...answer.result, rows, truncated: answer.result.truncated || rows.length < answer.result.rows.length } };
}
const RECENT_TURNS = 12;
const TITLE_LENGTH = 80;

export interface ConversationState {
  turns: ConversationTurn[];
  previousPlan?: unknown;
  previousSql?: string;
  /** Hash of the previous answer's plan/SQL: part of the cache key. */
  fingerprint: string;
}

export interface StoredAnswer {
  answer: Omit<Answer, 'conversationId' | 'messageId'>;
  plan?: unknown;
  sourceId: string;
  question: string;
  /** The SQL that produced the answer (metadata; shown only to roles that may see SQL). */
  sql?: string;
  contextUsed?: JsonObject;
}

/** The conversation a turn belongs to. A new one is only written with its first answer (`pending`). */
export interface OpenConversation {
  id: string;
  projectId: string;
  pending?: { sourceId: string; title: string };
}

export class ConversationLog implements ApprovedExamplesSource {
  constructor(private readonly store: Store) {}

  /** The conversation to continue, or a new one in the source's project (written by `record`,
   *  together with the first answer, so a turn costs one write). */
  async open(ctx: RequestContext, input: { conversationId?: string; sourceId: string; projectId: string | null; question: string }): Promise<OpenConversation> {
    if (input.conversationId) {
      const existing = await this.store.conversations.get(ctx, input.conversationId);
      return { id: existing.id, projectId: existing.projectId };
    }
    const projectId = input.projectId ?? ctx.projectIds[0];
    if (!projectId) throw Object.assign(new Error('You are not a member of any project yet.'), { name: 'ForbiddenError', hint: 'Ask an administrator to add you to a project.' });
    await this.store.conversations.assertCreatable(ctx, { projectId, sourceId: input.sourceId });
    return { id: randomUUID(), projectId, pending: { sourceId: input.sourceId, title: input.question.slice(0, TITLE_LENGTH) } };
  }

  async state(ctx: RequestContext, conversationId: string): Promise<ConversationState> {
    const messages = await this.store.messages.list(ctx, conversationId, { limit: RECENT_TURNS });
    const turns: ConversationTurn[] = [];
    let last: StoredAnswer | undefined;
    for (const message of messages) {
      if (message.role === 'system') continue;
      const stored = storedAnswerOf(message);
      if (stored?.answer.kind === 'answer') last = stored;
      turns.push({ role: message.role, text: message.content, sql: stored?.answer.sql });
    }
    const fingerprint = last ? createHash('sha256').update(JSON.stringify([last.plan ?? null, last.answer.sql ?? null])).digest('hex').slice(0, 16) : '';
    return { turns, previousPlan: last?.plan, previousSql: last?.answer.sql, fingerprint };
  }

  /** Stores the question and the answer (and a new conversation); returns the answer's message id. */
  async record(ctx: RequestContext, conversation: OpenConversation, question: string, stored: StoredAnswer, transaction?: StoreTransaction): Promise<string> {
    const answer = storableResult(stored.answer, stored.sql ?? stored.answer.sql);
    const metadata = JSON.parse(JSON.stringify({ ...stored, answer })) as JsonObject;
    if (conversation.pending) {
      await this.store.conversations.insertCreatable(ctx, { id: conversation.id, projectId: conversation.projectId, ...conversation.pending }, transaction);
    }
    const [, reply] = await this.store.messages.appendMany(ctx, conversation.id, [
      { role: 'user', content: question },
      { role: 'assistant', content: stored.answer.headline, aiMetadata: metadata },
    ], transaction, { created: Boolean(conversation.pending) });
    return reply.id;
  }

  async list(ctx: RequestContext, search?: string): Promise<Array<Conversation & { messageCount: number }>> {
    const conversations = await this.store.conversations.list(ctx);
    const needle = search?.trim().toLowerCase();
    const out: Array<Conversation & { messageCount: number }> = [];
    for (const conversation of conversations) {
      const messages = await this.store.messages.list(ctx, conversation.id);
      const matches = !needle || conversation.title.toLowerCase().includes(needle) || messages.some((m) => m.content.toLowerCase().includes(needle));
      if (matches) out.push({ ...conversation, messageCount: messages.length });
    }
    return out;
  }

  async get(ctx: RequestContext, id: string): Promise<{ conversation: Conversation & { messageCount: number }; messages: Message[] }> {
    const conversation = await this.store.conversations.get(ctx, id);
    const messages = await this.store.messages.list(ctx, id);
    return { conversation: { ...conversation, messageCount: messages.length }, messages };
  }

  /** Thumbs up approves the answer as an example for its source; anything else withdraws it. */
  async feedback(ctx: RequestContext, messageId: string, feedback: 'up' | 'down' | null): Promise<void> {
    await this.store.messages.setFeedback(ctx, messageId, feedback);
    await this.store.messages.setApproved(ctx, messageId, feedback === 'up');
  }

  async listApproved(ctx: RequestContext, sourceId: string): Promise<ApprovedExample[]> {
    const recent = await this.store.messages.listRecent(ctx, { role: 'assistant', limit: 500 });
    return recent.flatMap((message) => {
      const stored = message.approved ? storedAnswerOf(message) : undefined;
      return stored && stored.sourceId === sourceId && stored.answer.sql ? [{ id: message.id, question: stored.question, sql: stored.answer.sql }] : [];
    });
  }
}

export function storedAnswerOf(message: Message): StoredAnswer | undefined {
  const metadata = message.aiMetadata;
  if (!metadata || typeof metadata.sourceId !== 'string' || typeof metadata.question !== 'string') return undefined;
  const parsed = answerSchema.omit({ conversationId: true, messageId: true }).safeParse(metadata.answer);
  if (!parsed.success) return undefined;
  const sql = typeof metadata.sql === 'string' ? metadata.sql : parsed.data.sql;
  return { answer: parsed.data, plan: metadata.plan ?? undefined, sourceId: metadata.sourceId, question: metadata.question, ...(sql ? { sql } : {}) };
}
