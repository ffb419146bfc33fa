// The period a change is measured against: the one just before, or the same period a year earlier.
// Ranges are inclusive YYYY-MM-DD dates; whole calendar months move by months, other ranges by days.
import { AnalyticsInputError } from '../stats/types';
import { formatIsoDate, parseIsoDate } from '../series/time';

export interface DateRange {
  from: string;
  to: string;
}

export type Comparison = 'prior' | 'year_ago';

const DAY_MS = 86_400_000;

function parts(ms: number) {
  const d = new Date(ms);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth(), day: d.getUTCDate() };
}

/** Whole months: from the 1st of a month to the last day of a month; the number of months, else null. */
function wholeMonths(from: number, to: number): number | null {
  const [a, b] = [parts(from), parts(to)];
  const lastDay = new Date(Date.UTC(b.y, b.m + 1, 0)).getUTCDate();
  if (a.day !== 1 || b.day !== lastDay) return null;
  return (b.y - a.y) * 12 + (b.m - a.m) + 1;
}

function shiftMonths(ms: number, months: number, toMonthEnd: boolean): number {
  const { y, m, day } = parts(ms);
  if (toMonthEnd) return Date.UTC(y, m + months + 1, 0);
  const last = new Date(Date.UTC(y, m + months + 1, 0)).getUTCDate();
  return Date.UTC(y, m + months, Math.min(day, last));
}

export function comparisonPeriod(range: DateRange, comparison: Comparison): DateRange {
  const [from, to] = [parseIsoDate(range.from), parseIsoDate(range.to)];
  if (from === null || to === null) throw new AnalyticsInputError(`A period needs YYYY-MM-DD dates (got ${range.from} – ${range.to}).`);
  if (to < from) throw new AnalyticsInputError(`The period ends (${range.to}) before it starts (${range.from}).`);
  const months = wholeMonths(from, to);
  if (comparison === 'year_ago') {
    return { from: formatIsoDate(shiftMonths(from, -12, false)), to: formatIsoDate(shiftMonths(to, -12, months !== null)) };
  }
  if (months !== null) return { from: formatIsoDate(shiftMonths(from, -months, false)), to: formatIsoDate(shiftMonths(to, -months, true)) };
  const days = Math.round((to - from) / DAY_MS) + 1;
  return { from: formatIsoDate(from - days * DAY_MS), to: formatIsoDate(to - days * DAY_MS) };
}
