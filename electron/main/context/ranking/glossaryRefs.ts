/** Reads which tables and columns a glossary entry talks about, and which glossary phrases a
 *  question says outright. */
import type { Glossary, GlossaryMetric } from '../../../../shared/types/semantic';
import { terms } from './text';

export interface ColumnRef {
  table: string;
  column: string;
}

const QUALIFIED = /\b([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*)\b/g;

/** `table.column` references in a SQL fragment, limited to tables that exist. */
export function columnRefs(sql: string | null | undefined, knownTables: ReadonlySet<string>): ColumnRef[] {
  if (!sql) return [];
  const refs: ColumnRef[] = [];
  for (const match of sql.matchAll(QUALIFIED)) {
    if (knownTables.has(match[1])) refs.push({ table: match[1], column: match[2] });
  }
  return refs;
}

/** Every table a metric needs: its expression, its filter and its time column. */
export function metricTables(metric: GlossaryMetric, knownTables: ReadonlySet<string>): string[] {
  const refs = [metric.expression, metric.filter, metric.time].flatMap((part) => columnRefs(part, knownTables));
  return [...new Set(refs.map((ref) => ref.table))];
}

/** Start positions where the phrase's terms occur consecutively in the question. */
function phraseOccurrences(questionTerms: readonly string[], phraseTerms: readonly string[]): number[] {
  const starts: number[] = [];
  if (phraseTerms.length === 0) return starts;
  outer: for (let start = 0; start + phraseTerms.length <= questionTerms.length; start++) {
    for (let i = 0; i < phraseTerms.length; i++) {
      if (questionTerms[start + i] !== phraseTerms[i]) continue outer;
    }
    starts.push(start);
  }
  return starts;
}

/** True when the question contains the phrase's terms consecutively ("net sales", "aov"). */
export function containsPhrase(questionTerms: readonly string[], phrase: string): boolean {
  return phraseOccurrences(questionTerms, terms(phrase)).length > 0;
}

/** Metrics whose name or one of whose synonyms the question says. Longer phrases claim their
 *  words first, so "revenue target" does not also count as "revenue". */
export function mentionedMetrics(glossary: Glossary | undefined, questionTerms: readonly string[]): GlossaryMetric[] {
  if (!glossary) return [];
  const candidates = glossary.metrics
    .flatMap((metric) => [metric.name, ...metric.synonyms].map((phrase) => ({ metric, phrase: terms(phrase) })))
    .filter((c) => c.phrase.length > 0)
    .sort((a, b) => b.phrase.length - a.phrase.length);
  const claimed = new Array<boolean>(questionTerms.length).fill(false);
  const found = new Set<GlossaryMetric>();
  for (const { metric, phrase } of candidates) {
    for (const start of phraseOccurrences(questionTerms, phrase)) {
      const span = Array.from({ length: phrase.length }, (_, i) => start + i);
      if (span.some((position) => claimed[position])) continue;
      span.forEach((position) => (claimed[position] = true));
      found.add(metric);
    }
  }
  return glossary.metrics.filter((metric) => found.has(metric));
}

/** Synonym keys (`table` or `table.column`) whose words the question says. */
export function mentionedSynonymKeys(glossary: Glossary | undefined, questionTerms: readonly string[]): string[] {
  if (!glossary) return [];
  return Object.entries(glossary.synonyms)
    .filter(([, words]) => words.some((w) => containsPhrase(questionTerms, w)))
    .map(([key]) => key);
}
