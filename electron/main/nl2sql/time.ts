/** Time expressions → half-open date ranges [start, end) relative to the reference date D. */

/** Bounds of an open-ended period ("before 1960", "after 2015"). */
export const OPEN_START = '0001-01-01';
export const OPEN_END = '9999-12-31';

export interface Period {
  start: string;
  end: string;
  /** Plain words for explanations, e.g. "Q1 2026". */
  label: string;
}

export interface TimeMention {
  span: [number, number];
  period?: Period;
  /** "the same quarter last year": the other period moved by this many years. */
  shiftYears?: number;
  /** "the quarter before": the period just before the other one. */
  previous?: boolean;
  /** "at the end of 2025": a point in time (for snapshot metrics). */
  point?: string;
  /** "from 2023 to 2025": one range, not two periods to compare (unless growth is asked). */
  range?: boolean;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_RE = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const NUMBER_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, a: 1 };

export function parseIsoDate(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}
export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}
export function addDays(iso: string, days: number): string {
  const d = parseIsoDate(iso);
  d.setUTCDate(d.getUTCDate() + days);
  return isoDate(d);
}
export function addMonths(iso: string, months: number): string {
  const d = parseIsoDate(iso);
  return isoDate(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1)));
}
const ymd = (y: number, m: number, day = 1) => isoDate(new Date(Date.UTC(y, m - 1, day)));
const monthIndex = (name: string) => MONTHS.findIndex((m) => m.startsWith(name.slice(0, 3))) + 1;
const monthStart = (iso: string) => `${iso.slice(0, 7)}-01`;
const quarterStart = (iso: string) => ymd(+iso.slice(0, 4), Math.floor((+iso.slice(5, 7) - 1) / 3) * 3 + 1);
const weekStart = (iso: string) => addDays(iso, -((parseIsoDate(iso).getUTCDay() + 6) % 7));

function monthLabel(iso: string): string {
  const name = MONTHS[+iso.slice(5, 7) - 1];
  return `${name[0].toUpperCase()}${name.slice(1)} ${iso.slice(0, 4)}`;
}
const yearPeriod = (y: number): Period => ({ start: ymd(y, 1), end: ymd(y + 1, 1), label: String(y) });
const quarterPeriod = (y: number, q: number): Period => ({ start: ymd(y, q * 3 - 2), end: addMonths(ymd(y, q * 3 - 2), 3), label: `Q${q} ${y}` });
const monthPeriod = (y: number, m: number): Period => ({ start: ymd(y, m), end: addMonths(ymd(y, m), 1), label: monthLabel(ymd(y, m)) });

/** Shifts a period by whole years (same length, same calendar position). */
export function shiftPeriod(p: Period, years: number): Period {
  const move = (iso: string) => `${+iso.slice(0, 4) + years}${iso.slice(4)}`;
  return { start: move(p.start), end: move(p.end), label: `${p.label} (${years < 0 ? `${-years} year${years < -1 ? 's' : ''} earlier` : `${years} years later`})` };
}

/** The period of the same length right before `p` (calendar-aligned when `p` is a month/quarter/year). */
export function previousPeriod(p: Period): Period {
  const months = (+p.end.slice(0, 4) - +p.start.slice(0, 4)) * 12 + (+p.end.slice(5, 7) - +p.start.slice(5, 7));
  const aligned = p.start.endsWith('-01') && p.end.endsWith('-01') && months > 0;
  if (aligned) return { start: addMonths(p.start, -months), end: p.start, label: `the period before ${p.label}` };
  const days = Math.round((parseIsoDate(p.end).getTime() - parseIsoDate(p.start).getTime()) / 86_400_000);
  return { start: addDays(p.start, -days), end: p.start, label: `the period before ${p.label}` };
}

type Rule = { re: RegExp; make: (m: RegExpExecArray, now: string) => Omit<TimeMention, 'span'> | undefined };

function lastN(n: number, unit: string, now: string): Period {
  const u = unit.replace(/s$/, '');
  const label = `the last ${n} ${u}${n > 1 ? 's' : ''}`;
  if (u === 'day') return { start: addDays(now, -n), end: now, label };
  if (u === 'week') return { start: addDays(weekStart(now), -7 * n), end: weekStart(now), label };
  if (u === 'month') return { start: addMonths(monthStart(now), -n), end: monthStart(now), label };
  if (u === 'quarter') return { start: addMonths(quarterStart(now), -3 * n), end: quarterStart(now), label };
  const y = +now.slice(0, 4);
  return { start: ymd(y - n, 1), end: ymd(y, 1), label };
}

function lastUnit(unit: string, now: string): Period {
  if (unit === 'year') return { ...yearPeriod(+now.slice(0, 4) - 1), label: `last year (${+now.slice(0, 4) - 1})` };
  if (unit === 'quarter') { const s = addMonths(quarterStart(now), -3); return { ...quarterPeriod(+s.slice(0, 4), (+s.slice(5, 7) + 2) / 3), label: `last quarter (Q${(+s.slice(5, 7) + 2) / 3} ${s.slice(0, 4)})` }; }
  if (unit === 'month') { const s = addMonths(monthStart(now), -1); return { start: s, end: monthStart(now), label: `last month (${monthLabel(s)})` }; }
  return { start: addDays(weekStart(now), -7), end: weekStart(now), label: 'last week' };
}

function toDate(unit: string, now: string): Period {
  const start = { year: `${now.slice(0, 4)}-01-01`, quarter: quarterStart(now), month: monthStart(now), week: weekStart(now) }[unit]!;
  return { start, end: now, label: `${unit} to date` };
}

const num = (s: string) => NUMBER_WORDS[s] ?? Number(s);

/** Most recent occurrence of a month (or quarter) without a year: this year unless it has not started yet. */
const recentYear = (month: number, now: string) => (ymd(+now.slice(0, 4), month) >= now ? +now.slice(0, 4) - 1 : +now.slice(0, 4));

const ORDINAL_QUARTER: Record<string, number> = { first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4 };

const RULES: Rule[] = [
  { re: /\b(?:the )?same (month|quarter|period|week|day|year|time) (?:of |in )?(?:last|the previous|a) year\b|\bsame period (?:a |one )?year (?:ago|earlier|before)\b/, make: () => ({ shiftYears: -1 }) },
  { re: /\b(?:the )?(?:quarter|month|year|week|period) before(?: that| it)?\b|\bprior (?:quarter|month|year|period)\b/, make: () => ({ previous: true }) },
  { re: new RegExp(`\\b(?:between|from) ${MONTH_RE} (?:and|to|through|until|-) ${MONTH_RE},? (\\d{4})\\b`), make: (m) => monthRange(+m[3], monthIndex(m[1]), monthIndex(m[2])) },
  { re: /\b(?:between|from) ((?:19|20)\d{2}) (?:and|to|through|until|-) ((?:19|20)\d{2})\b(?! (?:growth|change))/, make: (m) => ({ period: { start: ymd(+m[1], 1), end: ymd(+m[2] + 1, 1), label: `${m[1]}–${m[2]}` }, range: true }) },
  { re: new RegExp(`\\b${MONTH_RE} (\\d{1,2})(?:st|nd|rd|th)?\\s?,? (\\d{4})\\b`), make: (m) => day(+m[3], monthIndex(m[1]), +m[2]) },
  { re: new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)? (?:of )?${MONTH_RE}\\s?,? (\\d{4})\\b`), make: (m) => day(+m[3], monthIndex(m[2]), +m[1]) },
  { re: /\b(\d{4})-(\d{2})-(\d{2})\b/, make: (m) => day(+m[1], +m[2], +m[3]) },
  { re: /\b(?:the )?(first|second) half (?:of )?(\d{4})\b|\bh([12]) (\d{4})\b/, make: (m) => half(+(m[2] ?? m[4]), m[1] ? (m[1] === 'first' ? 1 : 2) : +m[3]) },
  { re: /\bq([1-4])(?: of)? (\d{4})\b|\b(\d{4}) q([1-4])\b/, make: (m) => ({ period: quarterPeriod(+(m[2] ?? m[3]), +(m[1] ?? m[4])) }) },
  { re: /\b(?:the )?(first|second|third|fourth|1st|2nd|3rd|4th) quarter (?:of |in )?(\d{4})\b/, make: (m) => ({ period: quarterPeriod(+m[2], ORDINAL_QUARTER[m[1]]) }) },
  { re: new RegExp(`\\b${MONTH_RE}(?: of)? (\\d{4})\\b`), make: (m) => ({ period: monthPeriod(+m[2], monthIndex(m[1])) }) },
  { re: /\b(?:so far this year|this year so far|year to date|year-to-date|ytd|this year)\b/, make: (_m, now) => ({ period: toDate('year', now) }) },
  { re: /\b(\d{4}) (?:so far|to date)\b/, make: (m, now) => ({ period: { start: ymd(+m[1], 1), end: now < ymd(+m[1] + 1, 1) ? now : ymd(+m[1] + 1, 1), label: `${m[1]} to date` } }) },
  { re: /\b(?:so far this quarter|quarter to date|quarter-to-date|qtd|this quarter)\b/, make: (_m, now) => ({ period: toDate('quarter', now) }) },
  { re: /\b(?:so far this month|month to date|month-to-date|mtd|this month)\b/, make: (_m, now) => ({ period: toDate('month', now) }) },
  { re: /\b(?:this week|week to date)\b/, make: (_m, now) => ({ period: toDate('week', now) }) },
  { re: /\b(?:last|past|previous|trailing|prior) (\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) (days?|weeks?|months?|quarters?|years?)\b/, make: (m, now) => ({ period: lastN(num(m[1]), m[2], now) }) },
  { re: /\b(?:over |in )?the past year\b|\bpast twelve months\b/, make: (_m, now) => ({ period: { ...lastN(12, 'months', now), label: 'the past 12 months' } }) },
  { re: /\b(?:last|previous|past|prior) (year|quarter|month|week)\b/, make: (m, now) => ({ period: lastUnit(m[1], now) }) },
  { re: /\btoday\b/, make: (_m, now) => ({ period: { start: now, end: addDays(now, 1), label: `today (${now})` } }) },
  { re: /\byesterday\b/, make: (_m, now) => ({ period: { start: addDays(now, -1), end: now, label: `yesterday (${addDays(now, -1)})` } }) },
  { re: /\bq([1-4])\b/, make: (m, now) => ({ period: quarterPeriod(recentYear(+m[1] * 3 - 2, now), +m[1]) }) },
  // "payments over 2000" compares an amount; it is not the year 2000.
  { re: /(?<!\b(?:over|above|than|under|below|exceeding|least|most|\$) ?)\b((?:19|20)\d{2})\b(?!\s*(?:k|thousand|million|\$|usd|eur|units?|items?))/, make: (m) => ({ period: yearPeriod(+m[1]) }) },
  { re: new RegExp(`\\b(?:in|during|for|of) ${MONTH_RE}\\b`), make: (m, now) => ({ period: monthPeriod(recentYear(monthIndex(m[1]), now), monthIndex(m[1])) }) },
];

function day(y: number, m: number, d: number): Omit<TimeMention, 'span'> {
  const start = ymd(y, m, d);
  return { period: { start, end: addDays(start, 1), label: start } };
}
function monthRange(y: number, from: number, to: number): Omit<TimeMention, 'span'> {
  const start = ymd(y, from);
  return { period: { start, end: addMonths(ymd(y, to), 1), label: `${monthLabel(start)} to ${monthLabel(ymd(y, to))}` } };
}
function half(y: number, h: number): Omit<TimeMention, 'span'> {
  const start = ymd(y, h === 1 ? 1 : 7);
  return { period: { start, end: addMonths(start, 6), label: `${h === 1 ? 'first' : 'second'} half of ${y}` } };
}

/** Finds the time expressions of a lower-case question, in order of appearance. */
export function findTimeMentions(text: string, now: string): TimeMention[] {
  const found: TimeMention[] = [];
  const taken = (s: number, e: number) => found.some((f) => s < f.span[1] && e > f.span[0]);
  for (const rule of RULES) {
    const re = new RegExp(rule.re.source, 'g');
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const span: [number, number] = [m.index, m.index + m[0].length];
      if (taken(...span)) continue;
      const made = rule.make(m, now);
      if (!made) continue;
      const mention: TimeMention = { span, ...made };
      const before = text.slice(Math.max(0, span[0] - 32), span[0]);
      const endOf = /\b(?:the )?end of (?:the )?$/.exec(before);
      if (endOf && mention.period) {
        mention.point = addDays(mention.period.end, -1);
        mention.span = [span[0] - endOf[0].length, span[1]];
      }
      const since = /\b(?:(?:since|from) (?:the )?(?:start|beginning) of|since|from|after|before|prior to|until|earlier than|later than) $/.exec(before);
      if (since && mention.period && !mention.point) {
        const word = since[0].trim();
        const p = mention.period;
        if (word.startsWith('since') || /^from the/.test(word)) mention.period = { start: p.start, end: now, label: `since ${p.label}` };
        else if (/^(after|later)/.test(word)) mention.period = { start: p.end, end: OPEN_END, label: `after ${p.label}` };
        else if (/^(before|prior|until|earlier)/.test(word)) mention.period = { start: OPEN_START, end: /^until/.test(word) ? p.end : p.start, label: `${word} ${p.label}` };
        if (mention.period !== p) mention.span = [span[0] - since[0].length, span[1]];
      }
      found.push(mention);
    }
  }
  return found.sort((a, b) => a.span[0] - b.span[0]);
}
