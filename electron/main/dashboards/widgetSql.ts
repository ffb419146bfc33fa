import type { RequestContext } from '../../../shared/types/auth';
import { roleHas } from '../../../shared/types/permissions';
import { storedAnswerOf } from '../chat/conversationLog';
import { ForbiddenError } from '../security/dataPolicies';
import type { Store } from '../store';
import type { Dashboard, Widget, WidgetQuery } from '../store/types';

/** What a widget may be saved from: a chat answer (by id) or the caller's own SQL. */
export interface WidgetSqlRequest {
  sourceId: string;
  question?: string;
  answerId?: string;
  sql?: string;
}

/**
 * The SQL a new widget keeps, decided on the server: a chat answer's SQL is read from the
 * caller's own conversation (never taken from the request), and SQL written by the caller
 * needs `sql:free` — otherwise a dashboard would be a way around that permission.
 */
export async function widgetQueryFor(store: Store, ctx: RequestContext, input: WidgetSqlRequest): Promise<{ sourceId: string; query: WidgetQuery }> {
  if (input.answerId) {
    const message = await store.messages.get(ctx, input.answerId);
    const stored = message.role === 'assistant' ? storedAnswerOf(message) : undefined;
    if (!stored || stored.answer.kind !== 'answer' || !stored.sql) {
      throw new ForbiddenError('Only an answer with a result can be saved to a dashboard.', 'Ask the question again and save the answer it gives.');
    }
    if (stored.sourceId !== input.sourceId) throw new ForbiddenError('The answer was given on another data source than the one named.', 'Save the answer from its own conversation.');
    return { sourceId: stored.sourceId, query: { sql: stored.sql, question: stored.question, origin: 'answer', answerId: message.id, authorId: ctx.userId } };
  }
  if (!input.sql) throw new ForbiddenError('Say what the widget shows: an answer from chat or your own SQL.');
  assertMayWriteSql(ctx);
  return { sourceId: input.sourceId, query: { sql: input.sql, ...(input.question ? { question: input.question } : {}), origin: 'sql', authorId: ctx.userId } };
}

function assertMayWriteSql(ctx: RequestContext): void {
  if (roleHas(ctx.role, 'sql:free')) return;
  throw new ForbiddenError('Your role cannot save SQL of its own to a dashboard.', 'Ask the question in chat and use “Save to dashboard” on the answer, or ask an analyst.');
}

/**
 * Whether the caller may run a widget's SQL. Anyone who sees the dashboard may run SQL the app
 * generated from an answer, or SQL written by someone who (still) holds `sql:free`; a widget
 * whose SQL came from elsewhere runs only for callers who could have written it themselves.
 */
export async function assertMayRunWidget(store: Store, ctx: RequestContext, dashboard: Dashboard, widget: Widget): Promise<void> {
  if (roleHas(ctx.role, 'sql:free')) return;
  if (widget.query.origin === 'answer') return;
  const authorId = widget.query.authorId ?? dashboard.ownerId;
  const author = authorId ? await store.users.get(ctx, authorId).catch(() => undefined) : undefined;
  if (author && author.status !== 'disabled' && roleHas(author.role, 'sql:free')) return;
  throw new ForbiddenError('This widget runs SQL written by someone who may no longer write SQL, so it cannot run for your role.', 'Ask the dashboard’s owner or an analyst to save it again.');
}
