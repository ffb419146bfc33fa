/** The words a source offers for suggestions: measures and the breakdowns that mean something for
 *  each (columns of the measure's own table or of tables it points to, never people's names,
 *  contact details or identifiers). */
import type { Glossary } from '../../../shared/types/semantic';
import type { ColumnInfo, SchemaInfo } from '../../../shared/types/schema';

export interface MeasureWords {
  name: string;
  /** Breakdowns reachable from the measure's tables, best first. */
  dimensions: string[];
  /** Whether the measure has a date (so "by month" and periods apply). */
  timed: boolean;
}

/** Columns about a person or a key, which make poor breakdowns ("visits by first name"). */
const NOT_A_BREAKDOWN = /(^|_)(first|last|middle|given|family|full|user|contact|display)_?name$|e_?mail|phone|mobile|fax|address|street|zip|postal|post_code|ssn|passport|birth|password|token|url|(^|_)id$|_key$|code$|uuid|hash|notes?$|comment|description/i;

export function isBreakdown(column: ColumnInfo): boolean {
  if (column.kind !== 'text' || column.isPrimaryKey || NOT_A_BREAKDOWN.test(column.name)) return false;
  const distinct = column.distinctCount ?? column.distinctValues?.length;
  return distinct !== undefined && distinct > 1 && distinct <= 30;
}

const words = (name: string) => name.replace(/_/g, ' ').toLowerCase();

/** Tables reachable from `start` following foreign keys towards the referenced (parent) table. */
function parentsOf(schema: SchemaInfo, start: string[], hops = 2): string[] {
  const seen = new Set(start.map((t) => t.toLowerCase()));
  let frontier = [...seen];
  for (let i = 0; i < hops; i += 1) {
    const next = schema.foreignKeys.filter((fk) => frontier.includes(fk.fromTable.toLowerCase())).map((fk) => fk.toTable.toLowerCase()).filter((t) => !seen.has(t));
    next.forEach((t) => seen.add(t));
    frontier = next;
  }
  return [...seen];
}

function dimensionsFor(schema: SchemaInfo, tables: string[]): string[] {
  const reachable = parentsOf(schema, tables);
  const ordered = reachable.flatMap((name) => schema.tables.filter((t) => t.name.toLowerCase() === name));
  return [...new Set(ordered.flatMap((t) => t.columns.filter(isBreakdown).map((c) => words(c.name))))];
}

function hasDate(schema: SchemaInfo, tables: string[]): boolean {
  return parentsOf(schema, tables, 1).some((name) => schema.tables.some((t) => t.name.toLowerCase() === name && t.columns.some((c) => c.kind === 'date' || c.kind === 'datetime')));
}

export function measureWords(schema: SchemaInfo, glossary?: Glossary): MeasureWords[] {
  const tableNames = schema.tables.map((t) => t.name.toLowerCase());
  const fromGlossary = (glossary?.metrics ?? []).map((m) => {
    const mentioned = tableNames.filter((t) => new RegExp(`\\b${t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.`, 'i').test(`${m.expression} ${m.filter ?? ''}`));
    return { name: m.name.toLowerCase(), dimensions: dimensionsFor(schema, mentioned), timed: Boolean(m.time) || hasDate(schema, mentioned) };
  });
  const fromColumns = schema.tables.flatMap((t) => t.columns
    .filter((c) => c.kind === 'number' && !c.isPrimaryKey && !/(^id$|_id$|_key$|code$|year$|zip|postal|lat|lon)/i.test(c.name))
    .map((c) => ({ name: words(c.name), dimensions: dimensionsFor(schema, [t.name]), timed: hasDate(schema, [t.name]) })));
  const seen = new Set<string>();
  return [...fromGlossary, ...fromColumns].filter((m) => (seen.has(m.name) ? false : (seen.add(m.name), true)));
}

/** Tables whose rows people count ("customers", "stores"): they have a name column. */
export function entities(schema: SchemaInfo): string[] {
  return schema.tables.filter((t) => t.columns.some((c) => /name$/i.test(c.name) && !NOT_A_BREAKDOWN.test(c.name))).map((t) => words(t.name));
}
