import { create } from 'zustand';
import type { SourceView } from '../../../shared/api/domains/sources';
import { api, describeError } from '../lib/api';

const SELECTED_KEY = 'aiser.sourceId';
/** Each person's last source on this device (several people may share a browser). */
const keyFor = (userId: string | undefined) => (userId ? `${SELECTED_KEY}.${userId}` : SELECTED_KEY);

interface SourcesState {
  sources: SourceView[];
  selectedId: string | null;
  loading: boolean;
  error: string | null;
  /** Loads the sources; the selection is the person's last used one (this device, else their latest conversation). */
  load: (userId?: string) => Promise<void>;
  userId?: string;
  select: (id: string) => void;
}

export const useSources = create<SourcesState>((set, get) => ({
  sources: [],
  selectedId: null,
  loading: false,
  error: null,
  async load(userId) {
    set({ loading: true, error: null, userId });
    try {
      const sources = await api.call('sources/list', {});
      const known = (id: string | null | undefined) => (id && sources.some((s) => s.id === id) ? id : null);
      let selectedId = known(get().selectedId) ?? known(localStorage.getItem(keyFor(userId)));
      if (!selectedId && sources.length > 1) {
        const recent = await api.call('conversations/list', {}).catch(() => []);
        selectedId = known(recent.find((c) => c.sourceId)?.sourceId);
      }
      selectedId ??= sources[0]?.id ?? null;
      if (selectedId) localStorage.setItem(keyFor(userId), selectedId);
      set({ sources, selectedId, loading: false });
    } catch (error) {
      set({ loading: false, error: describeError(error).message });
    }
  },
  select(id) {
    localStorage.setItem(keyFor(get().userId), id);
    set({ selectedId: id });
  },
}));

export function useSelectedSource(): SourceView | null {
  return useSources((s) => s.sources.find((source) => source.id === s.selectedId) ?? null);
}
