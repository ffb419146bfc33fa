/** Recognises questions that ask for an analysis rather than a lookup: a forecast, anomalies, the
 *  reason for a change, whether a difference is significant, a correlation, or a what-if. The
 *  result keeps the rest of the question (`base`: measure, filters, period) for the NL→SQL engine.
 *  Rules are general English cues; nothing here knows a source's tables or values. */

export type Granularity = 'day' | 'week' | 'month' | 'quarter' | 'year';
export const GRANULARITIES: readonly Granularity[] = ['day', 'week', 'month', 'quarter', 'year'];

export interface Horizon {
  count: number;
  unit: Granularity;
}

interface Common {
  /** The question without the analysis words: what to fetch ("revenue in Europe"). */
  base: string;
  /** The time grain the question names ("daily", "by week", "which months"). */
  granularity?: Granularity;
}

export type AnalysisIntent =
  | (Common & { kind: 'forecast'; horizon?: Horizon })
  | (Common & { kind: 'anomalies' })
  | (Common & { kind: 'why'; direction?: 'up' | 'down'; against?: 'previous' | 'last-year' })
  | (Common & { kind: 'significance' })
  | (Common & { kind: 'correlation'; terms: [string, string] })
  | (Common & { kind: 'whatIf'; driver: string; change: number; target?: string });

export type AnalysisKind = AnalysisIntent['kind'];

const NUMBER_WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
};
const UNIT = '(day|week|month|quarter|year)s?';
const COUNT = `(\\d+|${Object.keys(NUMBER_WORDS).join('|')})`;

const UP_WORDS = 'rise|rises|rose|risen|increase|increases|increased|jump|jumps|jumped|grow|grows|grew|growth|up|higher|spike|spiked|surge|surged|climb|climbed|improve|improved|improvement|gain|gains|boost';
const DOWN_WORDS = 'drop|drops|dropped|fall|falls|fell|fallen|decline|declines|declined|dip|dips|dipped|decrease|decreases|decreased|lower|down|shrink|shrank|slump|slumped|slowdown|slow|weaker|loss|cut|cuts|reduce|reduced|reduction';
const NEUTRAL_CHANGE = 'different|difference|change|changes|changed|move|moved|shift|shifted|swing|so';

const whole = (words: string) => new RegExp(`\\b(?:${words})\\b`, 'i');

function tidy(text: string): string {
  return text.replace(/[?!.,;:]+\s*$/g, '').replace(/\s{2,}/g, ' ').replace(/^[\s,]+|[\s,]+$/g, '').trim();
}

function countOf(word: string | undefined): number {
  if (!word) return 1;
  return /^\d+$/.test(word) ? Number(word) : NUMBER_WORDS[word.toLowerCase()] ?? 1;
}

/** "daily", "by week", "per month", "which days": the grain of the series, not a period ("next 6 months"). */
export function granularityOf(question: string): Granularity | undefined {
  const q = question.toLowerCase();
  const adjective = /\b(daily|weekly|monthly|quarterly|yearly|annual|annually)\b/.exec(q)?.[1];
  if (adjective) return ({ daily: 'day', weekly: 'week', monthly: 'month', quarterly: 'quarter', yearly: 'year', annual: 'year', annually: 'year' } as const)[adjective as 'daily'];
  const by = new RegExp(`\\b(?:by|per|each|every)\\s+${UNIT}\\b`).exec(q)?.[1];
  if (by) return by as Granularity;
  const plural = new RegExp(`\\b(which|what|unusual|abnormal|odd|strange|any|the)\\s+(day|week|month|quarter|year)s\\b`).exec(q)?.[2];
  return plural as Granularity | undefined;
}

function horizonOf(question: string): { horizon?: Horizon; span?: RegExpExecArray } {
  const match = new RegExp(`\\b(?:(?:for|over|in|during|within)\\s+)?(?:the\\s+)?(?:next|coming|upcoming|following)\\s+(?:${COUNT}\\s+)?${UNIT}\\b`, 'i').exec(question);
  if (!match) return {};
  return { horizon: { count: countOf(match[1]), unit: match[2].toLowerCase() as Granularity }, span: match };
}

function cut(text: string, match: RegExpExecArray | null | undefined): string {
  return match ? `${text.slice(0, match.index)} ${text.slice(match.index + match[0].length)}` : text;
}

// ── what-if ────────────────────────────────────────────────────────────────────────────────
const PERCENT = '([+-]?\\d+(?:\\.\\d+)?)\\s*(?:%|percent|per cent|pct)';
const VERB_UP = 'rises|rise|rose|increases|increase|increased|grows|grow|grew|goes up|go up|went up|is up|are up|up|jumps|jump|jumped|improves|improve|improved|climbs|climb|raised|boosted';
const VERB_DOWN = 'drops|drop|dropped|falls|fall|fell|decreases|decrease|decreased|declines|decline|declined|goes down|go down|went down|is down|are down|down|shrinks|shrink|shrank|cut|reduced|lowered';
const ACTION_UP = 'increase|raise|grow|boost|lift';
const ACTION_DOWN = 'decrease|cut|reduce|lower|drop';

function whatIf(question: string): AnalysisIntent | null {
  const lead = /^\s*(?:what(?:'s|\s+is)?\s+(?:happens|would happen|will happen)\s+to\s+(.+?)\s+if|what would happen if|what happens if|what if|suppose(?:\s+that)?|assuming(?:\s+that)?|scenario:?|if)\s+/i.exec(question);
  if (!lead) return null;
  let target = lead[1] ? tidy(lead[1]) : undefined;
  let rest = question.slice(lead[0].length);
  const tail = /,?\s*(?:what|how much|how many)\s+(?:would|will|does|do)\s+(.+?)\s+(?:be|become|look like|do)\s*\??\s*$/i.exec(rest);
  if (tail) {
    target = tidy(tail[1]);
    rest = rest.slice(0, tail.index);
  }
  const aux = '(?:(?:is|are|was|were|gets|get|got|goes|go|went|would|will)\\s+)?';
  const passive = new RegExp(`^(?:we\\s+)?(.+?)\\s+${aux}(${VERB_UP}|${VERB_DOWN})\\s+(?:by\\s+)?${PERCENT}(.*)$`, 'i').exec(rest);
  const active = new RegExp(`^(?:we|you|they|i)?\\s*(${ACTION_UP}|${ACTION_DOWN})\\s+(.+?)\\s+by\\s+${PERCENT}(.*)$`, 'i').exec(rest);
  let driver: string;
  let verb: string;
  let amount: number;
  let after: string;
  if (active) [, verb, driver, amount, after] = [active[0], active[1], active[2], Number(active[3]), active[4]];
  else if (passive) [, driver, verb, amount, after] = [passive[0], passive[1], passive[2], Number(passive[3]), passive[4]];
  else return null;
  const down = whole(`${VERB_DOWN}|${ACTION_DOWN}`).test(verb) && !whole(VERB_UP).test(verb);
  const change = (down ? -Math.abs(amount) : amount) / 100;
  driver = tidy(driver);
  if (!driver || !Number.isFinite(change)) return null;
  return { kind: 'whatIf', driver, change, target, base: tidy(`${driver} ${tidy(after)}`) };
}

// ── why ────────────────────────────────────────────────────────────────────────────────────
const WHY_LEAD = /^\s*(?:why\s+(?:did|does|do|is|are|was|were|has|have|had)?|what\s+(?:caused|causes|drove|drives|explains|explained|led to|is behind|was behind|'s behind|is driving|was driving)|explain|what\s+(?:is|are|was|were)\s+the\s+reasons?\s+(?:for|behind)|reasons?\s+(?:for|behind)|root\s+causes?\s+(?:of|for)|(?:what|which)\s+(?:segments?|regions?|products?|factors?)\s+(?:drove|caused|explain))\s*/i;

function why(question: string): AnalysisIntent | null {
  const lead = WHY_LEAD.exec(question);
  if (!lead) return null;
  let rest = question.slice(lead[0].length);
  const up = whole(UP_WORDS).exec(rest);
  const down = whole(DOWN_WORDS).exec(rest);
  const direction = up && (!down || up.index < down.index) ? 'up' : down ? 'down' : undefined;
  // A bare "explain X" asks for a description, not the cause of a change, unless a change is named.
  if (/^\s*explain\s*$/i.test(lead[0]) && !direction && !whole(NEUTRAL_CHANGE).test(rest)) return null;
  const lastYear = /\s*\b(?:compared\s+(?:with|to)|vs\.?|versus|against)\s+(?:the\s+same\s+\w+\s+)?last\s+year\b|\s*\byear[- ]over[- ]year\b/i.exec(rest);
  rest = cut(rest, lastYear);
  rest = rest.replace(new RegExp(`^\\s*(?:the|this|that|a)\\s+(?:${UP_WORDS}|${DOWN_WORDS}|${NEUTRAL_CHANGE})\\s+(?:in|of)\\s+`, 'i'), '');
  rest = rest.replace(new RegExp(`\\b(?:${UP_WORDS}|${DOWN_WORDS}|${NEUTRAL_CHANGE})\\b(?:\\s+so\\s+much)?`, 'gi'), ' ');
  const base = tidy(rest);
  if (!base) return null;
  return { kind: 'why', direction, against: lastYear ? 'last-year' : 'previous', base, granularity: granularityOf(question) };
}

// ── significance ───────────────────────────────────────────────────────────────────────────
const SIGNIFICANCE = /\bsignifican(?:t|tly|ce)\b|\bstatistically\b|\b(?:real|genuine)\s+or\s+(?:just\s+)?(?:noise|chance|random)|\b(?:due\s+to|by|just)\s+(?:random\s+)?chance\b|\bjust\s+noise\b/i;

function significance(question: string): AnalysisIntent | null {
  if (!SIGNIFICANCE.test(question)) return null;
  const base = tidy(question
    .replace(/^\s*(?:is|are|was|were|could|can|would)\s+(?:the\s+|that\s+|this\s+)?/i, '')
    .replace(/\b(?:difference|gap|drop|change|increase|decrease|rise|fall)\s+(?:in|of)\s+/i, '')
    .replace(SIGNIFICANCE, ' ')
    .replace(/\b(?:real|genuine|be|or|noise)\b/gi, ' ')
    .replace(/\b(?:higher|lower|bigger|smaller|more|less)\b/gi, ' '));
  return { kind: 'significance', base, granularity: granularityOf(question) };
}

// ── correlation ────────────────────────────────────────────────────────────────────────────
function trimTerm(term: string): string {
  return tidy(term.replace(/\s+(?:by|per|each|every)\s+(?:day|week|month|quarter|year)s?\b.*$/i, '').replace(/\s+(?:in|for|during|over|across|this|last)\b.*$/i, '').replace(/^(?:the)\s+/i, ''));
}

function correlation(question: string): AnalysisIntent | null {
  const patterns = [
    /\b(?:is|are|was|were|how)\s+(.+?)\s+(?:correlated|associated|linked|related)\s+(?:with|to)\s+(.+)$/i,
    /\b(?:correlation|relationship|relation|association|link)\s+(?:between|of)\s+(.+?)\s+(?:and|with|to)\s+(.+)$/i,
    /\b(?:does|do|did)\s+(.+?)\s+(?:relate|correlate|move)\s+(?:to|with)\s+(.+)$/i,
    /\b(?:does|do|did)\s+(.+?)\s+and\s+(.+?)\s+(?:move|go|rise and fall)\s+together\b/i,
    /^\s*(?:correlate|correlation of)\s+(.+?)\s+(?:and|with)\s+(.+)$/i,
  ];
  for (const pattern of patterns) {
    const match = pattern.exec(question);
    if (!match) continue;
    const terms: [string, string] = [trimTerm(match[1]), trimTerm(match[2])];
    if (!terms[0] || !terms[1]) continue;
    const scope = /\s+(?:in|for|during|over|across|this|last)\b.*$/i.exec(match[2])?.[0] ?? '';
    return { kind: 'correlation', terms, base: tidy(`${terms[0]} and ${terms[1]}${tidy(scope) ? ` ${tidy(scope)}` : ''}`), granularity: granularityOf(question) };
  }
  return null;
}

// ── forecast ───────────────────────────────────────────────────────────────────────────────
const FORECAST_WORDS = /\b(?:forecasts?|forecasting|predict(?:ed|ion|ions)?|projected|projections?|project|outlook|extrapolate)\b/i;
const WILL_BE = /^\s*(?:what|how\s+much|how\s+many)\s+(?:(?:will|would)\s+)?(.+?)\s+(?:(?:will|would|is\s+going\s+to|are\s+going\s+to)\s+(?:we\s+)?(?:(.+?)\s+)?)?(?:be|make|sell|get|have|reach|look\s+like)\b/i;
const HEADING = /^\s*where\s+(?:is|are)\s+(.+?)\s+(?:heading|going|trending)\b/i;
const EXPECT = /\b(?:should|can|do|will)\s+we\s+expect\b|\bexpected\b/i;

function forecast(question: string): AnalysisIntent | null {
  const { horizon, span } = horizonOf(question);
  const heading = HEADING.exec(question);
  const will = WILL_BE.exec(question);
  if (!FORECAST_WORDS.test(question) && !heading && !(will && horizon) && !(EXPECT.test(question) && horizon) && !horizon) return null;
  let rest = cut(question, span);
  if (heading) rest = heading[1];
  else if (will) rest = `${will[1]} ${will[2] ?? ''} ${rest.slice(will.index + will[0].length)}`;
  rest = rest
    .replace(FORECAST_WORDS, ' ')
    .replace(/\b(?:should|can|do|will)\s+we\s+expect\b|\bexpected\b/gi, ' ')
    .replace(/^\s*(?:please\s+)?(?:give\s+me|show(?:\s+me)?|what\s+is|what's)?\s*(?:the|a|an)?\s*/i, '')
    .replace(/^\s*(?:for|of)\s+/i, '')
    .replace(/^\s*(?:how\s+(?:many|much)|the\s+number\s+of|number\s+of)\s+/i, (m) => (/number/i.test(m) ? 'number of ' : ''))
    .replace(/\s+(?:for|over|in|during)\s*$/i, '');
  const base = tidy(rest);
  if (!base) return null;
  return { kind: 'forecast', horizon, base, granularity: granularityOf(question) };
}

// ── anomalies ──────────────────────────────────────────────────────────────────────────────
const ANOMALY = /\b(?:anomal(?:y|ies|ous)|outliers?|unusual|abnormal|out\s+of\s+the\s+ordinary|spikes?|dips?|irregular(?:ities)?|strange|odd|unexpected)\b/i;

function anomalies(question: string): AnalysisIntent | null {
  if (!ANOMALY.test(question)) return null;
  const base = tidy(question
    .replace(/^\s*(?:are\s+there|were\s+there|is\s+there|any|detect|find|flag|show(?:\s+me)?|list|which|what|when|is|was)\b\s*/i, '')
    .replace(/^\s*(?:any(?:thing)?|the)\b\s*/i, '')
    .replace(new RegExp(`\\b(?:day|week|month|quarter|year)s\\s+(?:were|was|are|is|had|have)\\s+`, 'i'), '')
    .replace(/\b(?:anomal(?:y|ies|ous)|outliers?|unusual|abnormal|out\s+of\s+the\s+ordinary|irregular(?:ities)?|strange|odd|unexpected)\b/gi, ' ')
    .replace(/\bspikes?\s+or\s+dips?\b|\bdips?\s+or\s+spikes?\b|\bspikes?\b|\bdips?\b/gi, ' ')
    .replace(/\blately\b|\brecently\b/gi, ' ')
    .replace(/^\s*(?:weeks|days|months|quarters|years)\s+/i, '')
    .replace(/^\s*(?:in|for|of|with|among|at)\s+/i, ''));
  if (!base) return null;
  return { kind: 'anomalies', base, granularity: granularityOf(question) };
}

/** The analysis a question asks for, or null for an ordinary question. Order matters: a what-if
 *  or a why can mention a drop (not an anomaly search), a significance question mentions groups. */
export function recognizeIntent(question: string): AnalysisIntent | null {
  const text = question.trim();
  if (!text) return null;
  return whatIf(text) ?? why(text) ?? significance(text) ?? correlation(text) ?? forecast(text) ?? anomalies(text);
}
