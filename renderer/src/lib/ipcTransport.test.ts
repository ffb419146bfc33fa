import { describe, expect, it } from 'vitest';
import { ApiClient } from '../../../shared/api/client';
import { ApiError } from '../../../shared/api/errors';
import { type AiserBridge, IpcTransport } from './ipcTransport';

/** An in-memory stand-in for the preload bridge (Electron cannot start in unit tests). */
function bridge(handler: (key: string, request: unknown, requestId: string, emit: (e: unknown) => void) => Promise<unknown>) {
  const listeners = new Map<string, (e: unknown) => void>();
  const invoked: Array<{ key: string; request: unknown }> = [];
  const value: AiserBridge = {
    async invoke(key, request, requestId) {
      invoked.push({ key, request });
      try {
        return { ok: true, data: await handler(key, request, requestId, (e) => listeners.get(`event:${requestId}`)?.(e)) };
      } catch (error) {
        return { ok: false, error: (error as ApiError).toBody() };
      }
    },
    on(channel, callback) {
      listeners.set(channel, callback);
      return () => listeners.delete(channel);
    },
  };
  return { value, invoked, listeners };
}

describe('IpcTransport', () => {
  it('returns the data of an ok envelope and routes stream events by request id', async () => {
    const fake = bridge(async (_key, _req, _id, emit) => {
      emit({ type: 'stage', stage: 'checking', label: 'Checking…' });
      return { columns: [], rows: [], rowCount: 0, truncated: false, durationMs: 1, sql: 'SELECT 1', sqlHash: 'x' };
    });
    const client = new ApiClient(new IpcTransport(fake.value));
    const events: unknown[] = [];
    const result = await client.call('query/run', { sourceId: 's1', sql: 'SELECT 1' }, { onEvent: (e) => events.push(e) });
    expect(result.sql).toBe('SELECT 1');
    expect(events).toEqual([{ type: 'stage', stage: 'checking', label: 'Checking…' }]);
    expect(fake.listeners.size).toBe(0);
  });

  it('throws the structured error of a failed envelope', async () => {
    const fake = bridge(async () => { throw new ApiError('SQL_REFUSED', 'Only SELECT is allowed.', { hint: 'Remove the DELETE.' }); });
    const client = new ApiClient(new IpcTransport(fake.value));
    await expect(client.call('query/run', { sourceId: 's1', sql: 'DELETE FROM t' })).rejects.toMatchObject({ code: 'SQL_REFUSED', hint: 'Remove the DELETE.' });
  });

  it('asks main to cancel by request id when the signal aborts', async () => {
    let release: () => void = () => undefined;
    const fake = bridge((key) => (key === 'ops/cancel' ? Promise.resolve({ cancelled: true }) : new Promise((resolve) => { release = () => resolve({}); })));
    const client = new ApiClient(new IpcTransport(fake.value));
    const controller = new AbortController();
    const pending = client.call('chat/ask', { question: 'revenue', sourceId: 's1' }, { signal: controller.signal, requestId: 'req-7', onEvent: () => undefined });
    controller.abort();
    release();
    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(fake.invoked).toContainEqual({ key: 'ops/cancel', request: { requestId: 'req-7' } });
  });
});
