/** Headline, the why and next steps in an analyst's words, built only from the result rows and the
 *  extra guarded queries behind them (prior period, total, data range): numbers are never invented. */
import { profileColumns, type ColumnProfile, type ResultLike } from '../../../../shared/charts';
import type { Role } from '../../../../shared/types/auth';
import type { AnswerFacts } from '../facts/gather';
import { dayLabel, spanLabel } from '../facts/periods';
import { executiveActions } from './actions';
import { narrateGrowth, narrateRanking, narrateWinner } from './ranking';
import { narrateSeries, narrateSeriesByCategory } from './series';
import { capitalize, columnWords, delta, figure, numberAt } from './words';
import type { Meaning, Narration, Scope } from './types';

export type { Meaning, Narration } from './types';

export interface NarrationInput {
  /** The engine's explanation (period, filters, definitions). */
  explanation?: string;
  role: Role;
  /** What the question was understood to ask (the offline engine's plan, in words). */
  meaning?: Meaning;
  facts?: AnswerFacts;
}

type Result = ResultLike & { rowCount: number; truncated: boolean };

export function narrate(result: Result, input: NarrationInput): Narration {
  const { meaning = {}, facts = {}, role } = input;
  const definition = definitionOf(input.explanation, meaning.measure);
  const profiles = profileColumns(result);
  const measures = profiles.filter((p) => p.role === 'measure');
  const measure = measures[measures.length - 1];
  const allNull = result.rows.length === 1 && result.rows[0].every((cell) => cell === null);
  const empty = result.rowCount === 0 || allNull || Boolean(facts.outside) || (result.rows.length === 1 && measures.length > 0 && measures.every((m) => numberAt(result.rows[0], m.index) === null));
  if (empty) return narrateEmpty(meaning, facts);
  const shown = result.truncated ? ` (first ${result.rows.length.toLocaleString('en-US')} rows shown)` : '';
  if (!measure) {
    return { headline: `Found ${result.rowCount.toLocaleString('en-US')} ${result.rowCount === 1 ? 'row' : 'rows'}${shown}.`, narrative: firstSentence(input.explanation), actions: [] };
  }
  const label = meaning.measure ?? columnWords(measure.name);
  const scope: Scope = { label, meaning, facts, role, shown, definition };
  const time = profiles.find((p) => p.role === 'time');
  const category = profiles.find((p) => p.role === 'category');
  if (meaning.shape === 'periods' && result.rows.length === 1 && measures.length >= 2) return narratePeriods(result, measures, scope);
  if (meaning.shape === 'growth') return narrateGrowth(result, measure, category, scope);
  if (result.rows.length === 1) {
    if (category) return narrateWinner(result, measure, category, scope);
    return narrateSingle(result, measure, scope);
  }
  if (time && category) return narrateSeriesByCategory(result, measure, time, category, scope);
  if (time) return narrateSeries(result, measure, time, scope);
  if (category) return narrateRanking(result, measure, category, scope);
  return { headline: `Found ${result.rowCount.toLocaleString('en-US')} rows${shown}.`, narrative: firstSentence(input.explanation), actions: [] };
}

function narrateEmpty(meaning: Meaning, facts: AnswerFacts): Narration {
  const range = facts.range;
  const runs = range ? `the data runs from ${dayLabel(range.first)} to ${dayLabel(range.last)}` : '';
  if (facts.outside && range) {
    const what = meaning.measure ? `no ${meaning.measure}` : 'nothing';
    const latestYear = +range.last.slice(0, 4) - (range.last.endsWith('-12-31') ? 0 : 1);
    return {
      headline: `There is ${what} for ${spanLabel(facts.outside.start, facts.outside.end)}: ${range.last < facts.outside.start ? `the data ends on ${dayLabel(range.last)}` : `the data starts on ${dayLabel(range.first)}`}.`,
      narrative: `Ask about a period between ${dayLabel(range.first)} and ${dayLabel(range.last)}, for example ${latestYear}.`,
      actions: [],
    };
  }
  return { headline: 'No rows match this question.', narrative: `The query ran but found nothing${runs ? `; ${runs}` : ''}. Try a wider period or fewer filters.`, actions: [] };
}

/** One number: with its period, and its prior period (like for like for a to-date period). */
function narrateSingle(result: Result, measure: ColumnProfile, scope: Scope): Narration {
  const { label, facts, meaning } = scope;
  const value = numberAt(result.rows[0], measure.index);
  const prior = facts.prior;
  const period = prior?.current.label ?? (meaning.period ? spanLabel(meaning.period.start, meaning.period.end) : undefined);
  const when = period ? ` for ${period}` : facts.range ? ` (all data, ${spanLabel(facts.range.first, nextDay(facts.range.last))})` : '';
  const change = prior ? delta(value, prior.value) : undefined;
  const compared = prior && change ? `, ${change.text} on ${prior.prior.label} (${figure(prior.value, measure.format)})` : prior && prior.value === null ? `; there is no data for ${prior.prior.label} to compare with` : '';
  const headline = `${capitalize(label)}${when} was ${figure(value, measure.format)}${compared}.`;
  const why = [
    prior?.likeForLike && facts.range ? `Compared like for like, because the data ends on ${dayLabel(facts.range.last)}.` : '',
    scope.definition,
  ].filter(Boolean).join(' ');
  return { headline, narrative: why || undefined, actions: executiveActions(scope.role, label, change?.change ?? null, period ?? '') };
}

/** "this year vs last year": one column per period, read like for like. */
function narratePeriods(result: Result, measures: ColumnProfile[], scope: Scope): Narration {
  const periods = scope.meaning.periods ?? [];
  const values = measures.map((m) => numberAt(result.rows[0], m.index));
  const name = (i: number) => (periods[i] ? spanLabel(periods[i].start, periods[i].end) : columnWords(measures[i].name));
  const format = measures[0].format;
  const change = delta(values[0], values[1]);
  const rest = values.slice(2).map((v, i) => `${name(i + 2)}: ${figure(v, format)}`).join('; ');
  const headline = `${capitalize(scope.label)} for ${name(0)} was ${figure(values[0], format)}${change ? `, ${change.text} on ${name(1)} (${figure(values[1], format)})` : `; ${name(1)}: ${figure(values[1], format)}`}.`;
  const why = [scope.facts.note, rest ? `${rest}.` : '', scope.definition].filter(Boolean).join(' ');
  return { headline, narrative: why || undefined, actions: executiveActions(scope.role, scope.label, change?.change ?? null, name(0)) };
}

/** The measure's business definition from the engine's explanation ("Revenue: order line amounts…"). */
function definitionOf(explanation: string | undefined, measure: string | undefined): string | undefined {
  if (!explanation || !measure) return undefined;
  const line = explanation.split('\n').find((l) => l.toLowerCase().startsWith(`${measure.toLowerCase()}:`));
  if (!line) return undefined;
  const text = line.slice(measure.length + 1).trim().replace(/\.$/, '');
  return text ? `${capitalize(measure)} here means ${text.charAt(0).toLowerCase()}${text.slice(1)}.` : undefined;
}

function firstSentence(text: string | undefined): string | undefined {
  const sentence = text?.split(/(?<=\.)\s/)[0]?.trim();
  if (!sentence) return undefined;
  return sentence.endsWith('.') ? sentence : `${sentence}.`;
}

function nextDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

