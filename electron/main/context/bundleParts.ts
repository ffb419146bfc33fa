/** Turns ranking results into bundle pieces: slice tables with their most relevant columns and
 *  joins, and readable glossary entries. */
import type { Glossary } from '../../../shared/types/semantic';
import type { ForeignKey } from '../../../shared/types/schema';
import { metricEntryId, synonymEntryId, type SchemaLexicalIndex, type Scored } from './ranking/schemaIndex';
import type { SliceTable } from './ranking/schemaSlice';
import type { BundleColumn, BundleGlossaryEntry, BundleTable } from './types';

/** Wide tables keep their key columns and the most relevant others, up to this many. */
export const MAX_COLUMNS_PER_TABLE = 40;

export function bundleTable(slice: SliceTable, index: SchemaLexicalIndex, columnScores: ReadonlyMap<string, number>, inBundle: ReadonlySet<string>): BundleTable {
  const table = index.table(slice.name);
  if (!table) throw new Error(`The schema slice names table ${slice.name}, which the schema does not have.`);
  const pii = new Set(index.glossary?.pii ?? []);
  const keyColumns = new Set([...table.primaryKey, ...index.schema.foreignKeys.filter((fk) => fk.fromTable === table.name).flatMap((fk) => fk.fromColumns)]);
  let columns = table.columns;
  if (columns.length > MAX_COLUMNS_PER_TABLE) {
    const relevance = (name: string) => (keyColumns.has(name) ? Infinity : columnScores.get(`${table.name}.${name}`) ?? 0);
    const keep = new Set([...columns].sort((a, b) => relevance(b.name) - relevance(a.name)).slice(0, MAX_COLUMNS_PER_TABLE).map((c) => c.name));
    columns = columns.filter((c) => keep.has(c.name));
  }
  const bundleColumns: BundleColumn[] = columns.map((c) => ({
    name: c.name,
    type: c.type,
    kind: c.kind,
    ...(pii.has(`${table.name}.${c.name}`) ? { pii: true } : {}),
  }));
  return {
    name: table.name,
    reason: slice.reason,
    score: slice.score,
    columns: bundleColumns,
    omittedColumns: table.columns.length - columns.length,
    joins: index.schema.foreignKeys.filter((fk) => fk.fromTable === table.name && inBundle.has(fk.toTable)).map(describeJoin),
  };
}

function describeJoin(fk: ForeignKey): string {
  return fk.fromColumns.map((c, i) => `${fk.fromTable}.${c} = ${fk.toTable}.${fk.toColumns[i]}`).join(' AND ');
}

/** Readable glossary entries for ids from the lexical index. */
export function glossaryEntry(id: string, glossary: Glossary | undefined): BundleGlossaryEntry | null {
  if (!glossary) return null;
  const metric = glossary.metrics.find((m) => metricEntryId(m.name) === id);
  if (metric) {
    const parts = [`metric "${metric.name}"`];
    if (metric.synonyms.length) parts.push(`(also: ${metric.synonyms.join(', ')})`);
    parts.push(`= ${metric.expression}`);
    if (metric.filter) parts.push(`where ${metric.filter}`);
    if (metric.time) parts.push(`over time by ${metric.time}`);
    if (metric.description) parts.push(`— ${metric.description}`);
    return { id, text: parts.join(' ') };
  }
  const key = Object.keys(glossary.synonyms).find((k) => synonymEntryId(k) === id);
  return key ? { id, text: `"${glossary.synonyms[key].join('", "')}" means ${key}` } : null;
}

/** Glossary ids to offer: the metrics the question names first, then other matches. */
export function glossaryCandidates(mentionedMetricNames: readonly string[], ranked: readonly Scored[]): Scored[] {
  const best = ranked[0]?.score || 1;
  const mentioned = mentionedMetricNames.map((name) => ({ id: metricEntryId(name), score: 1 }));
  const others = ranked.filter((r) => !mentioned.some((m) => m.id === r.id)).map((r) => ({ id: r.id, score: (0.8 * r.score) / best }));
  return [...mentioned, ...others];
}
