import { create } from 'zustand';
import type { QueryEvent, QueryResult } from '../../../../shared/api/domains/query';
import { chooseChart } from '../../../../shared/charts/choose';
import type { ChartSpec } from '../../../../shared/charts/spec';
import { api, describeError, isCancelled, startStreaming } from '../../lib/api';

export const DEFAULT_SQL = `SELECT r.region_name AS region, ROUND(SUM(i.amount), 2) AS revenue
FROM order_items i
JOIN orders o ON o.order_id = i.order_id
JOIN customers c ON c.customer_id = o.customer_id
JOIN regions r ON r.region_id = c.region_id
GROUP BY r.region_name
ORDER BY revenue DESC`;

type Status = 'idle' | 'running' | 'done' | 'error' | 'cancelled';

interface SqlState {
  sql: string;
  status: Status;
  stage: string;
  rowsSoFar: number;
  result: QueryResult | null;
  chart: ChartSpec | null;
  error: { message: string; hint?: string; detail?: string } | null;
  cancel: (() => void) | null;
  setSql: (sql: string) => void;
  setChart: (chart: ChartSpec) => void;
  run: (sourceId: string) => Promise<void>;
}

/** The SQL page's state: one query at a time, streamed, cancellable. */
export const useSqlStore = create<SqlState>((set, get) => ({
  sql: DEFAULT_SQL,
  status: 'idle',
  stage: '',
  rowsSoFar: 0,
  result: null,
  chart: null,
  error: null,
  cancel: null,
  setSql: (sql) => set({ sql }),
  setChart: (chart) => set({ chart }),
  async run(sourceId) {
    get().cancel?.();
    set({ status: 'running', stage: 'Sending the query…', rowsSoFar: 0, error: null });
    const call = startStreaming<QueryResult, QueryEvent>(
      (options) => api.call('query/run', { sourceId, sql: get().sql }, options),
      (event) => {
        if (event.type === 'stage') set({ stage: event.label });
        else if (event.type === 'progress') set({ rowsSoFar: event.rows });
        else if (event.type === 'page') set((s) => ({ rowsSoFar: Math.max(s.rowsSoFar, event.offset + event.rows.length) }));
      },
    );
    set({ cancel: call.cancel });
    try {
      const result = await call.result;
      set({ status: 'done', result, chart: chooseChart(result), cancel: null, stage: '' });
    } catch (error) {
      if (isCancelled(error)) set({ status: 'cancelled', cancel: null, stage: '' });
      else set({ status: 'error', error: describeError(error), cancel: null, stage: '' });
    }
  },
}));
