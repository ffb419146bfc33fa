/** Turns roled mentions into plan parts: measures, dimensions, filters, the time column. */
import { aggregationBefore } from './cues';
import { joinDistance } from './joins';
import type { Token } from './linker';
import { columnOf, type ColumnModel, type MetricModel, type SemanticModel } from './model';
import type { AggFn, Dimension, Filter, Measure } from './plan';
import { best, chooseValue, type RoledMention } from './roles';
import { singular, STOP_WORDS, words } from './text';

/** Grouping by a table means grouping by the row's label (and key, so namesakes stay apart). */
export function entityDimension(model: SemanticModel, table: string, root: string): Dimension {
  const t = model.tables.get(table)!;
  const label = words(t.label).map(singular).join(' ');
  if (t.labelColumn) {
    const keys = t.primaryKey.length === 1 && t.primaryKey[0] !== t.labelColumn ? t.primaryKey : [];
    return { kind: 'column', table, column: t.labelColumn, label, keys };
  }
  const fk = model.foreignKeys.find((f) => f.fromTable === root && f.toTable === table && f.fromColumns.length === 1);
  if (fk) return { kind: 'column', table: root, column: fk.fromColumns[0], label };
  return { kind: 'column', table, column: t.primaryKey[0] ?? t.columns[0].name, label };
}

/** Column dimension; key columns are taken from the query's own table when it carries them. */
export function columnDimension(model: SemanticModel, c: ColumnModel, root: string): Dimension {
  // A year kept as a number ("season", "fiscal_year") is grouped by as it is.
  if (c.encoding === 'year') return { kind: 'column', table: c.table, column: c.name, label: c.label };
  if (c.role === 'time') return { kind: 'time', unit: 'day', label: c.label };
  if (c.role === 'key' && c.table !== root && columnOf(model, root, c.name)) return { kind: 'column', table: root, column: c.name, label: c.label };
  const t = model.tables.get(c.table)!;
  // A "name" that repeats across many rows (a test name of lab results) is a category, not a row's label.
  const repeated = (c.distinctValues?.length ?? Infinity) * 2 < (t.rowCount ?? 0);
  const keys = t.labelColumn === c.name && t.primaryKey.length === 1 && !repeated ? t.primaryKey : undefined;
  return { kind: 'column', table: c.table, column: c.name, label: c.label, keys };
}

/** Measure columns mentioned (numbers that are not keys), with an aggregation word when given. */
export function adHocMeasure(model: SemanticModel, r: RoledMention, tokens: Token[], askedFn?: AggFn, ranked = false): Extract<Measure, { kind: 'agg' }> | undefined {
  const c = best(r.mention, 'column')?.target;
  if (!c) return undefined;
  const column = columnOf(model, c.table, c.column);
  if (!column || column.role !== 'measure') return undefined;
  const asked = aggregationBefore(tokens, r.mention.from) ?? askedFn;
  const nonAdditive = column.defaultAgg === 'AVG';
  // Rates, prices and ratings do not add up: "rating by hotel" and "the hotel with the highest rate" average them.
  const fn: AggFn = asked ?? column.defaultAgg ?? 'SUM';
  const label = fn === 'SUM' && /^total\b/.test(column.label) ? column.label : `${fn === 'SUM' ? 'total' : fn === 'AVG' ? 'average' : fn.toLowerCase()} ${column.label}`;
  const measure: Extract<Measure, { kind: 'agg' }> = { kind: 'agg', fn, table: c.table, column: c.column, label };
  if (!asked && nonAdditive) measure.reading = `${column.label} does not add up across rows, so it is averaged${ranked ? ' and groups are ranked by that average' : ''}`;
  return measure;
}

/** Metrics sharing the most content words with the question, for wording no synonym covers. */
export function partialMetric(model: SemanticModel, tokens: Token[], blocked: boolean[]): { metric: MetricModel; overlap: number } | undefined {
  const stems = new Set(tokens.filter((t, i) => !blocked[i] && !STOP_WORDS.has(t.text)).map((t) => t.stem));
  let winner: { metric: MetricModel; overlap: number } | undefined;
  for (const metric of model.metrics) {
    for (const p of metric.phrases) {
      const overlap = p.stems.filter((s) => stems.has(s)).length / p.stems.length;
      if (overlap >= 0.5 && (!winner || overlap > winner.overlap)) winner = { metric, overlap };
    }
  }
  return winner;
}

/** The date column for time filters of an ad-hoc measure: one the user named, else the table's main date. */
export function chooseTimeColumn(model: SemanticModel, root: string, named: { table: string; column: string }[]): { table: string; column: string } | undefined {
  const reachable = named.filter((n) => joinDistance(model, root, n.table) < 5);
  if (reachable.length) return reachable[0];
  const candidates = [...model.tables.values()]
    .map((t) => ({ t, d: Math.floor(joinDistance(model, root, t.name)) }))
    .filter(({ d }) => d < 3)
    // Same distance: the bigger table holds the events (orders), the smaller one describes things (products).
    .sort((a, b) => a.d - b.d || (b.t.rowCount ?? 0) - (a.t.rowCount ?? 0));
  for (const { t } of candidates) {
    // Real dates before years kept as numbers (a game's date, not its season).
    const dates = t.columns.filter((c) => c.role === 'time' && !c.pii && !/birth|dob/.test(c.label)).sort((a, b) => Number(a.encoding === 'year') - Number(b.encoding === 'year'));
    const main = dates.find((c) => !c.nullable) ?? dates[0];
    if (main) return { table: t.name, column: main.name };
  }
  return undefined;
}

/** Value mentions → filters (one per column; several values → IN; negation → <> / NOT IN). */
export function valueFilters(model: SemanticModel, roled: RoledMention[], anchors: string[], consumed: Set<RoledMention>): Filter[] {
  const filters: Filter[] = [];
  roled.forEach((r, i) => {
    if (consumed.has(r)) return;
    const neighbours = [roled[i - 1], roled[i + 1]].filter((n) => n && Math.abs(n.mention.from - r.mention.from) <= 3) as RoledMention[];
    const value = chooseValue(model, r, neighbours, anchors);
    if (!value) {
      const flag = best(r.mention, 'column')?.target;
      const column = flag && columnOf(model, flag.table, flag.column);
      if (column?.role === 'flag' && !r.grouped) {
        consumed.add(r);
        filters.push({ kind: 'values', table: column.table, column: column.name, values: [column.kind === 'boolean' ? 'true' : '1'], negated: r.negated });
      }
      return;
    }
    consumed.add(r);
    for (const n of neighbours) {
      if (n.mention.candidates.some((c) => c.target.type === 'column' && c.target.table === value.table && c.target.column === value.column)) consumed.add(n);
    }
    const same = filters.find((f) => f.kind === 'values' && f.table === value.table && f.column === value.column && f.negated === r.negated);
    if (same && same.kind === 'values') { same.values.push(value.value); same.said?.push(r.mention.text); }
    else filters.push({ kind: 'values', table: value.table, column: value.column, values: [value.value], negated: r.negated, said: [r.mention.text] });
  });
  return filters;
}

/** A date that is planned rather than happened ("due on", "expected delivery"): not when a row ended. */
const PLANNED_DATE = /(^| )(due|expected|planned|scheduled|target|estimated|promised|deadline)( |$)/;

/** The start and end dates of a table's rows ("admitted" and "discharged"): the required date and a nullable one. */
export function spanColumns(model: SemanticModel, table: string): { start: ColumnModel; end: ColumnModel } | undefined {
  const dates = model.tables.get(table)?.columns.filter((c) => c.role === 'time' && !c.pii && c.encoding !== 'year' && !/birth/.test(c.label)) ?? [];
  // Files declare nothing NOT NULL: then the first date starts the row and the next actual (not planned) one ends it.
  const start = dates.find((c) => !c.nullable) ?? dates[0];
  const later = dates.filter((c) => c !== start).sort((a, b) => Number(PLANNED_DATE.test(a.label)) - Number(PLANNED_DATE.test(b.label)));
  const end = later.find((c) => c.nullable) ?? later[0];
  return start && end ? { start, end } : undefined;
}

/** "How many days does it take to ship": average days from the table's main date to the named one;
 *  "average length of stay": between the two dates of the rows named; "days since the last admission". */
export function durationMeasure(model: SemanticModel, roled: RoledMention[], tokens: Token[], text = ''): { measure: Measure; used: RoledMention[] } | undefined {
  const tableOf = (r: RoledMention) => best(r.mention, 'table')?.target.table ?? best(r.mention, 'column')?.target.table;
  if (/\bdays since (?:the )?(?:last|latest|most recent|previous)\b/.test(text)) {
    const r = roled.find((x) => tableOf(x));
    const table = r && tableOf(r)!;
    const main = table && chooseTimeColumn(model, table, []);
    if (r && main) return { measure: { kind: 'daysBetween', fn: 'MAX', table: main.table, from: main.column, to: main.column, label: `days since the latest ${columnOf(model, main.table, main.column)!.label}`, untilNow: true }, used: [r] };
  }
  const top = (r: RoledMention) => r.mention.candidates[0].target;
  const named = roled.some((r) => { const t = top(r); return t.type === 'column' && columnOf(model, t.table, t.column)?.role === 'time'; });
  if (!named) {
    const spanned = (t?: string) => (t ? spanColumns(model, t) : undefined);
    const r = roled.find((x) => spanned(tableOf(x)));
    // Nothing named ("average length of stay"): the one kind of row that has a start and an end.
    const only = [...model.tables.keys()].filter((t) => spanned(t));
    const table = r ? tableOf(r)! : only.length === 1 ? only[0] : undefined;
    const span = spanned(table);
    if (table && span) {
      const fn = (r && aggregationBefore(tokens, r.mention.from)) ?? (/\b(total|sum)\b/.test(text) ? 'SUM' : 'AVG');
      return { measure: { kind: 'daysBetween', fn, table, from: span.start.name, to: span.end.name, label: `days from ${span.start.label} to ${span.end.label}` }, used: r ? [r] : [] };
    }
  }
  return namedDuration(model, roled, tokens);
}

function namedDuration(model: SemanticModel, roled: RoledMention[], tokens: Token[]): { measure: Measure; used: RoledMention[] } | undefined {
  for (const r of roled) {
    const named = r.mention.candidates.map((c) => c.target).find((t) => t.type === 'column' && columnOf(model, t.table, t.column)?.role === 'time');
    if (!named || named.type !== 'column') continue;
    const table = model.tables.get(named.table)!;
    const dates = table.columns.filter((c) => c.role === 'time' && c.name !== named.column && !c.pii);
    const start = dates.find((c) => !c.nullable) ?? dates[0];
    if (!start) continue;
    const fn = aggregationBefore(tokens, r.mention.from) ?? 'AVG';
    const used = roled.filter((o) => o === r || o.mention.candidates.some((c) => (c.target.type === 'table' && c.target.table === table.name) || (c.target.type === 'metric' && c.target.metric.factTable === table.name)));
    return { measure: { kind: 'daysBetween', fn, table: table.name, from: start.name, to: named.column, label: `days from ${start.label} to ${columnOf(model, named.table, named.column)!.label}` }, used };
  }
  return undefined;
}
