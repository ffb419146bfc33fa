/** Turns pipeline outcomes into answer drafts and stream events: result → rows, chart,
 *  narrative, follow-ups; refusals and errors in words for the role; cached replays. */
import { chooseChart, type ChartSpec, type ResultLike } from '../../../shared/charts';
import type { Answer, ChatEvent } from '../../../shared/api/domains/chat';
import type { RequestContext } from '../../../shared/types/auth';
import { roleHas } from '../../../shared/types/permissions';
import type { SchemaInfo } from '../../../shared/types/schema';
import type { CachedAnswer } from '../ai/answerCache';
import type { Generation } from '../ai/sqlRouter';
import type { Executed } from './execution';
import type { LimitMatch } from './limits';
import { filterSentence } from '../nl2sql/filterWords';
import { suggestFollowUps } from './followUps';
import { sqlFilterWords } from './sqlFilterWords';
import type { AnswerFacts } from './facts';
import { narrate, type Meaning } from './narrative';
import type { AnswerError } from './userErrors';

export type Draft = CachedAnswer;
type Emit = (event: ChatEvent) => void;

/** Rows sent in the streamed `rows` event (the full shown result comes with the answer). */
const STREAMED_ROWS = 500;
const REPHRASE_HINT = 'Try naming a measure (e.g. revenue, orders) and a breakdown (by month, by region).';

export function presentResult(ctx: RequestContext, question: string, executed: Executed, schema: SchemaInfo, emit: Emit, understood: { facts?: AnswerFacts; meaning?: Meaning; offers?: (question: string) => boolean; /** A model phrases the narrative next; its event comes from there. */ deferNarrative?: boolean } = {}): Draft {
  const { result, generation } = executed;
  emit({ type: 'rows', columns: result.columns, rows: result.rows.slice(0, STREAMED_ROWS), rowCount: result.rowCount });
  emit({ type: 'stage', stage: 'chart', label: 'Choosing a chart…', progress: 0.75 });
  const chart = chartFor(result, question);
  if (chart) emit({ type: 'chart', chart });
  emit({ type: 'stage', stage: 'narrative', label: 'Summarising…', progress: 0.9 });
  const story = narrate(result, { explanation: generation.explanation, role: ctx.role, meaning: understood.meaning, facts: understood.facts });
  const offers = onceEach(understood.offers ?? (() => true)); // a question can be both a follow-up and the closest offer
  // A verified answer says so once, through `verified` (the screen shows it as a note), not again in the narrative.
  const narrative = [story.narrative, generation.fallbackReason].filter(Boolean).join(' ') || undefined;
  if (!understood.deferNarrative) emit({ type: 'narrative', text: [story.headline, narrative].filter(Boolean).join(' ') });
  return {
    kind: 'answer', headline: story.headline, narrative, actions: story.actions,
    sql: roleHas(ctx.role, 'sql:see') ? result.sql : undefined,
    explanation: generation.explanation, mappings: generation.mappings, confidence: generation.confidence,
    result: { columns: result.columns, rows: result.rows, rowCount: result.rowCount, truncated: result.truncated },
    chart, followUps: [...nearValueQuestions(question, generation), ...unusedLinkQuestions(generation), ...suggestFollowUps(result, schema, tablesOf(result.sql, schema))].filter(offers),
    route: { engine: generation.engine, provider: generation.providerId, cached: false, durationMs: 0 },
    plan: generation.plan,
    ...notUnderstoodNote(generation, offers),
    ...filtersNote(generation, schema),
    ...(generation.verified ? { verified: generation.verified } : {}),
  };
}

/** "Filtered to region = North America.": the rows the answer kept, so a value read from other words can be seen.
 *  The offline engine says them from its plan; SQL it did not plan (a model's, a verified answer's) from its WHERE and HAVING. */
function filtersNote(generation: Extract<Generation, { kind: 'sql' }>, schema: SchemaInfo): Pick<Draft, 'filters'> {
  const planned = generation.engine === 'offline' && !generation.verified;
  const applied = planned ? generation.filters ?? [] : sqlFilterWords(generation.sql, schema.dialect);
  const message = filterSentence(applied);
  return message ? { filters: { applied, message } } : {};
}

/** "I did not understand ‘xyzzy’ …" / "I read ‘customers’ as customer but could not use it …": said once, before the
 *  answer, when the SQL leaves words of the question out, with the closest thing the app can do instead. */
function notUnderstoodNote(generation: Extract<Generation, { kind: 'sql' }>, offers: (question: string) => boolean): Pick<Draft, 'notUnderstood'> {
  const planned = generation.engine === 'offline' && !generation.verified;
  const words = planned ? generation.notUnderstood ?? [] : [];
  const unused = planned ? (generation.unusedLinks ?? []).filter((u) => !words.includes(u.phrase)) : [];
  if (!words.length && !unused.length) return {};
  const sentences: string[] = [];
  if (words.length) {
    const it = words.length === 1 ? 'it' : 'them';
    const near = generation.nearValues?.[0];
    sentences.push(`I did not understand ${andList(words.map(quoted))}, so this answer leaves ${it} out.`);
    if (near) sentences.push(`Did you mean ${near.matches.map((m) => m.filter).join(' or ')} for ‘${near.word}’?`);
    sentences.push(`Rephrase ${it} with a name from this source, or add ${it} to the source’s glossary.`);
  }
  if (unused.length) {
    const read = andList(unused.map((u) => `${quoted(u.phrase)}${sameWords(u.phrase, u.meaning) ? '' : ` as ${u.meaning}`}`));
    const it = unused.length === 1 ? 'it' : 'them';
    sentences.push(`I read ${read} but could not tie ${it} to what this answer measures, so it leaves ${it} out.`);
    const offer = unused.map(closestQuestion).find((q): q is string => Boolean(q) && offers(q as string));
    if (offer) sentences.push(`I can answer “${offer}” on its own.`);
  }
  return { notUnderstood: { words: [...words, ...unused.map((u) => u.phrase)], message: sentences.join(' ') } };
}

function unusedLinkQuestions(generation: Extract<Generation, { kind: 'sql' }>): string[] {
  return generation.engine === 'offline' && !generation.verified ? (generation.unusedLinks ?? []).map(closestQuestion).filter((q): q is string => Boolean(q)) : [];
}

/** The nearest question the app can answer about a phrase it could not use: the thing itself, counted or measured. */
function closestQuestion(unused: { phrase: string; kind: string }): string | undefined {
  if (unused.kind === 'table') return `how many ${unused.phrase}`;
  if (unused.kind === 'metric') return `${unused.phrase} by month`;
  return undefined;
}

function onceEach(check: (question: string) => boolean): (question: string) => boolean {
  const known = new Map<string, boolean>();
  return (question) => {
    let answer = known.get(question);
    if (answer === undefined) known.set(question, (answer = check(question)));
    return answer;
  };
}

const quoted = (w: string) => `‘${w}’`;
const andList = (items: string[]) => (items.length === 1 ? items[0] : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`);
const sameWords = (a: string, b: string) => a.toLowerCase().replace(/s$/, '') === b.toLowerCase().replace(/s$/, '');

/** The question again with a word not understood replaced by the data value it is part of ("orders in asia" → "orders in Asia Pacific"). */
function nearValueQuestions(question: string, generation: Extract<Generation, { kind: 'sql' }>): string[] {
  if (generation.engine !== 'offline') return [];
  return (generation.nearValues ?? []).flatMap(({ word, matches }) => {
    const at = new RegExp(`\\b${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i');
    return at.test(question) ? matches.slice(0, 2).map((m) => question.replace(at, m.value)) : [];
  });
}

/** A clarification whose options carry the ids a follow-up `chat/ask` answers with. */
export function clarificationDraft(generation: Extract<Generation, { kind: 'clarification' }>, optionIds: string[]): Draft {
  const { clarification } = generation;
  return {
    kind: 'clarification', headline: clarification.question, actions: [], mappings: generation.mappings, confidence: generation.confidence, followUps: [],
    clarification: { question: clarification.question, options: clarification.options.map((o, i) => ({ ...o, id: optionIds[i] })) },
    route: { engine: 'offline', cached: false, durationMs: 0 },
  };
}

/** A request the app cannot do (yet): said in one sentence, with the closest answerable question as a chip. */
export function limitDraft(limit: LimitMatch, closestQuestion: string | undefined): Draft {
  return {
    kind: 'refusal', headline: limit.headline, narrative: closestQuestion ? limit.offer : REPHRASE_HINT, actions: [], mappings: [],
    confidence: 1, followUps: closestQuestion ? [closestQuestion] : [], route: { engine: 'none', cached: false, durationMs: 0 },
  };
}

export function refusalDraft(generation: Extract<Generation, { kind: 'refusal' }>): Draft {
  return {
    kind: 'refusal', headline: generation.message, narrative: [generation.fallbackReason, REPHRASE_HINT].filter(Boolean).join(' '), actions: [], mappings: [],
    confidence: generation.confidence, followUps: [], route: { engine: 'none', cached: false, durationMs: 0 },
  };
}

export function errorDraft(error: AnswerError): Draft {
  return {
    kind: error.code === 'SQL_REFUSED' ? 'refusal' : 'error', headline: error.message, actions: [], mappings: [], confidence: 0, followUps: [], error,
    route: { engine: 'none', cached: false, durationMs: 0 },
  };
}

/** A cached answer streams the same events, instantly. */
export function replayEvents(cached: Answer | Draft, ctx: RequestContext, emit: Emit): void {
  if (cached.sql && roleHas(ctx.role, 'sql:see')) emit({ type: 'sql', sql: cached.sql, explanation: cached.explanation, confidence: cached.confidence });
  if (cached.result) emit({ type: 'rows', columns: cached.result.columns, rows: cached.result.rows.slice(0, STREAMED_ROWS), rowCount: cached.result.rowCount });
  if (cached.chart) emit({ type: 'chart', chart: cached.chart });
  emit({ type: 'narrative', text: [cached.headline, cached.narrative].filter(Boolean).join(' ') });
}

function chartFor(result: ResultLike, question: string): ChartSpec | undefined {
  try {
    return chooseChart(result, question);
  } catch {
    return undefined;
  }
}

/** Source tables a statement mentions (for follow-up suggestions; the guard already checked it). */
function tablesOf(sql: string, schema: SchemaInfo): string[] {
  const lower = sql.toLowerCase();
  return schema.tables.filter((t) => new RegExp(`\\b${t.name.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(lower)).map((t) => t.name);
}
