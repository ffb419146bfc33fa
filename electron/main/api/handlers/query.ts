import { ApiError } from '../../../../shared/api/errors';
import { roleHas } from '../../../../shared/types/permissions';
import type { Services } from '../../services';
import type { HandlerGroup } from '../types';

function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text; // no formula injection in spreadsheets
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function queryHandlers(services: Services): HandlerGroup<'query/run' | 'query/preview' | 'query/export'> {
  const { store } = services;
  return {
    'query/run': async ({ sourceId, sql, maxRows }, call) =>
      services.query.run(call.auth, sourceId, sql, { maxRows, signal: call.signal, onEvent: (e) => call.emit(e), origin: call.transport === 'cli' ? 'cli' : 'sql-editor' }),
    'query/preview': async ({ sourceId, table, limit }, call) => services.query.preview(call.auth, sourceId, table, limit),
    'query/export': async ({ sourceId, sql, maxRows }, call) => {
      const ctx = call.auth;
      if (!roleHas(ctx.role, 'sql:free')) throw new ApiError('FORBIDDEN', `Your role (${ctx.role}) does not allow exporting your own SQL.`, { hint: 'Export an answer or a dashboard widget instead, or ask an administrator.', detail: 'sql:free' });
      const result = await services.query.run(ctx, sourceId, sql, { maxRows, signal: call.signal, origin: 'export' });
      const masked = result.columns.filter((c) => c.masked).map((c) => c.name);
      if (masked.length && !roleHas(ctx.role, 'pii:see')) {
        await store.audit.append(ctx, { action: 'export.masked_attempt', target: sourceId, details: { columns: masked, sqlHash: result.sqlHash } });
        throw new ApiError('FORBIDDEN', `This export would include personal data (${masked.join(', ')}) that your role only sees masked, so it was not exported.`, { hint: 'Leave those columns out of the query, or ask someone with access to personal data.' });
      }
      const content = [result.columns.map((c) => csvCell(c.name)).join(','), ...result.rows.map((row) => row.map(csvCell).join(','))].join('\r\n') + '\r\n';
      await store.audit.append(ctx, { action: 'query.export', target: sourceId, details: { format: 'csv', rows: result.rowCount, sqlHash: result.sqlHash } });
      return { filename: `export-${new Date().toISOString().slice(0, 10)}.csv`, content, rowCount: result.rowCount, maskedColumns: masked };
    },
  };
}
