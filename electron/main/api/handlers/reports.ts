import type { Services } from '../../services';
import type { HandlerGroup } from '../types';

type ReportKeys = 'reports/preview' | 'reports/create' | 'reports/list' | 'reports/download' | 'reports/cancel'
  | 'reports/schedules/list' | 'reports/schedules/create' | 'reports/schedules/update' | 'reports/schedules/remove' | 'reports/schedules/runNow' | 'reports/schedules/runs';

export function reportHandlers(services: Services): HandlerGroup<ReportKeys> {
  const { reports, reportScheduler: schedules } = services;
  return {
    'reports/preview': async (req, call) => reports.preview(call.auth, req, { signal: call.signal, onProgress: (e) => call.emit({ type: 'progress', ...e }) }),
    'reports/create': async (req, call) => (await reports.create(call.auth, req, { signal: call.signal, onProgress: (e) => call.emit({ type: 'progress', ...e }) })).run,
    'reports/list': async ({ reportId }, call) => reports.list(call.auth, { reportId }),
    'reports/download': async ({ runId }, call) => {
      const file = await reports.download(call.auth, runId);
      return { fileName: file.fileName, mimeType: file.mimeType, base64: file.content.toString('base64') };
    },
    'reports/cancel': async ({ runId }, call) => ({ cancelled: await reports.cancelRun(call.auth, runId) }),
    'reports/schedules/list': async (_req, call) => schedules.list(call.auth),
    'reports/schedules/create': async (req, call) => schedules.create(call.auth, req),
    'reports/schedules/update': async ({ id, ...patch }, call) => schedules.update(call.auth, id, patch),
    'reports/schedules/remove': async ({ id }, call) => {
      await schedules.remove(call.auth, id);
      return { ok: true };
    },
    'reports/schedules/runNow': async ({ id }, call) => schedules.runNow(call.auth, id),
    'reports/schedules/runs': async ({ id }, call) => schedules.runs(call.auth, id),
  };
}
