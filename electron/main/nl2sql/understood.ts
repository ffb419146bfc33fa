/** Which words of a question the engine did not understand: content words that linked to no table,
 *  column, value or glossary term, once the grammar of English questions (function words, the verbs
 *  people ask with, words about the answer itself) and the engine's own operation words are set
 *  aside. Whatever is left changed nothing in the query, so the answer has to say so. */
import { spokenWords } from './lexicon';
import type { SemanticModel } from './model';
import type { QueryPlan } from './plan';
import { singular, stem, STOP_WORDS } from './text';

/** Closed-class English: pronouns, determiners, prepositions, conjunctions, auxiliaries, adverbs. */
const FUNCTION_WORDS = `
  i me my mine myself we us our ours ourselves you your yours he him his she her hers they them their theirs it its itself
  one ones someone anyone everyone somebody anybody everybody something anything everything nothing nobody none
  whoever whatever whichever whom whose what whats which who when where why how whether
  a an the this that these those some any each every all both either neither no such same own other others another
  several few fewer many much more most less least lot lots plenty bit enough various certain
  of in on at to by with without from for into onto upon over under about above below across along among amongst around
  behind beside besides between beyond during except inside outside near off out past per since than through throughout
  till until toward towards via within against despite like unlike versus vs
  and or but nor yet so because if unless while whereas although though then plus as
  be am is are was were been being do does did doing done have has had having can could may might must shall should will would
  dont doesnt didnt isnt arent wasnt werent cant couldnt wont wouldnt shouldnt havent hasnt hadnt im ive youre theyre
  not very really just only also too quite rather almost approximately roughly still already ever never always often
  usually sometimes again currently here there exactly actually basically generally please kindly even back instead
  especially mainly mostly respectively together separately altogether individually overall right far well ok okay
  hi hello hey thanks thank
`;

/** Verbs people ask with, in their usual forms: they say what to do with the answer, not what to measure. */
const QUESTION_VERBS = `
  show shows showing shown give gives giving given gave list listing tell telling find finding found see seeing saw seen
  look looks looking looked get gets getting got gotten want wants wanted need needs needed know let lets make makes making
  go goes going went gone come comes coming came happen happens happened happening stand stands standing stood
  display displaying plot plotting chart charting graph graphing visualize visualise draw report reporting
  calculate calculating compute computing work working worked fetch pull bring check checking mean means meaning
  help describe summarize summarise summarizing perform performs performing performed track tracking
  break breaking broken split splitting group grouped grouping sort sorted sorting order ordered rank ranked ranking
  compare compared comparing return returns evolve evolved evolving doing
`;

/** Words about the answer itself (its form or its data), not about what to measure. */
const ANSWER_WORDS = `
  data dataset database table tables number numbers figure figures stat stats statistics metric metrics kpi kpis
  measure measures value values amount amounts result results breakdown overview summary report chart graph plot view
  detail details info information total totals sum performance way time times period periods whole entire full id ids identifier identifiers
  complete actual exact main key specific particular respective
`;

/** Operation words the engine's cues act on (growth, shares, ranking, distinctness, series, durations). */
const OPERATION_WORDS = `
  top bottom most least highest lowest biggest largest smallest greatest best worst max maximum min minimum
  average avg mean median sum combined overall count counted counting
  growth grow grew growing change changed changes increase increased decrease decreased decline declined delta yoy
  trend trends trending evolution share shares proportion fraction percent percentage pct ratio rate rates
  unique different distinct since before after between still never without days duration turnaround long length stay
  next monday tuesday wednesday thursday friday saturday sunday mondays tuesdays wednesdays thursdays fridays saturdays sundays
  weekday weekdays weekend weekends date dates
`;

/** Past forms that do not end in -ed: a question's verb says how the counted rows came about, not which rows. */
const IRREGULAR_VERBS = `
  sold bought paid spent made took won lost ran wrote written kept left met sent held brought began begun chose chosen
  drove driven flew flown ate eaten gave given got gotten went gone came saw seen told found thought taught sat stood
  understood became become grew grown knew known rode ridden stole stolen swam sung sang read led lent built dealt born
`;

/** Verbs of business events: said with the thing they count ("units did we sell", "orders placed"). */
const EVENT_VERBS = `
  sell sells buy buys pay pays spend spends place places run runs operate operates belong belongs offer offers play plays
  score scores write writes join joins record records last lasts borrow borrows assign assigns sign signs ship ships
  deliver delivers earn earns visit visits book books rent rents hire hires win wins lose loses take takes attend attends
  serve serves fly flies treat treats purchase purchases subscribe subscribes teach teaches enroll enrolls register registers
  generate generates bring brings contribute contributes account accounts
`;

const GRAMMAR = new Set([FUNCTION_WORDS, QUESTION_VERBS, ANSWER_WORDS, OPERATION_WORDS, IRREGULAR_VERBS, EVENT_VERBS].flatMap((block) => block.split(/\s+/).filter(Boolean)));

/** Regular past and progressive forms ("shipped", "signing"): verbs, read with the rows they describe. */
const VERB_FORM = /^[a-z]{3,}(?:ed|ing)$/;

/** True when a word carries no data meaning of its own in a question. */
export function isGrammarWord(word: string): boolean {
  const w = word.toLowerCase().replace(/[’']/g, '');
  return STOP_WORDS.has(w) || GRAMMAR.has(w) || GRAMMAR.has(singular(w)) || VERB_FORM.test(w);
}

/** The verb a regular -ed/-ing form comes from, in its spellings ("shipped" → ship, "pending" → pend, pende). */
function verbBases(w: string): string[] {
  const stemmed = w.replace(/(?:ed|ing)$/, '');
  return [stemmed, `${stemmed}e`, stemmed.replace(/([a-z])\1$/, '$1'), w.replace(/d$/, '')];
}

/** A participle said before a name ("churned customers", "pending orders") narrows down what is counted,
 *  like an adjective; only the participles of the verbs people ask with are still grammar ("selling"). */
function narrowsDown(word: string): boolean {
  const w = word.toLowerCase().replace(/[’']/g, '');
  if (STOP_WORDS.has(w) || GRAMMAR.has(w) || !VERB_FORM.test(w)) return false;
  return !verbBases(w).some((b) => GRAMMAR.has(b));
}

/** The words of `unknownWords` (content words that linked to nothing) a person would expect to matter, in order, once each;
 *  `modifiers` are those said right before a name of the data, which matter even when shaped like a verb. */
export function notUnderstoodWords(unknownWords: string[], modifiers: string[] = []): string[] {
  const modifying = new Set(modifiers);
  return [...new Set(unknownWords.filter((w) => /[a-z]/i.test(w) && (!isGrammarWord(w) || (modifying.has(w) && narrowsDown(w)))))];
}

/** Stems of everything the answer's query uses: its identifiers and literals as spoken, and the names of its metrics and tables. */
function queryVocabulary(model: SemanticModel, plan: QueryPlan | undefined, sql: string): string[] {
  const stems = new Set<string>();
  const add = (ws: string[]) => ws.forEach((w) => stems.add(stem(w)));
  // Upper-case words are SQL's own keywords (SELECT, SUM, JOIN), not names from the source.
  for (const token of sql.match(/[A-Za-z_][A-Za-z0-9_]*|'[^']*'/g) ?? []) if (!/^[A-Z_]+$/.test(token)) add(spokenWords(token));
  for (const m of plan?.measures ?? []) if (m.kind === 'metric') m.metric.phrases.forEach((p) => add(p.stems));
  const identifiers = new Set((sql.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []).map((i) => i.toLowerCase()));
  for (const t of model.tables.values()) if (identifiers.has(t.name.toLowerCase())) t.phrases.forEach((p) => add(p.stems));
  return [...stems].filter((s) => s.length >= 3);
}

/** A word the query does reflect, under another form ("website" for `web_visits`, "departures" for `dep_ts`). */
function reflected(word: string, vocabulary: string[]): boolean {
  const s = stem(word);
  return vocabulary.some((v) => v === s || (s.length >= 3 && v.length >= 3 && (s.startsWith(v) || v.startsWith(s))));
}

/** Words of the question the answer does not reflect: not linked, not grammar, and not in the query under another form. */
export function notUnderstood(model: SemanticModel, plan: QueryPlan | undefined, sql: string | undefined, unknownWords: string[], modifiers: string[] = []): string[] {
  const candidates = notUnderstoodWords(unknownWords, modifiers);
  if (!candidates.length || !sql) return candidates;
  const vocabulary = queryVocabulary(model, plan, sql);
  return candidates.filter((w) => !reflected(w, vocabulary));
}

/** Confidence ceiling of an answer that leaves a word out: under the level answered without asking a language model (0.7). */
export const NOT_UNDERSTOOD_CONFIDENCE = 0.65;
