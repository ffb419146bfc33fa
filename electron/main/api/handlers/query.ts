import type { Services } from '../../container';
import type { HandlerGroup } from '../types';

export function queryHandlers(services: Services): HandlerGroup<'query/run' | 'query/preview'> {
  return {
    'query/run': async ({ sourceId, sql, maxRows }, call) =>
      services.query.run(call.auth, sourceId, sql, { maxRows, signal: call.signal, onEvent: (e) => call.emit(e), origin: call.transport === 'cli' ? 'cli' : 'sql-editor' }),
    'query/preview': async ({ sourceId, table, limit }, call) => services.query.preview(call.auth, sourceId, table, limit),
  };
}
