import { create } from 'zustand';

interface UiState {
  /** Bumped by Ctrl/⌘+K: the question box focuses itself when it changes. */
  focusQuestionTick: number;
  requestQuestionFocus: () => void;
}

export const useUi = create<UiState>((set) => ({
  focusQuestionTick: 0,
  requestQuestionFocus: () => set((s) => ({ focusQuestionTick: s.focusQuestionTick + 1 })),
}));
