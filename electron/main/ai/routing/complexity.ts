/** How hard the parsed question is — tables joined, nested conditions, ratios, words not
 *  understood — and the offline confidence it takes to skip the language model at that difficulty. */
import type { OfflineAnswer } from '../offlineEngine';

export interface Complexity {
  /** Joins the answer needs (tables beyond the first). */
  joins: number;
  /** A grouped subquery, HAVING, or "has no matching row" condition. */
  nested: boolean;
  /** A ratio, share, percentage or growth of one quantity to another. */
  ratio: boolean;
  /** Words of the question the offline answer leaves out. */
  unknownWords: number;
  /** 0 for a one-table aggregate; each point raises the confidence the offline answer needs. */
  score: number;
  /** The parts that made it complex, in words (for the audit and the routing test). */
  reasons: string[];
}

/** Offline answers of a simple question at or above this confidence are kept. */
export const BASE_CONFIDENCE_THRESHOLD = 0.7;
/** Each point of complexity asks this much more confidence of the offline answer. */
const CONFIDENCE_PER_POINT = 0.1;
/** An unknown word means part of the question is not in the SQL: it weighs more than a join. */
const POINTS_PER_UNKNOWN_WORD = 2;

const RATIO_SHAPES = new Set(['ratio', 'partShare', 'shareOfTotal', 'growth']);
const RATIO_WORDS = /\b(ratio|percent(age)?|per ?cent|share|proportion|fraction|rate|versus|vs\.?|compared (to|with))\b|%/i;
/** "never rated", "without a sales rep", "customers who spent over $1,000" (a condition on an aggregate per entity). */
const NESTING_WORDS = /\b(never|without|(spent|bought|ordered|placed|made|had|has|have|with) (over|more than|less than|fewer than|at least|at most) \$?\d)/i;

/** Complexity of a question as the offline engine parsed it (its plan and SQL), read defensively:
 *  the plan is the engine's own structure and may grow fields. */
export function assessComplexity(question: string, offline: Pick<OfflineAnswer, 'sql' | 'plan' | 'notUnderstood'>): Complexity {
  const plan = asRecord(offline.plan);
  const sql = offline.sql ?? '';
  // A glossary metric's own joins are curated, not guessed: it counts as its fact table only.
  const joins = plan ? Math.max(0, planTables(plan).size - 1) : countMatches(sql, /\bjoin\b/gi);
  const shapeKind = String(asRecord(plan?.shape)?.kind ?? '');
  const filters = asArray(plan?.filters).map(asRecord);
  const nested = Boolean(plan?.having) || shapeKind === 'countHaving' || filters.some((f) => f?.kind === 'absent')
    || countMatches(sql, /\(\s*select\b/gi) > 0 || /^\s*with\b/i.test(sql) || NESTING_WORDS.test(question);
  const ratio = RATIO_SHAPES.has(shapeKind) || RATIO_WORDS.test(question);
  const unknownWords = offline.notUnderstood?.length ?? 0;
  const reasons = [
    joins > 1 ? `${joins} joins` : '',
    nested ? 'a nested condition' : '',
    ratio ? 'a ratio or share' : '',
    unknownWords ? `${unknownWords} word${unknownWords === 1 ? '' : 's'} not understood` : '',
  ].filter(Boolean);
  const score = Math.max(0, joins - 1) + Number(nested) + Number(ratio) + POINTS_PER_UNKNOWN_WORD * unknownWords;
  return { joins, nested, ratio, unknownWords, score, reasons };
}

/** The offline confidence a question of this complexity needs to be answered without a model. */
export function requiredConfidence(complexity: Complexity): number {
  return Math.min(0.99, Math.round((BASE_CONFIDENCE_THRESHOLD + CONFIDENCE_PER_POINT * complexity.score) * 100) / 100);
}

export interface RouteChoice {
  to: 'offline' | 'model';
  complexity: Complexity;
  required: number;
}

/** `auto` mode: keep the offline answer when it asks a clarification, or when its confidence
 *  meets what the question's complexity requires; otherwise ask a language model. */
export function chooseRoute(question: string, offline: OfflineAnswer): RouteChoice {
  const complexity = assessComplexity(question, offline);
  const required = requiredConfidence(complexity);
  const keep = Boolean(offline.clarification) || (Boolean(offline.sql) && offline.confidence >= required);
  return { to: keep ? 'offline' : 'model', complexity, required };
}

function planTables(plan: Record<string, unknown> | undefined): Set<string> {
  const tables = new Set<string>();
  const add = (value: unknown) => {
    if (typeof value === 'string' && value) tables.add(value.toLowerCase());
  };
  for (const m of asArray(plan?.measures).map(asRecord)) {
    add(m?.table);
    add(m?.from);
    add(asRecord(m?.metric)?.factTable);
  }
  for (const d of asArray(plan?.dims).map(asRecord)) add(d?.table);
  for (const f of asArray(plan?.filters).map(asRecord)) {
    add(f?.table);
    add(f?.child);
  }
  for (const v of asArray(plan?.via)) add(v);
  add(asRecord(plan?.timeColumn)?.table);
  return tables;
}

function countMatches(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
