/** Phrases of a question that linked firmly to the data (a value, a column, a table, a metric) but
 *  that the answer's query does not use: the planner set them aside, so the answer has to say so. */
import { columnWords, tableWords } from './filterWords';
import type { Candidate } from './linker';
import type { SemanticModel } from './model';
import type { QueryPlan } from './plan';
import { isGrammarWord } from './understood';

/** Links below this score are loose readings the engine itself does not rely on. */
const FIRM_LINK = 0.9;
/** Readings this close to the best one count as the same reading. */
const SAME_READING = 0.05;

export interface UnusedLink {
  phrase: string;
  /** What the phrase was read as, in plain words ("region = Asia Pacific", "store size"). */
  meaning: string;
  kind: Candidate['target']['type'];
}

interface SqlNames {
  identifiers: Set<string>;
  literals: Set<string>;
}

function namesOf(sql: string): SqlNames {
  const literals = new Set((sql.match(/'(?:[^']|'')*'/g) ?? []).map((l) => l.slice(1, -1).replace(/''/g, "'").toLowerCase()));
  const code = sql.replace(/'(?:[^']|'')*'/g, ' ');
  const identifiers = new Set((code.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []).map((i) => i.toLowerCase()));
  return { identifiers, literals };
}

/** A table the query reads, its child, or any table its rows belong to through foreign keys: naming an owner
 *  without a value narrows nothing ("how much did we refund customers": every refund has a customer). */
function tableReflected(model: SemanticModel, table: string, names: SqlNames): boolean {
  const read = (t: string) => names.identifiers.has(t.toLowerCase());
  if (read(table) || model.foreignKeys.some((fk) => fk.fromTable === table && read(fk.toTable))) return true;
  const owners = new Set([...model.tables.keys()].filter(read));
  for (let grew = true; grew;) {
    grew = false;
    for (const fk of model.foreignKeys) if (owners.has(fk.fromTable) && !owners.has(fk.toTable)) { owners.add(fk.toTable); grew = true; }
  }
  return owners.has(table);
}

/** Lenient on purpose: a phrase reported as unused must really be left out, so any trace of it counts as used. */
function reflected(model: SemanticModel, c: Candidate, plan: QueryPlan, names: SqlNames): boolean {
  const t = c.target;
  switch (t.type) {
    case 'metric': return plan.measures.some((m) => m.kind === 'metric' && (m.metric === t.metric || m.metric.name === t.metric.name))
      || t.metric.tables.every((table) => names.identifiers.has(table.toLowerCase())) && names.identifiers.has(t.metric.alias.toLowerCase());
    case 'table': return tableReflected(model, t.table, names);
    case 'column': return names.identifiers.has(t.column.toLowerCase()) || (names.identifiers.has(t.table.toLowerCase()) && !columnFilterable(model, t.table, t.column))
      || (model.tables.get(t.table)?.labelColumn === t.column && tableReflected(model, t.table, names))
      || model.foreignKeys.some((fk) => fk.toTable === t.table && fk.fromColumns.some((col) => names.identifiers.has(col.toLowerCase())));
    case 'value': return names.literals.has(t.value.toLowerCase());
  }
}

/** A column whose own values narrow rows down (a category, a flag); other columns said with their table name the table. */
function columnFilterable(model: SemanticModel, table: string, column: string): boolean {
  const role = model.tables.get(table)?.columns.find((c) => c.name === column)?.role;
  return role === 'dimension' || role === 'flag' || role === 'measure';
}

function meaningOf(model: SemanticModel, c: Candidate): string {
  const t = c.target;
  switch (t.type) {
    case 'metric': return t.metric.name;
    case 'table': return tableWords(model, t.table);
    case 'column': return columnWords(model, t.table, t.column);
    case 'value': return `${columnWords(model, t.table, t.column)} = ${t.value}`;
  }
}

/** Each firmly linked phrase none of whose best readings the query reflects, once. */
export function unusedLinks(model: SemanticModel, plan: QueryPlan, sql: string, linked: { phrase: string; candidates: Candidate[] }[]): UnusedLink[] {
  const names = namesOf(sql);
  const usedPhrases = new Set(plan.links.map((l) => l.phrase.toLowerCase()));
  const found = new Map<string, UnusedLink>();
  for (const { phrase, candidates } of linked) {
    const best = candidates[0];
    if (!best || best.score < FIRM_LINK || usedPhrases.has(phrase.toLowerCase())) continue;
    if (phrase.split(/\s+/).every(isGrammarWord)) continue;
    const readings = candidates.filter((c) => c.score >= best.score - SAME_READING);
    if (readings.some((c) => reflected(model, c, plan, names))) continue;
    if (!found.has(phrase.toLowerCase())) found.set(phrase.toLowerCase(), { phrase, meaning: meaningOf(model, best), kind: best.target.type });
  }
  return [...found.values()];
}
