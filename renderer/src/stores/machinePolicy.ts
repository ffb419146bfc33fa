import { useEffect } from 'react';
import { create } from 'zustand';
import type { ResponseOf } from '../../../shared/api/contract';
import { api } from '../lib/api';

type MachinePolicyView = ResponseOf<'system/policy'>;

interface MachinePolicyState {
  policy: MachinePolicyView | null;
  loading: boolean;
  load: () => Promise<void>;
}

/** What IT's machine policy manages; read once per signed-in window. */
export const useMachinePolicyStore = create<MachinePolicyState>((set, get) => ({
  policy: null,
  loading: false,
  async load() {
    if (get().policy || get().loading) return;
    set({ loading: true });
    try {
      set({ policy: await api.call('system/policy', {}) });
    } catch {
      // Unknown policy: keep the defaults (the server enforces what matters).
    } finally {
      set({ loading: false });
    }
  },
}));

export function useMachinePolicy(): MachinePolicyView | null {
  const policy = useMachinePolicyStore((s) => s.policy);
  const load = useMachinePolicyStore((s) => s.load);
  useEffect(() => {
    void load();
  }, [load]);
  return policy;
}
