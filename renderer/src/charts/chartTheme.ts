import { createContext, useContext } from 'react';
import { useTheme } from '../stores/theme';

/** A dashboard can carry its own theme; charts inside it follow it instead of the app's. */
export const ChartThemeContext = createContext<'light' | 'dark' | null>(null);

export function useChartTheme(): 'light' | 'dark' {
  const override = useContext(ChartThemeContext);
  const app = useTheme((s) => s.resolved);
  return override ?? app;
}
