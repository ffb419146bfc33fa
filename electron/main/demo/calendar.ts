/** Calendar helpers on whole UTC days ("day numbers" = days since 1970-01-01). */
const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function dayFromParts(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

/** Parses 'YYYY-MM-DD' strictly; `label` names the option in the error the user sees. */
export function parseIsoDay(text: string, label: string): number {
  const match = ISO_DATE.exec(text);
  const day = match ? dayFromParts(Number(match[1]), Number(match[2]), Number(match[3])) : NaN;
  if (!match || formatDay(day) !== text) {
    throw new Error(`${label} must be a real calendar date written as YYYY-MM-DD (got "${text}")`);
  }
  return day;
}

export function formatDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export interface DayParts {
  year: number;
  /** 1–12 */
  month: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

export function dayParts(day: number): DayParts {
  const date = new Date(day * MS_PER_DAY);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, weekday: date.getUTCDay() };
}

export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

export interface DemoPeriod {
  /** First day with data (inclusive). */
  firstDay: number;
  /** Last day with data (inclusive): the end of the month before the reference date. */
  lastDay: number;
  /** First day after the data: the glossary's reference date for "this month", "last year"… */
  referenceDay: number;
}

const MIN_DAYS = 90;
const MAX_YEARS = 15;

/**
 * Data ends on the last day of the month before `endDate` (so every month is complete) and,
 * unless `startDate` is given, starts on January 1st three years before that, which always
 * yields at least three full calendar years.
 */
export function resolveDemoPeriod(options: { startDate?: string; endDate?: string }): DemoPeriod {
  const endParts = dayParts(parseIsoDay(options.endDate ?? todayIso(), 'endDate'));
  const referenceDay = dayFromParts(endParts.year, endParts.month, 1);
  const lastDay = referenceDay - 1;
  const firstDay = options.startDate === undefined
    ? dayFromParts(dayParts(lastDay).year - 3, 1, 1)
    : parseIsoDay(options.startDate, 'startDate');
  if (lastDay - firstDay + 1 < MIN_DAYS) {
    throw new Error(
      `The demo period ${formatDay(firstDay)}..${formatDay(lastDay)} is shorter than ${MIN_DAYS} days: ` +
      'choose an earlier startDate or a later endDate (data ends at the end of the month before endDate).',
    );
  }
  if (lastDay - firstDay + 1 > MAX_YEARS * 366) {
    throw new Error(`The demo period may span at most ${MAX_YEARS} years: choose a later startDate.`);
  }
  return { firstDay, lastDay, referenceDay };
}
