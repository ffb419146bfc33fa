import type { Answer } from '../../../../shared/api/domains/chat';
import type { Role } from '../../../../shared/types/auth';
import { roleHas } from '../../../../shared/types/permissions';
import { glossarySchema } from '../../../../shared/types/semantic';
import { storedAnswerOf } from '../../chat/conversationLog';
import { answerableWith } from '../../chat/answerable';
import { buildBriefing } from '../../chat/briefing';
import { buildSuggestions } from '../../chat/suggestions';
import type { Services } from '../../services';
import type { Conversation, Message } from '../../store';
import type { HandlerGroup } from '../types';

type ChatKeys = 'chat/ask' | 'chat/suggestions' | 'chat/feedback' | 'conversations/list' | 'conversations/get' | 'conversations/rename' | 'conversations/remove';

function conversationView(c: Conversation & { messageCount: number }) {
  return { id: c.id, title: c.title, projectId: c.projectId, sourceId: c.sourceId, updatedAt: c.updatedAt, messageCount: c.messageCount };
}

/** A stored answer keeps the SQL it was made with; it is shown only to a role that may see SQL
 *  now (a role can change after the answer was recorded). */
function messageView(m: Message, role: Role) {
  const stored = m.role === 'assistant' ? storedAnswerOf(m) : undefined;
  const answer: Answer | undefined = stored ? withoutSqlUnlessAllowed({ ...stored.answer, conversationId: m.conversationId, messageId: m.id }, role) : undefined;
  return { id: m.id, conversationId: m.conversationId, role: m.role, content: m.content, answer, feedback: m.feedback, createdAt: m.createdAt };
}

export function chatHandlers(services: Services): HandlerGroup<ChatKeys> {
  const { chat, store } = services;
  return {
    'chat/ask': async (request, call) => chat.ask(call.auth, request, { signal: call.signal, emit: (event) => call.emit(event) }),
    'chat/suggestions': async ({ sourceId }, call) => {
      const ctx = call.auth;
      const sources = await services.sources.list(ctx);
      const chosen = sourceId ? await services.sources.record(ctx, sourceId) : await firstReady(services, ctx, sources.map((s) => s.id));
      const user = await store.users.get(ctx, ctx.userId).catch(() => undefined);
      const glossary = chosen?.semanticModel ? glossarySchema.safeParse(chosen.semanticModel) : undefined;
      const source = chosen?.schemaMetadata ? { name: chosen.name, schema: chosen.schemaMetadata, glossary: glossary?.success ? glossary.data : undefined } : undefined;
      const briefs = source && chosen && (ctx.role === 'executive' || ctx.role === 'viewer');
      const briefing = briefs ? await buildBriefing(source, services.offlineEngine, (sql) => services.query.run(ctx, chosen.id, sql, { maxRows: 10, signal: call.signal, origin: 'chat' })) : undefined;
      return buildSuggestions({ ctx, displayName: user?.name, sourceCount: sources.length, source, briefing }, answerableWith(services.offlineEngine));
    },
    'chat/feedback': async ({ messageId, feedback }, call) => {
      await chat.log.feedback(call.auth, messageId, feedback);
      await store.audit.append(call.auth, { action: 'chat.feedback', target: messageId, details: { feedback } });
      return { ok: true as const };
    },
    'conversations/list': async ({ search }, call) => (await chat.log.list(call.auth, search)).map(conversationView),
    'conversations/get': async ({ id }, call) => {
      const { conversation, messages } = await chat.log.get(call.auth, id);
      return { conversation: conversationView(conversation), messages: messages.map((m) => messageView(m, call.auth.role)) };
    },
    'conversations/rename': async ({ id, title }, call) => {
      await store.conversations.update(call.auth, id, { title });
      return conversationView((await chat.log.get(call.auth, id)).conversation);
    },
    'conversations/remove': async ({ id }, call) => {
      await store.conversations.delete(call.auth, id);
      return { ok: true as const };
    },
  };
}

function withoutSqlUnlessAllowed(answer: Answer, role: Role): Answer {
  if (roleHas(role, 'sql:see')) return answer;
  const insights = answer.insights?.map((insight) => ({ ...insight, evidence: { ...insight.evidence, queries: insight.evidence.queries.map(({ sql: _sql, ...rest }) => rest) } }));
  return { ...answer, sql: undefined, ...(insights ? { insights } : {}) };
}

async function firstReady(services: Services, ctx: Parameters<Services['sources']['record']>[0], ids: string[]) {
  for (const id of ids) {
    const record = await services.sources.record(ctx, id);
    if (record.schemaMetadata) return record;
  }
  return undefined;
}
