// Runs sandboxed with contextIsolation: exposes exactly two functions, nothing of Node or Electron.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CALL_NAMES } from '../../shared/api/callKeys';

const INVOKE = 'aiser:invoke';
const EVENT = 'aiser:event';
const allowed = new Set<string>(CALL_NAMES);
const listeners = new Map<string, Set<(event: unknown) => void>>();

ipcRenderer.on(EVENT, (_e: IpcRendererEvent, message: { requestId: string; event: unknown }) => {
  listeners.get(`event:${message.requestId}`)?.forEach((cb) => cb(message.event));
});

contextBridge.exposeInMainWorld('aiser', {
  invoke(key: string, request: unknown, requestId: string): Promise<unknown> {
    if (!allowed.has(key)) return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_CALL', message: `There is no API call named "${key}".` } });
    return ipcRenderer.invoke(INVOKE, key, request, requestId);
  },
  on(channel: string, callback: (event: unknown) => void): () => void {
    if (!channel.startsWith('event:')) throw new Error('Only event:<requestId> channels can be observed.');
    const set = listeners.get(channel) ?? new Set();
    set.add(callback);
    listeners.set(channel, set);
    return () => {
      set.delete(callback);
      if (set.size === 0) listeners.delete(channel);
    };
  },
});
