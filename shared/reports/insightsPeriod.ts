import { formatValue } from '../charts/format';

/** Rolling windows a report of insights can cover; resolved when the report is built, so a
 *  schedule's "last month" is always the month before its run. */
export const INSIGHT_WINDOWS = ['last-month', 'last-7-days', 'last-30-days', 'month-to-date'] as const;
export type InsightWindow = (typeof INSIGHT_WINDOWS)[number];

export interface InsightsPeriod { from: string; to: string; label: string }

const day = (d: Date) => d.toISOString().slice(0, 10);
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d));

function span(from: string, to: string): string {
  return from === to ? formatValue(from, 'date') : `${formatValue(from, 'date')} – ${formatValue(to, 'date')}`;
}

/** The days (inclusive, UTC) a report of insights covers: explicit dates, else a window. */
export function resolveInsightsPeriod(input: { window?: InsightWindow; from?: string; to?: string }, now: Date): InsightsPeriod {
  if (input.from || input.to) {
    if (!input.from || !input.to) throw Object.assign(new Error('Give both `from` and `to` (YYYY-MM-DD), or a window such as "last-month".'), { name: 'ValidationError' });
    if (input.from > input.to) throw Object.assign(new Error(`The period starts (${input.from}) after it ends (${input.to}); swap the dates.`), { name: 'ValidationError' });
    return { from: input.from, to: input.to, label: span(input.from, input.to) };
  }
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const today = utc(y, m, now.getUTCDate());
  const back = (days: number) => day(new Date(today.getTime() - days * 86_400_000));
  switch (input.window ?? 'last-month') {
    case 'last-month': {
      const from = day(utc(y, m - 1, 1));
      return { from, to: day(utc(y, m, 0)), label: formatValue(from, 'month') };
    }
    case 'last-7-days': return { from: back(7), to: back(1), label: `Last 7 days (${span(back(7), back(1))})` };
    case 'last-30-days': return { from: back(30), to: back(1), label: `Last 30 days (${span(back(30), back(1))})` };
    case 'month-to-date': {
      const from = day(utc(y, m, 1));
      return { from, to: day(today), label: `${formatValue(from, 'month')} to date` };
    }
  }
}
