/** Is a new question a paraphrase of a verified one? A lexical similarity over normalised content
 *  words (shorthand expanded, inflections stemmed, typos tolerated, aggregate and superlative
 *  synonyms folded), with a hard rule: a word that changes the answer — a number, a date or period
 *  word, an aggregate or comparison, a negation, a name or value of the schema, a proper name —
 *  present on one side only means a different question, however similar the rest. */
import type { SchemaInfo } from '../../../shared/types/schema';
import { ByteLru, stringBytes } from '../memory';
import { expandShorthand, schemaPrefix, spokenWords } from '../nl2sql/lexicon';
import { stem, wordSimilarity, words } from '../nl2sql/text';

export interface VerifiedCandidate {
  id: string;
  question: string;
  sql: string;
}

export interface ParaphraseMatch<C extends VerifiedCandidate = VerifiedCandidate> {
  candidate: C;
  /** Weighted Dice overlap of the two questions' content words, 0..1. */
  similarity: number;
}

/** Below this overlap two questions are not taken as the same question. */
export const PARAPHRASE_THRESHOLD = 0.8;

/** Phrases that mean one thing, folded before splitting into words. */
const PHRASES: Array<[RegExp, string]> = [
  [/\bhow many\b/g, ' count '], [/\b(?:the )?number of\b/g, ' count '], [/\bcount of\b/g, ' count '],
  [/\b(?:for|in) (?:each|every)\b/g, ' by '], [/\bbroken down by\b/g, ' by '], [/\bbreak(?:down| down) (?:of )?/g, ' '],
  [/\bat least\b/g, ' minbound '], [/\bat most\b/g, ' maxbound '], [/\bmore than\b/g, ' over '], [/\bless than\b/g, ' under '],
  [/\bgreater than\b/g, ' over '], [/\bfewer than\b/g, ' under '],
];

/** Words folded to one canonical form (after stemming). */
const CANONICAL: Record<string, string> = {
  avg: 'average', mean: 'average', highest: 'top', largest: 'top', biggest: 'top', most: 'top', greatest: 'top', best: 'top',
  lowest: 'bottom', smallest: 'bottom', least: 'bottom', fewest: 'bottom', worst: 'bottom', maximum: 'max', minimum: 'min',
  per: 'by', each: 'by', every: 'by', above: 'over', exceed: 'over', below: 'under', previous: 'last', prior: 'last',
  percentage: 'percent', '%': 'percent', without: 'no', never: 'no', not: 'no', excluding: 'no', except: 'no',
  annual: 'year', yearly: 'year', monthly: 'month', quarterly: 'quarter', weekly: 'week', daily: 'day',
};

/** Conversational words that never change which data is asked for. */
const FILLER = new Set([
  'a', 'an', 'the', 'of', 'for', 'in', 'on', 'at', 'to', 'with', 'from', 'and', 'or', 'our', 'we', 'us', 'me', 'i', 'my',
  'you', 'your', 'it', 'its', 'there', 'their', 'that', 'what', 'whats', 'which', 'who', 'how', 'is', 'are', 'was', 'were', 'be',
  'been', 'do', 'doe', 'did', 'have', 'ha', 'had', 'get', 'got', 'show', 'give', 'list', 'tell', 'display', 'see', 'find', 'want',
  'know', 'like', 'need', 'please', 'can', 'could', 'would', 'should', 'will', 'just', 'also', 'so', 'far', 'as', 'well', 'into',
  'across', 'about', 'any', 'all', 'up', 'report', 'return', 'let', 'u', 'look', 'sum', 'total', 'overall', 'much', 'some',
  'current', 'data', 'figure', 'number', 'amount', 'value', 'many', 'whole',
]);

/** Words that change the answer: periods, aggregates, rankings, comparisons, negation. */
const DECISIVE = new Set([
  'this', 'last', 'next', 'ytd', 'mtd', 'qtd', 'today', 'yesterday', 'tomorrow', 'day', 'week', 'month', 'quarter', 'year',
  'since', 'before', 'after', 'until', 'between', 'latest', 'recent', 'first', 'half', 'h1', 'h2', 'q1', 'q2', 'q3', 'q4',
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'monday', 'tuesday', 'wednesday',
  'thursday', 'friday', 'saturday', 'sunday', 'weekend', 'weekday',
  'count', 'average', 'max', 'min', 'top', 'bottom', 'median', 'distinct', 'unique', 'percent', 'share', 'ratio', 'rate',
  'growth', 'change', 'trend', 'cumulative', 'running', 'compare', 'versus', 'vs', 'by', 'no', 'over', 'under', 'minbound',
  'maxbound', 'only', 'than', 'increase', 'decrease', 'drop', 'rise', 'open', 'closed', 'active', 'inactive',
]);

const FILLER_STEMS = new Set([...FILLER].map(stem));
const DECISIVE_STEMS = new Set([...DECISIVE].map(stem));

interface Term {
  token: string;
  decisive: boolean;
}

/** A set entry costs about its word's UTF-16 text plus this much bookkeeping. */
const TERM_OVERHEAD_BYTES = 32;
const schemaTermsCache = new ByteLru<Set<string>>({
  maxBytes: 8 * 1024 * 1024,
  maxEntries: 32,
  sizeOf: (terms, key) => {
    let bytes = stringBytes(key);
    for (const term of terms) bytes += stringBytes(term) + TERM_OVERHEAD_BYTES;
    return bytes;
  },
});

/** Stemmed words of the schema's table and column names and of its known column values. */
export function schemaTerms(schema: SchemaInfo): Set<string> {
  const cached = schemaTermsCache.get(schema.version);
  if (cached) return cached;
  const prefix = schemaPrefix(schema.tables.map((t) => t.name));
  const terms = new Set<string>();
  const add = (text: string) => { for (const w of spokenWords(text, prefix)) if (w.length > 1 && !FILLER_STEMS.has(stem(w))) terms.add(stem(w)); };
  for (const table of schema.tables) {
    add(table.name);
    for (const column of table.columns) {
      add(column.name);
      for (const value of column.distinctValues ?? []) add(value);
    }
  }
  schemaTermsCache.set(schema.version, terms);
  return terms;
}

/** Names written with a capital inside a sentence ("sales in Germany"): values, never filler. */
function properNames(question: string): Set<string> {
  const names = new Set<string>();
  for (const match of question.matchAll(/(?<=[a-z0-9,;:]\s+)([A-Z][a-zA-Z]+)/g)) names.add(stem(match[1].toLowerCase()));
  for (const match of question.matchAll(/["“‘']([^"”’']+)["”’']/g)) for (const w of words(match[1])) names.add(stem(w));
  return names;
}

/** The question's content words, normalised, each marked decisive or not. */
export function contentTerms(question: string, schema?: SchemaInfo): Term[] {
  const lowered = PHRASES.reduce((text, [re, to]) => text.replace(re, to), expandShorthand(question.toLowerCase()));
  const schemaWords = schema ? schemaTerms(schema) : new Set<string>();
  const names = properNames(question);
  const seen = new Map<string, Term>();
  for (const word of words(lowered)) {
    const token = stem(CANONICAL[word] ?? CANONICAL[stem(word)] ?? word);
    if (FILLER.has(word) || FILLER_STEMS.has(token) || seen.has(token)) continue;
    const decisive = /\d/.test(token) || DECISIVE_STEMS.has(token) || schemaWords.has(token) || names.has(token);
    seen.set(token, { token, decisive });
  }
  return [...seen.values()];
}

const DECISIVE_WEIGHT = 2;

/** Equal words, or a typo of one: two known decisive words ("country", "county") must be equal. */
function sameWord(a: Term, b: Term): boolean {
  if (a.token === b.token) return true;
  if ((a.decisive && b.decisive) || /\d/.test(a.token) || /\d/.test(b.token)) return false;
  return wordSimilarity(a.token, b.token) >= 0.8;
}

/** Overlap of two questions in [0,1], or 0 when a decisive word is on one side only. */
export function paraphraseSimilarity(a: string, b: string, schema?: SchemaInfo): number {
  const left = contentTerms(a, schema);
  const right = contentTerms(b, schema);
  if (!left.length || !right.length) return 0;
  const weight = (t: Term) => (t.decisive ? DECISIVE_WEIGHT : 1);
  let shared = 0;
  for (const [from, to] of [[left, right], [right, left]] as const) {
    for (const term of from) {
      const partner = to.find((other) => sameWord(term, other));
      if (partner) shared += weight(term);
      else if (term.decisive) return 0;
    }
  }
  const total = left.reduce((s, t) => s + weight(t), 0) + right.reduce((s, t) => s + weight(t), 0);
  return shared / total;
}

/** The verified question this question is a paraphrase of (best overlap at or above the threshold), if any. */
export function matchVerified<C extends VerifiedCandidate>(question: string, candidates: readonly C[], schema?: SchemaInfo, threshold = PARAPHRASE_THRESHOLD): ParaphraseMatch<C> | undefined {
  let best: ParaphraseMatch<C> | undefined;
  for (const candidate of candidates) {
    const similarity = paraphraseSimilarity(question, candidate.question, schema);
    if (similarity >= threshold && (!best || similarity > best.similarity)) best = { candidate, similarity };
  }
  return best;
}
