import { create } from 'zustand';
import type { SourceView } from '../../../shared/api/domains/sources';
import { api, describeError } from '../lib/api';

const SELECTED_KEY = 'aiser.sourceId';

interface SourcesState {
  sources: SourceView[];
  selectedId: string | null;
  loading: boolean;
  error: string | null;
  load: () => Promise<void>;
  select: (id: string) => void;
}

export const useSources = create<SourcesState>((set, get) => ({
  sources: [],
  selectedId: localStorage.getItem(SELECTED_KEY),
  loading: false,
  error: null,
  async load() {
    set({ loading: true, error: null });
    try {
      const sources = await api.call('sources/list', {});
      const current = get().selectedId;
      const selectedId = sources.some((s) => s.id === current) ? current : (sources[0]?.id ?? null);
      if (selectedId) localStorage.setItem(SELECTED_KEY, selectedId);
      set({ sources, selectedId, loading: false });
    } catch (error) {
      set({ loading: false, error: describeError(error).message });
    }
  },
  select(id) {
    localStorage.setItem(SELECTED_KEY, id);
    set({ selectedId: id });
  },
}));

export function useSelectedSource(): SourceView | null {
  return useSources((s) => s.sources.find((source) => source.id === s.selectedId) ?? null);
}
