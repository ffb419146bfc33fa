/** Regex cues of a question: numbers and comparisons, top/bottom N, superlatives, aggregation
 *  words, grouping words, time-series units, comparison and percentage wording. */
import type { TimeUnit } from './ast';
import type { AggFn } from './plan';
import type { Token } from './linker';

export interface Comparison {
  span: [number, number];
  /** '=' only from "rating of 5" / "had 3 nights": it applies to a numeric column named right before or after. */
  op: '>' | '<' | '>=' | '<=' | '=';
  value: number;
}

export interface Cues {
  comparisons: Comparison[];
  /** top/bottom N or a superlative; no limit for "rank the departments by …" (the whole ordered list). */
  rank?: { desc: boolean; limit?: number; span: [number, number]; explicitN: boolean };
  timeUnits: { unit: TimeUnit; span: [number, number] }[];
  /** "trend", "over time": a time series even without a named unit. */
  trend: boolean;
  growth: boolean;
  /** "year over year", "YoY": compare with the same period a year earlier. */
  yearOverYear: boolean;
  compare: boolean;
  percent: boolean;
  share: boolean;
  /** "as a percentage of", "ratio of … to" — the second measure divides the first. */
  ratioOf: boolean;
  distinct: boolean;
  howMany: boolean;
  daysBetween: boolean;
  followUpOpening: boolean;
  /** Character spans the linker must ignore. */
  blocked: [number, number][];
}

const SCALE: Record<string, number> = { k: 1e3, thousand: 1e3, m: 1e6, mn: 1e6, million: 1e6, bn: 1e9, billion: 1e9 };
const OPS: [RegExp, Comparison['op']][] = [
  [/^(?:more than|greater than|higher than|larger than|bigger than|over|above|exceeding|in excess of)$/, '>'],
  [/^(?:at least|no less than|minimum of)$/, '>='],
  [/^(?:less than|fewer than|lower than|smaller than|under|below)$/, '<'],
  [/^(?:at most|no more than|maximum of|up to)$/, '<='],
];
const COMPARISON_RE = /\b(more than|greater than|higher than|larger than|bigger than|over|above|exceeding|in excess of|at least|no less than|minimum of|less than|fewer than|lower than|smaller than|under|below|at most|no more than|maximum of|up to)\s+\$?(\d[\d,]*(?:\.\d+)?)\s*(k|thousand|mn|m|million|bn|billion)?\b/g;
const NUM_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, twenty: 20 };
const DESC_WORDS = 'most popular|most expensive|most|highest|biggest|largest|greatest|best|top|max|maximum|furthest|fastest|strongest|busiest';
const ASC_WORDS = 'least|lowest|fewest|smallest|worst|bottom|min|minimum|weakest|slowest|cheapest';

export const AGG_WORDS: [RegExp, AggFn][] = [
  [/^(?:average|avg|mean)$/, 'AVG'],
  [/^median$/, 'MEDIAN'],
  [/^(?:total|sum|combined|overall)$/, 'SUM'],
  [/^(?:minimum|min|smallest)$/, 'MIN'],
  [/^(?:maximum|max|largest)$/, 'MAX'],
];

function findRank(text: string, timeSpans: [number, number][]): Cues['rank'] {
  const inTime = (m: RegExpExecArray) => timeSpans.some(([s, e]) => m.index < e && m.index + m[0].length > s);
  const numRe = '(\\d+|one|two|three|four|five|six|seven|eight|nine|ten|twenty)';
  const ordering = /^\s*(?:please\s+)?(rank|sort)\b/.exec(text);
  if (ordering) {
    const start = text.indexOf(ordering[1]);
    return { desc: !/\b(ascending|lowest first|smallest first|worst first)\b/.test(text), span: [start, start + ordering[1].length], explicitN: true };
  }
  const explicit = new RegExp(`\\b(top|bottom|best|worst|first|last|highest|lowest|biggest|largest|smallest)\\s+${numRe}\\b`).exec(text);
  if (explicit && !inTime(explicit)) {
    const desc = !/^(bottom|worst|lowest|smallest)$/.test(explicit[1]);
    return { desc, limit: NUM_WORDS[explicit[2]] ?? +explicit[2], span: [explicit.index, explicit.index + explicit[0].length], explicitN: true };
  }
  const sup = new RegExp(`\\b(${DESC_WORDS}|${ASC_WORDS})\\b`).exec(text);
  if (!sup || inTime(sup)) return undefined;
  // "maximum amount paid" aggregates; only "which … has the maximum …" ranks.
  if (/^(max|maximum|min|minimum)$/.test(sup[1]) && !/\b(which|who)\b/.test(text)) return undefined;
  const desc = new RegExp(`^(${DESC_WORDS})$`).test(sup[1]);
  const counted = new RegExp(`\\b(?:which|what|our|the|are|were)\\s+${numRe}\\b`).exec(text);
  if (counted) return { desc, limit: NUM_WORDS[counted[1]] ?? +counted[1], span: [sup.index, sup.index + sup[0].length], explicitN: true };
  return { desc, limit: 1, span: [sup.index, sup.index + sup[0].length], explicitN: false };
}

const UNIT_OF: Record<string, TimeUnit> = {
  daily: 'day', day: 'day', days: 'day', date: 'day', weekly: 'week', week: 'week', weeks: 'week', monthly: 'month', month: 'month', months: 'month',
  quarterly: 'quarter', quarter: 'quarter', quarters: 'quarter', yearly: 'year', annual: 'year', annually: 'year', year: 'year', years: 'year',
};

function findTimeUnits(text: string, blockedSpans: [number, number][]): Cues['timeUnits'] {
  const out: Cues['timeUnits'] = [];
  const inBlocked = (i: number) => blockedSpans.some(([s, e]) => i >= s && i < e);
  const adjective = /\b(daily|weekly|monthly|quarterly|yearly|annual|annually)\b/g;
  for (const m of text.matchAll(adjective)) if (!inBlocked(m.index!)) out.push({ unit: UNIT_OF[m[1]], span: [m.index!, m.index! + m[0].length] });
  const grouped = /\b(by|per|each|every|and|which|what|biggest|best|worst|busiest|top|bottom|lowest|highest|\d+)\s+(?:the\s+)?(day|week|month|quarter|year)s?\b/g;
  for (const m of text.matchAll(grouped)) {
    const at = m.index! + m[0].length - m[2].length - (m[0].endsWith('s') ? 1 : 0);
    if (inBlocked(at) || out.some((o) => o.unit === UNIT_OF[m[2]])) continue;
    if (m[1] === 'and' && !/\b(by|per)\b/.test(text.slice(0, m.index!))) continue;
    out.push({ unit: UNIT_OF[m[2]], span: [at, m.index! + m[0].length] });
  }
  return out;
}

export function findCues(text: string, timeSpans: [number, number][]): Cues {
  const comparisons: Comparison[] = [];
  for (const m of text.matchAll(COMPARISON_RE)) {
    const op = OPS.find(([re]) => re.test(m[1]))![1];
    const value = Number(m[2].replace(/,/g, '')) * (m[3] ? SCALE[m[3]] : 1);
    comparisons.push({ span: [m.index!, m.index! + m[0].length], op, value });
  }
  const inTime = (at: number) => timeSpans.some(([s, e]) => at >= s && at < e);
  for (const m of text.matchAll(/\b(?:of|equal to|equals|exactly|had|has|have|having|with)\s+(\d+(?:\.\d+)?)\b(?!\s*(?:%|percent|or|days?|weeks?|months?|quarters?|years?)\b)/g)) {
    if (!inTime(m.index!) && !comparisons.some((c) => m.index! < c.span[1] && c.span[0] < m.index! + m[0].length)) {
      comparisons.push({ span: [m.index!, m.index! + m[0].length], op: '=', value: Number(m[1]) });
    }
  }
  const rank = findRank(text, timeSpans);
  const blocked: [number, number][] = [...timeSpans, ...comparisons.map((c) => c.span)];
  const timeUnits = findTimeUnits(text, blocked);
  // Adjectives stay linkable: "monthly price" may be a column; the planner drops units a column took.
  blocked.push(...timeUnits.filter((t) => !/^(daily|weekly|monthly|quarterly|yearly|annual|annually)$/.test(text.slice(...t.span))).map((t) => t.span));
  if (rank) blocked.push(rank.span);
  return {
    comparisons, rank, timeUnits, blocked,
    trend: /\b(trend|trends|trending|over time|evolution)\b/.test(text),
    growth: /\b(growth|grow|grew|growing|change|changed|increase|increased|decrease|decreased|decline|declined|delta|yoy)\b/.test(text),
    yearOverYear: /\b(year over year|year-over-year|year on year|year-on-year|yoy)\b/.test(text),
    compare: /\b(vs\.?|versus|compared?|against|next to|relative to|side by side)\b/.test(text),
    percent: /\b(percent|percentage|pct)\b|%/.test(text),
    share: /\b(share|proportion|fraction|percent|percentage)\b/.test(text),
    ratioOf: /\b(?:as an? (?:percent(?:age)?|share|fraction|proportion|ratio) of|as % of|ratio of|relative to|per cent of)\b/.test(text),
    distinct: /\b(unique|different|distinct)\b/.test(text),
    howMany: /\b(how many|number of|count of|count the|how much)\b/.test(text),
    daysBetween: /\b(how many days|how long|days (?:does it take|to|between|since)|duration|length of (?:stay|time)|time to \w+|in days|turnaround)\b/.test(text),
    followUpOpening: /^\s*(and|what about|how about|now|only|just|same|but|what if|then|also|break|split|which one|who)\b/.test(text),
  };
}

/** Aggregation word right before a token position ("average list price", "average flight distance"). */
export function aggregationBefore(tokens: Token[], at: number): AggFn | undefined {
  let qualifiers = 0;
  for (let i = at - 1; i >= Math.max(0, at - 4); i--) {
    const hit = AGG_WORDS.find(([re]) => re.test(tokens[i].text));
    if (hit) return hit[1];
    if (/^(the|of|our|a|an|number|amount)$/.test(tokens[i].text)) continue;
    // One qualifying noun may stand between ("average flight distance"), not a verb or a number.
    if (qualifiers++ > 0 || /\d|ed$|ing$/.test(tokens[i].text) || /^(by|per|for|in|and|or|with|to|from)$/.test(tokens[i].text)) break;
  }
  return undefined;
}
