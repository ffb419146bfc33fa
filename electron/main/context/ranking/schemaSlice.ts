/** The schema slice for a question: the top-ranked tables, the tables the glossary metrics and
 *  synonyms the question mentions refer to, and the tables needed to join them. */
import type { GlossaryMetric } from '../../../../shared/types/semantic';
import { JoinGraph } from './joinGraph';
import { mentionedMetrics, mentionedSynonymKeys, metricTables } from './glossaryRefs';
import type { SchemaLexicalIndex, Scored } from './schemaIndex';

export type SliceReason = 'ranked' | 'metric' | 'join-path';

export interface SliceTable {
  name: string;
  /** Ranking score (0 for tables added only to make a join possible). */
  score: number;
  reason: SliceReason;
}

export interface SchemaSlice {
  tables: SliceTable[];
  /** Glossary metrics the question names. */
  metrics: GlossaryMetric[];
}

export interface SliceOptions {
  /** How many top-ranked tables to take (default 6). */
  topK?: number;
  /** Of those, only tables scoring at least this fraction of the best score (default 0.2):
   *  with embeddings every table scores a little, and a weak match only drags in join paths. */
  minRelativeScore?: number;
}

export const DEFAULT_TOP_K = 6;
export const DEFAULT_MIN_RELATIVE_SCORE = 0.2;

/**
 * Builds the slice from already-ranked tables (lexical or hybrid scores, best first).
 * Order of the result: ranked and metric tables by score, then join-path tables.
 */
export function sliceSchema(
  index: SchemaLexicalIndex,
  graph: JoinGraph,
  rankedTables: readonly Scored[],
  questionTerms: readonly string[],
  options: SliceOptions = {},
): SchemaSlice {
  const topK = options.topK ?? DEFAULT_TOP_K;
  const scoreOf = new Map(rankedTables.map((t) => [t.id, t.score]));
  const chosen = new Map<string, SliceTable>();
  const minScore = (rankedTables[0]?.score ?? 0) * (options.minRelativeScore ?? DEFAULT_MIN_RELATIVE_SCORE);
  for (const { id, score } of rankedTables.slice(0, topK)) {
    if (score > 0 && score >= minScore) chosen.set(id, { name: id, score, reason: 'ranked' });
  }
  const metrics = mentionedMetrics(index.glossary, questionTerms);
  for (const metric of metrics) {
    for (const table of metricTables(metric, index.tableNames)) {
      // A table a named metric reads is needed whatever its rank: "metric" is the stronger reason.
      chosen.set(table, { name: table, score: scoreOf.get(table) ?? 0, reason: 'metric' });
    }
  }
  // A table (or one of its columns) the glossary says the question names is needed too.
  for (const key of mentionedSynonymKeys(index.glossary, questionTerms)) {
    const table = key.split('.')[0];
    if (index.tableNames.has(table) && !chosen.has(table)) chosen.set(table, { name: table, score: scoreOf.get(table) ?? 0, reason: 'ranked' });
  }
  const anchors = [...chosen.keys()];
  const joins = graph.connectingTables(anchors, (table) => scoreOf.get(table) ?? 0);
  const ordered = [...chosen.values()].sort((a, b) => b.score - a.score || a.name.localeCompare(b.name));
  for (const table of joins) ordered.push({ name: table, score: scoreOf.get(table) ?? 0, reason: 'join-path' });
  return { tables: ordered, metrics };
}
