/** Verified answers: a person vouches for an answer's SQL; the question–SQL pair is then shared by
 *  the project — matched first by the offline engine (paraphrases included) and given to language
 *  models as examples. The SQL is always re-run as the asking person (guard, masking, row policies). */
import { createHash } from 'node:crypto';
import type { RequestContext } from '../../../shared/types/auth';
import type { SchemaInfo } from '../../../shared/types/schema';
import { storedAnswerOf, type ConversationLog } from '../chat/conversationLog';
import type { ApprovedExample, ApprovedExamplesSource } from '../context/examples';
import { StoreInputError, type Store, type VerifiedAnswer } from '../store';
import { matchVerified, type ParaphraseMatch } from './paraphrase';

export interface VerifiedCandidates {
  list: VerifiedAnswer[];
  /** Changes whenever a pair is added or withdrawn: part of the answer cache key. */
  fingerprint: string;
}

export class VerifiedAnswers implements ApprovedExamplesSource {
  constructor(
    private readonly store: Store,
    private readonly log: ConversationLog,
  ) {}

  /** Marks the answer in this message verified (or withdraws it); only answers with SQL qualify. */
  async verify(ctx: RequestContext, messageId: string, verified: boolean): Promise<VerifiedAnswer | null> {
    const message = await this.store.messages.get(ctx, messageId);
    if (!verified) {
      await this.store.verifiedAnswers.removeForMessage(ctx, messageId);
      return null;
    }
    const stored = message.role === 'assistant' ? storedAnswerOf(message) : undefined;
    const sql = stored?.sql ?? stored?.answer.sql;
    if (!stored || stored.answer.kind !== 'answer' || !sql) {
      throw new StoreInputError('messageId', 'Only an answer that ran a query can be verified: pick an answer with results, not a question, clarification or error.');
    }
    const conversation = await this.store.conversations.get(ctx, message.conversationId);
    return this.store.verifiedAnswers.create(ctx, { projectId: conversation.projectId, sourceId: stored.sourceId, messageId, question: stored.question, sql });
  }

  async list(ctx: RequestContext, filter: { sourceId?: string; projectId?: string } = {}): Promise<VerifiedAnswer[]> {
    return this.store.verifiedAnswers.list(ctx, filter);
  }

  /** The pairs the caller may use for this source within one project. */
  async candidates(ctx: RequestContext, sourceId: string, projectId?: string): Promise<VerifiedCandidates> {
    const all = await this.store.verifiedAnswers.listForSource(ctx, sourceId);
    const list = projectId ? all.filter((v) => v.projectId === projectId) : all;
    const fingerprint = list.length ? createHash('sha256').update(list.map((v) => `${v.id}:${v.updatedAt}`).join(',')).digest('hex').slice(0, 16) : '';
    return { list, fingerprint };
  }

  match(question: string, candidates: readonly VerifiedAnswer[], schema: SchemaInfo): ParaphraseMatch<VerifiedAnswer> | undefined {
    return matchVerified(question, candidates, schema);
  }

  /** Few-shot examples: verified pairs first, then answers approved with a thumbs up. */
  async listApproved(ctx: RequestContext, sourceId: string): Promise<ApprovedExample[]> {
    const [verified, approved] = await Promise.all([this.store.verifiedAnswers.listForSource(ctx, sourceId), this.log.listApproved(ctx, sourceId)]);
    const questions = new Set(verified.map((v) => v.question.trim().toLowerCase()));
    return [
      ...verified.map((v) => ({ id: `verified:${v.id}`, question: v.question, sql: v.sql, verified: true })),
      ...approved.filter((a) => !questions.has(a.question.trim().toLowerCase())),
    ];
  }
}
