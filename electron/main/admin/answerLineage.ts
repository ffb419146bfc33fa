import type { RequestContext } from '../../../shared/types/auth';
import { storedAnswerOf } from '../chat/conversationLog';
import { sqlHash } from '../sql/hash';
import type { Store } from '../store';

/** How long before an answer was stored its query may have run. */
const ANSWER_WINDOW_MS = 10 * 60_000;

/** Which sources, tables and columns an answer read: the lineage records of its query. */
export async function answerLineage(store: Store, ctx: RequestContext, messageId: string) {
  const message = await store.messages.get(ctx, messageId);
  const conversation = await store.conversations.get(ctx, message.conversationId);
  const stored = storedAnswerOf(message);
  const sql = stored?.answer.sql ?? null;
  const sourceId = stored?.sourceId ?? conversation.sourceId;
  const asked = Date.parse(message.createdAt);
  const candidates = sourceId
    ? (await store.lineage.list(ctx, { sourceId, userId: conversation.userId, since: new Date(asked - ANSWER_WINDOW_MS), limit: 200 })).filter((l) => Date.parse(l.at) <= asked + 5_000)
    : [];
  const hashes = sql ? hashesOf(sql) : new Set<string>();
  const matching = candidates.filter((l) => hashes.has(l.sqlHash));
  const reads = (matching.length ? matching : candidates.slice(0, 1));
  const source = sourceId ? await store.dataSources.get(ctx, sourceId).catch(() => null) : null;
  const owner = await store.users.get(ctx, conversation.userId).catch(() => null);
  return {
    messageId, question: stored?.question ?? null, sql, askedBy: owner?.email ?? conversation.userId, at: message.createdAt,
    reads: reads.map((l) => ({ sourceId: l.sourceId, sourceName: source?.name ?? null, tables: l.tables, columns: l.columns, rowCount: l.rowCount, at: l.at })),
  };
}

function hashesOf(sql: string): Set<string> {
  return new Set([sqlHash(sql)]);
}
