/** Okabe–Ito based, colour-blind-safe palette (7 colours), tuned for light and dark surfaces. */
export const PALETTE_LIGHT = ['#2563EB', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#6B7280'] as const;
export const PALETTE_DARK = ['#60A5FA', '#F0B429', '#34D399', '#E49AC6', '#7DD3FC', '#FB8C4C', '#9CA3AF'] as const;
export const MAX_SERIES_COLOURS = 7;

export function paletteFor(theme: 'light' | 'dark'): readonly string[] {
  return theme === 'dark' ? PALETTE_DARK : PALETTE_LIGHT;
}
