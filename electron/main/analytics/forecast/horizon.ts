// "next quarter", "next 6 months", "the coming two weeks" → a number of periods of the series.
import type { Frequency } from '../series/time';

const DAYS_PER: Record<string, number> = { day: 1, week: 7, month: 30.4375, quarter: 91.3125, year: 365.25 };
const PERIOD_DAYS: Record<Frequency, number> = { daily: 1, weekly: 7, monthly: 30.4375, quarterly: 91.3125, yearly: 365.25, index: 30.4375 };
const WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, eighteen: 18, twenty: 20, thirty: 30, couple: 2, few: 3,
};
const UNIT = '(day|week|month|quarter|year|period|step)s?';

export interface ParsedHorizon {
  /** Periods of the series' frequency (rounded up, at least 1). */
  periods: number;
  unit: 'day' | 'week' | 'month' | 'quarter' | 'year' | 'period';
  count: number;
  /** The words the horizon was read from. */
  text: string;
}

function countOf(word: string | undefined): number | null {
  if (!word) return 1;
  if (/^\d+$/.test(word)) return Number(word);
  return WORDS[word.toLowerCase()] ?? null;
}

/** Reads a forecast horizon from a question; null when it names none. */
export function parseHorizon(question: string, frequency: Frequency): ParsedHorizon | null {
  const text = question.toLowerCase();
  const patterns = [
    new RegExp(`\\b(?:next|coming|following|upcoming)\\s+(?:(\\d+|[a-z]+)\\s+)?${UNIT}\\b`),
    new RegExp(`\\b(?:for|over|in|within)\\s+(?:the\\s+)?(?:next\\s+)?(\\d+|[a-z]+)\\s+${UNIT}\\b`),
    new RegExp(`\\b(\\d+)[-\\s]${UNIT}\\s+(?:ahead|forecast|horizon)\\b`),
  ];
  for (const pattern of patterns) {
    const m = pattern.exec(text);
    if (!m) continue;
    const count = countOf(m[1]);
    if (count === null || count < 1) continue;
    const unit = (m[2] === 'step' ? 'period' : m[2]) as ParsedHorizon['unit'];
    const exact = (count * DAYS_PER[unit]) / PERIOD_DAYS[frequency];
    // Calendar units rarely divide evenly (a quarter is 13.04 weeks): round when close, else cover the span.
    const periods = unit === 'period' ? count : Math.max(1, Math.abs(exact - Math.round(exact)) < 0.15 ? Math.round(exact) : Math.ceil(exact));
    return { periods, unit, count, text: m[0] };
  }
  return null;
}
