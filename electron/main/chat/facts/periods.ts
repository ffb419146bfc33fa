/** Period arithmetic for comparisons: a to-date period is cut at the data's last day and compared
 *  like for like (the same days a year earlier); periods are named the way people say them. */
import { addDays, isoDate, parseIsoDate, previousPeriod, type Period } from '../../nl2sql/time';

export interface DataRange {
  /** First and last day with data (inclusive, YYYY-MM-DD). */
  first: string;
  last: string;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const SHORT = MONTHS.map((m) => m.slice(0, 3));

/** "2026-06-30" → "30 June 2026". */
export function dayLabel(iso: string): string {
  const d = parseIsoDate(iso);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

const isMonthStart = (iso: string) => iso.endsWith('-01');

/** A half-open range in words: "2025", "Q3 2026", "Jan–Nov 2026", "1 Jan–3 Dec 2026". */
export function spanLabel(start: string, end: string): string {
  const last = addDays(end, -1);
  const [sy, sm] = [+start.slice(0, 4), +start.slice(5, 7)];
  const [ly, lm] = [+last.slice(0, 4), +last.slice(5, 7)];
  const wholeMonths = isMonthStart(start) && isMonthStart(end);
  if (wholeMonths) {
    if (sm === 1 && lm === 12 && sy === ly) return String(sy);
    if (sy === ly && sm === lm) return `${MONTHS[sm - 1]} ${sy}`;
    if (sy === ly && (sm - 1) % 3 === 0 && lm === sm + 2) return `Q${(sm + 2) / 3} ${sy}`;
    return sy === ly ? `${SHORT[sm - 1]}–${SHORT[lm - 1]} ${sy}` : `${SHORT[sm - 1]} ${sy}–${SHORT[lm - 1]} ${ly}`;
  }
  const day = (iso: string) => `${+iso.slice(8, 10)} ${SHORT[+iso.slice(5, 7) - 1]}`;
  return sy === ly ? `${day(start)}–${day(last)} ${sy}` : `${day(start)} ${sy}–${day(last)} ${ly}`;
}

/** The period cut at the day after the data's last day, when it runs past it (a to-date period). */
export function capToData(period: Period, range: DataRange | undefined): { period: Period; capped: boolean } {
  if (!range) return { period, capped: false };
  const dataEnd = addDays(range.last, 1);
  if (period.end <= dataEnd || period.start >= dataEnd) return { period, capped: false };
  return { period: { start: period.start, end: dataEnd, label: spanLabel(period.start, dataEnd) }, capped: true };
}

/** The same days one year earlier (29 February falls back to the 28th). */
export function yearEarlier(period: Period): Period {
  const move = (iso: string) => {
    const d = parseIsoDate(iso);
    const moved = new Date(Date.UTC(d.getUTCFullYear() - 1, d.getUTCMonth(), d.getUTCDate()));
    return moved.getUTCMonth() === d.getUTCMonth() ? isoDate(moved) : isoDate(new Date(Date.UTC(d.getUTCFullYear() - 1, d.getUTCMonth() + 1, 0)));
  };
  const start = move(period.start);
  const end = move(period.end);
  return { start, end, label: spanLabel(start, end) };
}

/** What a single period is compared with: a to-date span with the same days a year earlier,
 *  a complete period with the one just before it. */
export function comparisonFor(period: Period, range: DataRange | undefined): { current: Period; prior: Period; likeForLike: boolean } {
  const { period: current, capped } = capToData(period, range);
  if (capped || isToDate(period)) {
    const labelled = { ...current, label: spanLabel(current.start, current.end) };
    return { current: labelled, prior: yearEarlier(labelled), likeForLike: true };
  }
  const before = previousPeriod(current);
  return { current: { ...current, label: spanLabel(current.start, current.end) }, prior: { ...before, label: spanLabel(before.start, before.end) }, likeForLike: false };
}

/** Whether a period lies entirely outside the data. */
export function outsideData(period: Period, range: DataRange | undefined): boolean {
  if (!range) return false;
  return period.start > range.last || period.end <= range.first;
}

/** The latest year of data, cut at its last day, and the same days a year earlier (for growth
 *  questions that name no period). */
export function latestYearLikeForLike(range: DataRange): { current: Period; previous: Period } {
  const year = +range.last.slice(0, 4);
  const current = capToData({ start: `${year}-01-01`, end: `${year + 1}-01-01`, label: String(year) }, range).period;
  const labelled = { ...current, label: spanLabel(current.start, current.end) };
  return { current: labelled, previous: yearEarlier(labelled) };
}

/** "year to date", "this quarter so far": a period still running when it was asked. */
export function isToDate(period: Period): boolean {
  return /\bto date\b|\bso far\b/i.test(period.label);
}

/** Length in days of a half-open period. */
export function lengthInDays(period: Period): number {
  return Math.round((parseIsoDate(period.end).getTime() - parseIsoDate(period.start).getTime()) / 86_400_000);
}
