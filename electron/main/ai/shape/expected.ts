/** The shape of result a question asks for, read from its words: one number, a series over
 *  time, or rows (at most N for "top N"). Only clear wordings decide; anything else is `any`. */

export type ExpectedShape =
  | { kind: 'value' }
  | { kind: 'series'; unit: string }
  | { kind: 'rows'; limit?: number }
  | { kind: 'any' };

const TIME_UNIT = '(day|week|month|quarter|year)';
const SERIES = new RegExp(`\\b(by|per|each|every|for each|over|across)\\s+(the\\s+)?${TIME_UNIT}s?\\b|\\b(daily|weekly|monthly|quarterly|yearly|annually)\\b|\\b${TIME_UNIT}[- ]by[- ]${TIME_UNIT}\\b|\\b(over time|trend)\\b`, 'i');
const BREAKDOWN = /\b(by|per|for each|each|every|across|broken down|split)\b/i;
const ONE_NUMBER = /^\s*(how (many|much)|what (is|was|were|are) (the )?(total|overall|average|mean|median|number|count|sum|ratio|percentage|share|proportion)|(total|overall) (number|count|amount))\b/i;
const LIST = /^\s*(list|show( me)?( all| every)?( the)?|which|what are|name( all| the)?|give me (a list of|all|every|the names)|return)\b/i;
const AGGREGATE_OPENING = /^\s*(show( me)?( the)?|give me( the)?|return( the)?)\s+(total|overall|number|count|sum|average|mean)\b/i;
const NUMBER_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, twenty: 20 };
const COUNT = '(\\d{1,4}|one|two|three|four|five|six|seven|eight|nine|ten|twenty)';
const TOP_N = new RegExp(`\\b(top|bottom|first|last|best|worst|largest|biggest|smallest|highest|lowest|most|least)\\s+${COUNT}\\b|\\bthe\\s+${COUNT}\\s+[a-z]+(\\s+[a-z]+)?\\s+(with|that|who|which|having)\\b`, 'i');

export function expectedShape(question: string): ExpectedShape {
  const series = SERIES.exec(question);
  if (series) return { kind: 'series', unit: unitOf(series[0]) };
  const top = TOP_N.exec(question);
  if (top) {
    const n = (top[2] ?? top[3]).toLowerCase();
    return { kind: 'rows', limit: NUMBER_WORDS[n] ?? Number(n) };
  }
  if (ONE_NUMBER.test(question) && !BREAKDOWN.test(question)) return { kind: 'value' };
  if (LIST.test(question) && !AGGREGATE_OPENING.test(question) && !ONE_NUMBER.test(question)) return { kind: 'rows' };
  return { kind: 'any' };
}

function unitOf(phrase: string): string {
  const lower = phrase.toLowerCase();
  const unit = /(day|week|month|quarter|year)/.exec(lower)?.[1];
  if (unit) return unit;
  if (/daily/.test(lower)) return 'day';
  if (/annually/.test(lower)) return 'year';
  return 'period';
}
