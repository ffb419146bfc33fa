/** Row-level answer shapes: "list the name, city and country of every airport" (the requested columns
 *  of the rows, nothing aggregated) and "the 3 flights with the largest delay" (the rows with the top
 *  values of one of their own columns, with that value). */
import type { Parsed } from './outcome';
import { columnOf, type SemanticModel } from './model';
import { anyOf, best, metricOf, type RoledMention } from './roles';

export interface ListedColumn {
  table: string;
  column: string;
}

export interface ColumnList {
  table: string;
  columns: ListedColumn[];
  /** The mentions the list accounts for (columns and the listed entity). */
  used: RoledMention[];
}

const LIST_VERB = /^\s*(?:please\s+)?(list|show|give|display|return|get|find|what are|what is)\b(?:\s+me)?/;
/** Words that ask for an aggregate or a breakdown: the question is not a plain list of rows. */
const AGGREGATING = /^(average|avg|mean|median|total|sum|count|number|minimum|maximum|min|max|by|per|how)$/;
/** Before the ranked column: "the 3 customers with the highest total spend" ranks groups, not rows. */
const TOP_AGGREGATING = /^(average|avg|mean|median|total|sum|count|number|of|combined|overall)$/;
const LABEL_WORDS = /^(name|names|title|titles)$/;
const FILLER = /^(the|a|an|its|their|each|every|all|our|,|and|also)$/;
const BEFORE_ENTITY = /^(the|all|every|each|our|of|for)$/;

const DATE_WORDS = /^(date|dates|time|day)$/;

/** "admission date": a table named before "date" means its only date column. */
function datedBy(model: SemanticModel, r: RoledMention, next: string | undefined): ListedColumn | undefined {
  const table = next && DATE_WORDS.test(next) ? anyOf(r.mention, 'table')?.target.table : undefined;
  const times = table ? model.tables.get(table)!.columns.filter((c) => c.role === 'time') : [];
  return times.length === 1 ? { table: table!, column: times[0].name } : undefined;
}

/** The column of `table` (or, when not there, the best column of any table) a mention names. */
function columnIn(model: SemanticModel, r: RoledMention, table: string): ListedColumn | undefined {
  const own = r.mention.candidates.find((c) => c.target.type === 'column' && c.target.table === table);
  // "the name … of authors" is the authors' label even when "name" is another table's column.
  const label = model.tables.get(table)?.labelColumn;
  if (!own && label && LABEL_WORDS.test(r.mention.text)) return { table, column: label };
  const target = own?.target ?? best(r.mention, 'column')?.target;
  if (!target || target.type !== 'column') return undefined;
  const c = columnOf(model, target.table, target.column);
  // A measure of another table is an aggregate per entity ("the fare amount of each carrier").
  if (!c || (target.table !== table && c.role === 'measure')) return undefined;
  return { table: target.table, column: target.column };
}

/**
 * "List / show / return X, Y and Z of <rows> …": the requested columns of the rows. Undefined when
 * the question aggregates, groups, counts or ranks, or when a word of the column list is not understood.
 */
export function requestedColumns(model: SemanticModel, p: Parsed): ColumnList | undefined {
  const verb = LIST_VERB.exec(p.text);
  if (!verb || p.cues.rank || p.cues.howMany || p.cues.share || p.cues.comparisons.some((c) => c.op !== '=') || p.cues.timeUnits.length || p.cues.trend) return undefined;
  const { tokens, roled } = p;
  const mentionAt = new Map(roled.map((r) => [r.mention.from, r]));
  const inMention = (i: number) => roled.some((r) => i >= r.mention.from && i < r.mention.to);
  if (tokens.some((t, i) => AGGREGATING.test(t.text) && !inMention(i))) return undefined;
  const verbEnd = verb.index + verb[0].length;
  // The listed entity: the first table named after "of" / "for" (values may stand between: "of corporate customers").
  const ofAt = tokens.findIndex((t) => t.start >= verbEnd && (t.text === 'of' || t.text === 'for'));
  if (ofAt < 0) return undefined;
  let k = ofAt + 1;
  while (k < tokens.length && (BEFORE_ENTITY.test(tokens[k].text) || (mentionAt.get(k) && best(mentionAt.get(k)!.mention, 'value')))) k = mentionAt.get(k)?.mention.to ?? k + 1;
  const entity = mentionAt.get(k);
  const table = entity && anyOf(entity.mention, 'table')?.target.table;
  if (!table || metricOf(entity)) return undefined;
  const columns: ListedColumn[] = [];
  const used: RoledMention[] = [entity];
  const label = model.tables.get(table)?.labelColumn;
  for (let i = tokens.findIndex((t) => t.start >= verbEnd); i >= 0 && i < ofAt;) {
    const r = mentionAt.get(i);
    if (r) {
      if (metricOf(r) && !anyOf(r.mention, 'column')) return undefined;
      const c = columnIn(model, r, table) ?? datedBy(model, r, tokens[r.mention.to]?.text);
      if (!c) return undefined;
      columns.push(c);
      used.push(r);
      i = r.mention.to;
      continue;
    }
    const word = tokens[i].text;
    const previous = columns[columns.length - 1];
    if (LABEL_WORDS.test(word) && label) columns.push({ table, column: label });
    else if (DATE_WORDS.test(word) && previous && columnOf(model, previous.table, previous.column)?.role === 'time') { /* "admitted on date" */ }
    else if (!FILLER.test(word)) return undefined;
    i++;
  }
  const unique = columns.filter((c, i) => columns.findIndex((o) => o.table === c.table && o.column === c.column) === i);
  return unique.length ? { table, columns: unique, used } : undefined;
}

export interface TopRows {
  table: string;
  column: ListedColumn;
  desc: boolean;
  limit: number;
  used: RoledMention[];
}

/** Order words of dates ("the 3 instructors with the earliest hire date"); rank words cover numbers. */
const TIME_ORDER = /\b(earliest|oldest|first|latest|newest|most recent)\b/;

/**
 * "The 3 flights with the largest departure delay", "top 5 books by pages": rows of the entity named
 * right after the number, ordered by a column of their own (no aggregation word before it). "Which team
 * has the lowest founded year": the one row with the top date or year (numbers rank per row elsewhere).
 */
export function topRows(model: SemanticModel, p: Parsed): TopRows | undefined {
  const rank = p.cues.rank;
  if (p.cues.howMany) return undefined;
  const { tokens, roled } = p;
  const limitAt = tokens.findIndex((t, i) => i <= 2 && (/^\d+$/.test(t.text) || NUMBER_WORDS[t.text] !== undefined) && (i === 0 || /^(the|top|bottom)$/.test(tokens[i - 1].text)));
  const winner = /^\s*(which|what)\b/.test(p.text) ? 0 : -1;
  const entityAt = limitAt >= 0 ? limitAt + 1 : winner + 1;
  if (limitAt < 0 && winner < 0) return undefined;
  const limit = limitAt >= 0 ? (NUMBER_WORDS[tokens[limitAt].text] ?? +tokens[limitAt].text) : 1;
  const entity = roled.find((r) => r.mention.from === entityAt && anyOf(r.mention, 'table') && !metricOf(r));
  const table = entity && anyOf(entity.mention, 'table')!.target.table;
  if (!entity || !table) return undefined;
  const after = roled.filter((r) => r.mention.from >= entity.mention.to && r.mention.from - entity.mention.to <= 5);
  const measured = after.find((r) => r.mention.candidates.some((c) => c.target.type === 'column' && c.target.table === table));
  if (!measured) return undefined;
  const between = tokens.slice(entity.mention.to, measured.mention.from).map((t) => t.text);
  if (between.some((w) => TOP_AGGREGATING.test(w))) return undefined;
  const target = measured.mention.candidates.find((c) => c.target.type === 'column' && c.target.table === table)!.target as ListedColumn & { type: 'column' };
  const c = columnOf(model, table, target.column);
  const timeWord = TIME_ORDER.exec(between.join(' '));
  const ordered = c?.role === 'time' ? timeWord || rank : limitAt >= 0 && c?.role === 'measure' && !timeWord ? rank : undefined;
  if (!c || !ordered) return undefined;
  const desc = timeWord ? /latest|newest|recent/.test(timeWord[1]) : rank!.desc;
  return { table, column: { table, column: target.column }, desc, limit, used: [entity, measured] };
}

const NUMBER_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, twenty: 20 };
