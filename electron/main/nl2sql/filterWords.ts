/** The filters a query plan applies, in plain words ("region = North America"), so that an answer
 *  says which rows it kept — and a value matched from other words than the value's own
 *  ("returning" read as status = returned) can be seen and corrected. */
import { columnOf, type SemanticModel } from './model';
import type { Filter, QueryPlan } from './plan';
import { singular, stem, words } from './text';

const WEEKDAYS = ['Sundays', 'Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays', 'Saturdays'];
const OPS: Record<string, string> = { '>': '>', '<': '<', '>=': '≥', '<=': '≤', '=': '=' };

/** "region name" → "region"; a bare "name" is the name of the table's row ("store"). */
export function columnWords(model: SemanticModel, table: string, column: string): string {
  const label = (columnOf(model, table, column)?.label ?? column.replace(/_/g, ' ')).toLowerCase().trim();
  const trimmed = label.replace(/ (name|label|title)$/, '');
  if (trimmed && trimmed !== 'name' && trimmed !== 'label' && trimmed !== 'title') return trimmed;
  return tableWords(model, table);
}

export function tableWords(model: SemanticModel, table: string): string {
  return words(model.tables.get(table)?.label ?? table).map(singular).join(' ');
}

function orList(values: string[]): string {
  return values.length === 1 ? values[0] : `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}

/** The words a value filter was read from, when they are not the value itself ("returning" → returned). */
function readFrom(f: Extract<Filter, { kind: 'values' }>): string {
  const plain = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  const said = (f.said ?? []).filter((s) => !f.values.some((v) => plain(v) === plain(s)));
  return said.length ? ` (read from ‘${said.join('’, ‘')}’)` : '';
}

function describe(model: SemanticModel, f: Filter): string {
  const name = columnWords(model, f.table, f.column);
  switch (f.kind) {
    case 'values': {
      const column = columnOf(model, f.table, f.column);
      if (column?.role === 'flag') return `${f.negated ? 'not ' : ''}${name}`;
      if (f.values.length === 1) return `${name} ${f.negated ? '≠' : '='} ${f.values[0]}${readFrom(f)}`;
      return `${name} ${f.negated ? 'is none of' : 'is'} ${f.negated ? f.values.join(', ') : orList(f.values)}${readFrom(f)}`;
    }
    case 'compare': return `${name} ${OPS[f.op]} ${f.value.toLocaleString('en-US')}`;
    case 'null': return f.negated ? `${name} is filled in` : `${name} is empty`;
    case 'weekday': return `${name.replace(/ on$/, '')} on ${orList(f.days.map((d) => WEEKDAYS[d]))}`;
    case 'days': return `days from ${columnWords(model, f.table, f.from)} to ${name} ${OPS[f.op]} ${f.value}`;
    case 'absent': return `${tableWords(model, f.table)} with no ${tableWords(model, f.child)}`;
  }
}

/** Each filter of the plan, in words; the part of a share ("share that is Online") is the share, not a filter. */
export function filterWords(model: SemanticModel, plan: QueryPlan): string[] {
  return [...new Set(plan.filters.map((f) => describe(model, f)))];
}

/** "Filtered to region = North America and channel = Online." */
export function filterSentence(filters: string[]): string | undefined {
  if (!filters.length) return undefined;
  const list = filters.length === 1 ? filters[0] : `${filters.slice(0, -1).join(', ')} and ${filters[filters.length - 1]}`;
  return `Filtered to ${list}.`;
}

/** Values of several words that contain `word` as one of them ("asia" → region = Asia Pacific): the closest
 *  things the data holds to a word that matched no value whole, at most `limit`. */
export function valuesContaining(model: SemanticModel, word: string, limit = 3): { filter: string; value: string }[] {
  const s = stem(word.toLowerCase());
  if (s.length < 3) return [];
  const found = new Map<string, { filter: string; value: string }>();
  for (const v of model.values) {
    if (v.stems.length < 2 || !v.stems.includes(s)) continue;
    const filter = `${columnWords(model, v.table, v.column)} = ${v.value}`;
    if (!found.has(filter)) found.set(filter, { filter, value: v.value });
  }
  return [...found.values()].slice(0, limit);
}
