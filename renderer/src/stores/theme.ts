import { create } from 'zustand';

export type ThemeChoice = 'light' | 'dark' | 'system';
const KEY = 'aiser.theme';

function systemTheme(): 'light' | 'dark' {
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function resolve(choice: ThemeChoice): 'light' | 'dark' {
  return choice === 'system' ? systemTheme() : choice;
}

interface ThemeState {
  choice: ThemeChoice;
  resolved: 'light' | 'dark';
  setChoice: (choice: ThemeChoice) => void;
}

function apply(resolved: 'light' | 'dark'): void {
  document.documentElement.dataset.theme = resolved;
}

const initialChoice = (localStorage.getItem(KEY) as ThemeChoice | null) ?? 'system';

export const useTheme = create<ThemeState>((set) => ({
  choice: initialChoice,
  resolved: resolve(initialChoice),
  setChoice(choice) {
    localStorage.setItem(KEY, choice);
    const resolved = resolve(choice);
    apply(resolved);
    set({ choice, resolved });
  },
}));

apply(useTheme.getState().resolved);
window.matchMedia?.('(prefers-color-scheme: dark)').addEventListener('change', () => {
  const { choice, setChoice } = useTheme.getState();
  if (choice === 'system') setChoice('system');
});
