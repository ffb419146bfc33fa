/** The semantic model of one source: introspected schema, enriched by an optional glossary. */
import type { ColumnKind, Dialect, ForeignKey, SchemaInfo, TableInfo } from '../../../shared/types/schema';
import type { Glossary } from '../../../shared/types/semantic';
import { defaultAggregation, type DefaultAggregation } from './additivity';
import { tablesOf, type Expr } from './ast';
import { joinKeys, keyOf, pairKeyOf } from './keys';
import { schemaPrefix, spokenName, spokenWords, verbForms } from './lexicon';
import { parseSqlExpr, qualifiedRefs } from './sqlExpr';
import { singular, stem, STOP_WORDS, words } from './text';

export interface Phrase {
  stems: string[];
  /** 1 for glossary words, a bit less for names derived from identifiers. */
  weight: number;
}

export type TimeEncoding = 'epoch' | 'epochMs' | 'year';

export type ColumnRole = 'key' | 'measure' | 'dimension' | 'time' | 'label' | 'flag' | 'other';

export interface ColumnModel {
  table: string;
  name: string;
  kind: ColumnKind;
  nullable: boolean;
  role: ColumnRole;
  pii: boolean;
  /** A date kept in a text column (recognised by its name). */
  textual?: boolean;
  /** A time kept as a number: seconds or milliseconds since 1970, or a calendar year (`birth_yr`, `season`). */
  encoding?: TimeEncoding;
  /** Human wording, e.g. "order date". */
  label: string;
  phrases: Phrase[];
  distinctValues?: string[];
  /** For measures: the aggregation used when the question names none (AVG for rates, prices, ratings …). */
  defaultAgg?: DefaultAggregation;
}

export interface TableModel {
  name: string;
  schema?: string;
  label: string;
  rowCount: number | null;
  primaryKey: string[];
  columns: ColumnModel[];
  /** The column naming one row (e.g. `product_name`), when there is one. */
  labelColumn?: string;
  phrases: Phrase[];
}

export interface MetricModel {
  name: string;
  alias: string;
  phrases: Phrase[];
  expr: Expr;
  filter?: Expr;
  /** Column placing the metric in time; undefined for snapshot metrics. */
  time?: { table: string; column: string };
  snapshot: boolean;
  /** Every table the expression and filter need. */
  tables: string[];
  /** The finest-grained table of the expression: joins from it to parents never double count. */
  factTable: string;
  format?: string;
  description?: string;
}

export interface ValueEntry {
  table: string;
  column: string;
  value: string;
  stems: string[];
}

export interface SemanticModel {
  dialect: Dialect;
  tables: Map<string, TableModel>;
  metrics: MetricModel[];
  values: ValueEntry[];
  foreignKeys: ForeignKey[];
  now?: string;
  /** Problems found in the glossary (unknown tables/columns); the engine ignores those entries. */
  warnings: string[];
}

const NAME_SUFFIXES = new Set(['name', 'title', 'label']);
/** Units and counters in column names that people leave out ("weight_kg" → "weight"). */
const UNIT_SUFFIXES = new Set(['kg', 'g', 'lb', 'lbs', 'km', 'mi', 'cm', 'mm', 'usd', 'eur', 'gbp', 'pct', 'min', 'mins', 'minute', 'hour', 'hrs', 'sec', 'secs', 'second', 'ms', 'amt', 'cnt', 'num', 'nbr', 'qty', 'amount', 'minut', 'second', 'hour', 'day', 'count', 'number', 'value', 'val']);
const COUNTER_PREFIXES = new Set(['total', 'tot', 'avg', 'num', 'nbr', 'n', 'sum']);

/** General business words and the column-name words they usually refer to (used without glossary). */
const BUSINESS_CONCEPTS: { say: string[]; columnWords: string[] }[] = [
  { say: ['revenue', 'sales', 'turnover', 'income', 'takings'], columnWords: ['revenue', 'sale', 'amount', 'total', 'turnover', 'income'] },
  { say: ['profit', 'margin'], columnWords: ['profit', 'margin'] },
  { say: ['units', 'quantity', 'volume', 'items sold', 'units sold'], columnWords: ['quantity', 'qty', 'unit'] },
  { say: ['cost', 'costs', 'spend', 'spending', 'expense', 'expenses'], columnWords: ['cost', 'spend', 'expense'] },
];
const GENERIC_MODIFIERS = new Set(['net', 'gross', 'total', 'line', 'order', 'sale', 'amount', 'value']);

function conceptPhrases(columnWords: string[]): Phrase[] {
  // "total_price" of a booking is what it brought in; a bare "price" is a rate, not revenue.
  if (/^total (price|value)$/.test(columnWords.join(' '))) columnWords = ['revenue'];
  const core = columnWords.filter((w) => !GENERIC_MODIFIERS.has(w));
  const heads = core.length ? core : columnWords.slice(-1);
  const out: Phrase[] = [];
  for (const concept of BUSINESS_CONCEPTS) {
    if (heads.length === 1 && concept.columnWords.includes(heads[0])) out.push(...concept.say.map((s) => phraseOf(s, 0.8)));
  }
  return out;
}

export function snakeCase(text: string): string {
  return words(text).join('_').replace(/[^a-z0-9_]/g, '') || 'value';
}

function phraseOf(text: string, weight: number): Phrase {
  return { stems: words(text).map(stem), weight };
}

function columnRole(name: string, kind: ColumnKind, isKey: boolean, hasValues: boolean, encoding?: TimeEncoding): ColumnRole {
  if (kind === 'date' || kind === 'datetime' || encoding) return 'time';
  if (isKey) return 'key';
  if (kind === 'boolean' || /^(is|has)_/.test(name)) return 'flag';
  if (kind === 'number') return 'measure';
  if (kind === 'text') return hasValues ? 'dimension' : 'label';
  return 'other';
}

function tablePhrases(name: string): Phrase[] {
  const w = words(name).map(singular);
  const out = [{ stems: w.map(stem), weight: 0.95 }];
  if (w.length > 1) out.push({ stems: [stem(w[w.length - 1])], weight: 0.75 });
  return out;
}

function columnPhrases(table: string, column: string): Phrase[] {
  const tw = words(table).map((w) => stem(singular(w)));
  let cw = words(column).map(stem);
  const out: Phrase[] = [{ stems: cw, weight: 0.95 }];
  if (cw.length > 1 && NAME_SUFFIXES.has(cw[cw.length - 1])) {
    cw = cw.slice(0, -1);
    out.push({ stems: cw, weight: 0.9 });
  }
  if (cw.length > 1 && cw[0] === tw[tw.length - 1]) out.push({ stems: cw.slice(1), weight: 0.8 });
  if (cw.length > 1 && /^(is|has)$/.test(cw[0])) out.push({ stems: cw.slice(1), weight: 0.9 });
  const unitless = cw.length > 1 && UNIT_SUFFIXES.has(cw[cw.length - 1]) ? cw.slice(0, -1) : cw;
  // "fare_amt" is a fare; "transaction_amount" of transactions is not the transactions themselves.
  const ownName = unitless.length === 1 && unitless[0] === tw[tw.length - 1];
  if (unitless !== cw && !ownName) out.push({ stems: unitless, weight: 0.9 });
  if (cw.length > 1 && COUNTER_PREFIXES.has(cw[0])) out.push({ stems: cw.slice(1), weight: 0.88 });
  if (unitless.length > 1 && unitless !== cw && COUNTER_PREFIXES.has(unitless[0])) out.push({ stems: unitless.slice(1), weight: 0.87 });
  if (unitless.length > 1 && unitless !== cw && unitless[0] === tw[tw.length - 1]) out.push({ stems: unitless.slice(1), weight: 0.8 });
  if (cw.length > 1 && /^(date|at|on|time|timestamp|datetime|year)$/.test(cw[cw.length - 1])) out.push({ stems: cw.slice(0, -1), weight: 0.85 });
  for (const v of verbForms(words(column))) out.push({ stems: v.map(stem), weight: 0.85 }, ...(v.length > 1 && /^(date|timestamp|datetime|year|time)$/.test(v[v.length - 1]) ? [{ stems: v.slice(0, -1).map(stem), weight: 0.85 }] : []));
  for (let i = tw.length - 1; i >= 0; i--) {
    const prefix = tw.slice(i);
    if (cw.slice(0, prefix.length).join(' ') !== prefix.join(' ')) out.push({ stems: [...prefix, ...cw], weight: 0.97 });
  }
  return out;
}

/** "home_country" is also just "country": a categorical column answers to its head noun (weakly);
 *  a time column not named "…date" is also "check in date" for "check_in". */
function headNounPhrases(role: ColumnRole, column: string): Phrase[] {
  const cw = words(column).map(stem);
  const head = cw[cw.length - 1];
  if (role === 'time') return /^(date|at|on|time|timestamp|day)$/.test(head) ? [] : [{ stems: [...cw, 'date'], weight: 0.95 }];
  if (role !== 'dimension' || cw.length < 2 || NAME_SUFFIXES.has(head) || UNIT_SUFFIXES.has(head) || STOP_WORDS.has(head)) return [];
  return [{ stems: [head], weight: 0.75 }];
}

function pickLabelColumn(columns: ColumnModel[]): string | undefined {
  const text = columns.filter((c) => c.kind === 'text' && !c.pii && c.role !== 'key');
  const named = text.find((c) => /(^| )(name|title|label)$/.test(c.label));
  return named?.name;
}

/** The table from which every other table of the expression is reachable along foreign keys. */
function finestTable(tables: string[], fks: ForeignKey[]): string {
  const reach = (from: string): Set<string> => {
    const seen = new Set([from]);
    const queue = [from];
    while (queue.length) {
      const t = queue.shift()!;
      for (const fk of fks) if (fk.fromTable === t && !seen.has(fk.toTable)) { seen.add(fk.toTable); queue.push(fk.toTable); }
    }
    return seen;
  };
  return tables.find((t) => tables.every((u) => reach(t).has(u))) ?? tables[0];
}

/** Dates stored as text (common in SQLite and CSV imports) are recognised by their (spoken) names. */
function effectiveKind(name: string, kind: ColumnKind): ColumnKind {
  if (kind !== 'text' && kind !== 'other') return kind;
  const n = name.toLowerCase();
  if (/(^|_)(timestamp|datetime|time)$|_at$/.test(n)) return 'datetime';
  if (/(^|_)(date|day)$|_on$|^(dt|date)_/.test(n)) return 'date';
  return kind;
}

/** Times kept in number columns, by their spoken names: epoch timestamps and calendar years. */
function timeEncoding(name: string, kind: ColumnKind, isKey: boolean): TimeEncoding | undefined {
  if (kind !== 'number' || isKey) return undefined;
  if (/(^|_)(epoch|unix)(_|$)|(^|_)(timestamp|datetime)$|_at$/.test(name)) return /(^|_)(ms|millis|milliseconds)(_|$)/.test(name) ? 'epochMs' : 'epoch';
  if (/(^|_)(year|season)$/.test(name)) return 'year';
  return undefined;
}

/** One table per name: several schemas may hold namesakes; `public` (or the first seen) wins. */
function uniqueTables(schema: SchemaInfo): SchemaInfo['tables'] {
  const byName = new Map<string, SchemaInfo['tables'][number]>();
  for (const t of schema.tables) {
    const seen = byName.get(t.name);
    if (!seen || (seen.schema !== 'public' && t.schema === 'public')) byName.set(t.name, t);
  }
  return [...byName.values()];
}

export function buildSemanticModel(schema: SchemaInfo, glossary?: Glossary): SemanticModel {
  const warnings: string[] = [];
  const pii = new Set((glossary?.pii ?? []).map((p) => p.toLowerCase()));
  // Table names folded to one case keep no word boundary: then the columns show the prefix.
  const prefix = schemaPrefix(schema.tables.map((t) => t.name)) ?? schemaPrefix(schema.tables.flatMap((t) => t.columns.map((c) => c.name)));
  const foreignKeys = joinKeys(schema, prefix);
  // Undeclared keys: `id` or a column naming the table, else the pair of references of a link table.
  const ownKey = (t: TableInfo) => { const k = keyOf(t, prefix)?.name; return k ? [k] : pairKeyOf(t, foreignKeys); };
  const fkColumns = new Set(foreignKeys.flatMap((fk) => fk.fromColumns.map((c) => `${fk.fromTable}.${c}`)));
  const tables = new Map<string, TableModel>();
  const values: ValueEntry[] = [];

  for (const t of uniqueTables(schema)) {
    const spokenTable = spokenName(t.name, prefix);
    const columns = t.columns.map((c): ColumnModel => {
      const qualified = `${t.name}.${c.name}`;
      const spoken = spokenName(c.name, prefix);
      const isKey = c.isPrimaryKey || fkColumns.has(qualified) || /(^id$|_id$)/i.test(spoken);
      const hasValues = (c.distinctValues?.length ?? 0) > 0;
      const kind = effectiveKind(spoken, c.kind);
      const encoding = timeEncoding(spoken, kind, isKey);
      const role = columnRole(spoken, kind, isKey, hasValues, encoding);
      return {
        table: t.name, name: c.name, kind, nullable: c.nullable, textual: kind !== c.kind,
        role, ...(encoding ? { encoding } : {}),
        pii: pii.has(qualified.toLowerCase()), label: spokenWords(c.name, prefix).join(' '),
        phrases: [...columnPhrases(spokenTable, spoken), ...headNounPhrases(role, spoken)],
        distinctValues: c.distinctValues,
        ...(role === 'measure' ? { defaultAgg: defaultAggregation(spoken) } : {}),
      };
    });
    const model: TableModel = {
      name: t.name, schema: t.schema, label: words(spokenTable).join(' '), rowCount: t.rowCountEstimate,
      primaryKey: t.primaryKey.length ? t.primaryKey : ownKey(t), columns, phrases: tablePhrases(spokenTable),
    };
    model.labelColumn = pickLabelColumn(columns);
    if (!glossary?.metrics.length) {
      const measureColumns = columns.filter((c) => c.role === 'measure');
      for (const c of measureColumns) c.phrases.push(...conceptPhrases(words(c.label).map(singular)));
      // "tuition" for tuition_payments.amount: a table's qualifier names its only measure.
      const qualifiers = words(spokenTable).slice(0, -1).map(stem).filter((w) => !STOP_WORDS.has(w));
      if (measureColumns.length === 1 && qualifiers.length) measureColumns[0].phrases.push({ stems: qualifiers, weight: 0.8 });
    }
    tables.set(t.name, model);
    for (const c of columns) {
      if (c.pii || c.kind !== 'text') continue;
      // Values are data, not identifiers: "PhD" is one word, not "Ph D".
      for (const v of c.distinctValues ?? []) if (v.trim()) values.push({ table: t.name, column: c.name, value: v, stems: words(v.toLowerCase()).map(stem) });
    }
  }

  const findColumn = (key: string) => {
    const [tn, cn] = key.split('.');
    return tables.get(tn)?.columns.find((c) => c.name === cn);
  };
  for (const [key, syns] of Object.entries(glossary?.synonyms ?? {})) {
    const target = key.includes('.') ? findColumn(key) : tables.get(key);
    if (!target) { warnings.push(`synonyms: "${key}" is not a table or table.column of this source`); continue; }
    for (const s of syns) target.phrases.push(phraseOf(s, 1));
  }

  const metrics: MetricModel[] = [];
  for (const m of glossary?.metrics ?? []) {
    const refs = [...qualifiedRefs(m.expression), ...qualifiedRefs(m.filter ?? '')];
    const missing = refs.find((r) => !tables.get(r.table)?.columns.some((c) => c.name === r.column));
    if (missing) { warnings.push(`metric "${m.name}": ${missing.table}.${missing.column} does not exist`); continue; }
    const expr = parseSqlExpr(m.expression);
    const exprTables = expr.k === 'raw' ? [...new Set(qualifiedRefs(m.expression).map((r) => r.table))] : [...tablesOf(expr)];
    const [timeTable, timeColumn] = m.time ? m.time.split('.') : [];
    const all = new Set([...exprTables, ...refs.map((r) => r.table), ...(timeTable ? [timeTable] : [])]);
    metrics.push({
      name: m.name, alias: snakeCase(m.name),
      phrases: [m.name, ...m.synonyms].map((s) => phraseOf(s, 1)),
      expr, filter: m.filter ? parseSqlExpr(m.filter) : undefined,
      time: timeTable ? { table: timeTable, column: timeColumn } : undefined,
      snapshot: !m.time, tables: [...all], factTable: finestTable(exprTables, foreignKeys),
      format: m.format, description: m.description,
    });
  }
  return { dialect: schema.dialect, tables, metrics, values, foreignKeys, now: glossary?.now, warnings };
}

export function columnOf(model: SemanticModel, table: string, column: string): ColumnModel | undefined {
  return model.tables.get(table)?.columns.find((c) => c.name === column);
}
