import type { ReportOrigin } from '../../../shared/api/domains/reports';
import type { ReportItem } from '../../../shared/reports/build';
import type { RequestContext } from '../../../shared/types/auth';
import { storedAnswerOf, type StoredAnswer } from '../chat/conversationLog';
import type { DashboardsService } from '../dashboards/dashboardsService';
import type { QueryService } from '../query/queryService';
import type { SourcesService } from '../sources/sourcesService';
import type { Store } from '../store';

/** Rows a report query may bring back; the report itself keeps only what it prints. */
const REPORT_MAX_ROWS = 5_000;

export interface CollectDeps { store: Store; query: QueryService; sources: SourcesService; dashboards: DashboardsService }
export interface Collected { title: string; items: ReportItem[]; failures: Array<{ title: string; message: string }> }

interface Pending { id: string; title: string; question?: string; sourceId: string; sql: string; chart?: ReportItem['chart']; narrative?: string; actions?: string[]; confidence?: number }

function fromAnswer(messageId: string, stored: StoredAnswer): Pending | null {
  const sql = stored.answer.sql;
  if (stored.answer.kind !== 'answer' || !sql) return null;
  return {
    id: messageId, title: stored.answer.headline, question: stored.question, sourceId: stored.sourceId, sql, chart: stored.answer.chart,
    narrative: stored.answer.narrative, actions: stored.answer.actions, confidence: stored.answer.confidence,
  };
}

async function pendingOf(deps: CollectDeps, ctx: RequestContext, origin: ReportOrigin): Promise<{ title: string; pending: Pending[] }> {
  switch (origin.kind) {
    case 'dashboard': {
      const dashboard = await deps.dashboards.get(ctx, origin.dashboardId);
      const ordered = [...dashboard.widgets].sort((a, b) => a.layout.y - b.layout.y || a.layout.x - b.layout.x);
      // The view already carries the SQL for roles with sql:see; for others it is hidden, and the
      // stored queries are read once for the whole dashboard (the report re-runs them, guarded).
      const hidden = ordered.some((w) => w.sql === null);
      const stored = hidden ? new Map((await deps.store.dashboards.listWidgets(ctx, dashboard.id)).map((p) => [p.widget.id, p.widget.query.sql])) : new Map<string, string>();
      return {
        title: dashboard.name,
        pending: ordered.flatMap((w) => {
          const sql = w.sql ?? stored.get(w.id);
          return sql ? [{ id: w.id, title: w.title, question: w.question ?? undefined, sourceId: w.sourceId, sql, chart: w.chart }] : [];
        }),
      };
    }
    case 'conversation': {
      const conversation = await deps.store.conversations.get(ctx, origin.conversationId);
      const messages = await deps.store.messages.list(ctx, origin.conversationId);
      const pending = messages.flatMap((m) => {
        const stored = m.role === 'assistant' ? storedAnswerOf(m) : undefined;
        const p = stored ? fromAnswer(m.id, stored) : null;
        return p ? [p] : [];
      });
      return { title: conversation.title, pending };
    }
    case 'answer': {
      const message = await deps.store.messages.get(ctx, origin.messageId);
      const stored = storedAnswerOf(message);
      const p = stored ? fromAnswer(message.id, stored) : null;
      return { title: stored?.answer.headline ?? 'Answer', pending: p ? [p] : [] };
    }
    case 'insights':
      // Insights carry their evidence as computed; ReportsService builds those reports without re-running queries.
      throw Object.assign(new Error('A report of insights has no queries to collect.'), { name: 'ValidationError' });
  }
}

/** Runs every query of a report now, as the viewer: the guarded path applies their row rules
 *  and masking exactly as on screen. A query the viewer may not run is left out and named. */
export async function collectItems(deps: CollectDeps, ctx: RequestContext, origin: ReportOrigin, options: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {}): Promise<Collected> {
  const { title, pending } = await pendingOf(deps, ctx, origin);
  if (!pending.length) throw Object.assign(new Error('There is nothing to report yet: it has no answered questions or widgets with a query.'), { name: 'ValidationError' });
  const items: ReportItem[] = [];
  const failures: Collected['failures'] = [];
  const sourceNames = new Map<string, string>();
  for (const [i, p] of pending.entries()) {
    if (options.signal?.aborted) throw new DOMException('Cancelled', 'AbortError');
    try {
      if (!sourceNames.has(p.sourceId)) sourceNames.set(p.sourceId, (await deps.sources.record(ctx, p.sourceId)).name);
      const result = await deps.query.run(ctx, p.sourceId, p.sql, { maxRows: REPORT_MAX_ROWS, signal: options.signal, origin: origin.kind === 'dashboard' ? 'dashboard' : 'chat' });
      items.push({ ...p, sourceName: sourceNames.get(p.sourceId)!, sql: result.sql, result });
    } catch (error) {
      if ((error as Error).name === 'AbortError' || options.signal?.aborted) throw error;
      failures.push({ title: p.title, message: (error as Error).message });
    }
    options.onProgress?.(i + 1, pending.length);
  }
  if (!items.length) throw Object.assign(new Error(`None of the report’s queries could run for this reader: ${failures.map((f) => f.message).join('; ')}`), { name: 'ForbiddenError' });
  return { title, items, failures };
}
