/** Readings of particular question shapes, used by the planner: re-aggregated metrics, the
 *  nearest column, counting where an entity is referenced, missing links, ranked value rows,
 *  the column a numeric comparison applies to. */
import type { Expr } from './ast';
import { measureTable } from './compile';
import { joinDistance, planJoins } from './joins';
import { columnOf, snakeCase, type MetricModel, type SemanticModel } from './model';
import type { AggFn, Dimension, Filter, Measure } from './plan';
import { entityDimension } from './resolve';
import type { Token } from './linker';
import { best, metricOf, type RoledMention } from './roles';

/** "average seats" over a metric that sums seats: the same column with the asked aggregation. */
export function reaggregated(metric: MetricModel, fn: AggFn | undefined): Extract<Measure, { kind: 'metric' }> {
  const e = metric.expr;
  if (!fn || fn === 'SUM' || fn === 'COUNT' || fn === 'COUNT_DISTINCT' || e.k !== 'fn' || e.name !== 'SUM' || e.args.length !== 1) return { kind: 'metric', metric };
  const expr: Expr = fn === 'MEDIAN' ? { k: 'median', expr: e.args[0] } : { ...e, name: fn };
  const name = `${fn === 'AVG' ? 'average' : fn.toLowerCase()} ${metric.name}`;
  return { kind: 'metric', metric: { ...metric, expr, name, alias: snakeCase(name) } };
}

/** "Average seats per subscription" over subscriptions.seats: one row per group would average nothing. */
export function dropOwnRowDims(model: SemanticModel, m: Measure, dims: Dimension[]): void {
  if (m.kind !== 'agg' || (m.fn !== 'AVG' && m.fn !== 'MEDIAN')) return;
  const t = model.tables.get(m.table);
  const identifying = new Set([...(t?.primaryKey ?? []), ...(t?.labelColumn ? [t.labelColumn] : [])]);
  for (let i = dims.length - 1; i >= 0; i--) {
    const d = dims[i];
    if (d.kind === 'column' && d.table === m.table && identifying.has(d.column)) dims.splice(i, 1);
  }
}

/** Among equally good column readings, the one nearest the measure's table. */
export function closestColumn(model: SemanticModel, r: RoledMention, root: string | undefined) {
  const top = best(r.mention, 'column');
  if (!top || !root) return top?.target;
  const ties = r.mention.candidates.filter((c) => c.target.type === 'column' && c.score >= top.score - 0.06);
  const dist = (c: (typeof ties)[number]) => joinDistance(model, root, (c.target as { table: string }).table);
  return [...ties].sort((a, b) => dist(a) - dist(b))[0].target as { type: 'column'; table: string; column: string };
}

/** The table that references `entity` and that the question mentions: count its distinct keys there. */
export function distinctCounting(model: SemanticModel, roled: RoledMention[], state: { used: Set<RoledMention>; consumed: Set<RoledMention> }, entity: string, askedDistinct: boolean) {
  for (const r of roled) {
    if (r.negated) continue;
    // Without "unique/different", only a plainly named table that points at the entity counts
    // ("customers who placed orders").
    const direct = best(r.mention, 'table')?.target.table;
    if (!askedDistinct && (state.used.has(r) || r.grouped || !direct || !model.foreignKeys.some((f) => f.fromTable === direct && f.toTable === entity))) continue;
    const from = r.mention.candidates.map((c) => (c.target.type === 'table' ? c.target.table : c.target.type === 'metric' ? c.target.metric.factTable : undefined)).find((t) => t && t !== entity);
    if (!from) continue;
    const path = planJoins(model, from, [entity]);
    const last = path[path.length - 1];
    const fk = model.foreignKeys.find((f) => f.toTable === entity && f.fromColumns.length === 1 && (path.length === 1 ? f.fromTable === from : path.some((s) => s.table === f.fromTable)));
    if (!last || last.fansOut || !fk) continue;
    state.used.add(r);
    state.consumed.add(r);
    return { table: fk.fromTable, column: fk.fromColumns[0], from };
  }
  return undefined;
}

/** Date columns the question names ("hired" → hire_date), for ad-hoc measures and lists. */
export function namedTimeColumns(model: SemanticModel, roled: RoledMention[], consumed: Set<RoledMention>): { table: string; column: string }[] {
  return roled.filter((r) => !consumed.has(r) && r.mention.candidates[0].target.type === 'column').map((r) => best(r.mention, 'column')?.target)
    .filter((c): c is { type: 'column'; table: string; column: string } => !!c && columnOf(model, c.table, c.column)?.role === 'time');
}

/** "How many laptops": laptops are rows one step below the category table, when the value names it. */
export function countingTableForValue(model: SemanticModel, f: Extract<Filter, { kind: 'values' }>): string {
  if (model.tables.get(f.table)?.labelColumn !== f.column) return f.table;
  const children = model.foreignKeys.filter((k) => k.toTable === f.table && k.fromTable !== f.table).map((k) => model.tables.get(k.fromTable)!).filter(Boolean);
  children.sort((a, b) => (a.rowCount ?? Infinity) - (b.rowCount ?? Infinity));
  return children[0]?.name ?? f.table;
}

/** "Top 5 smartphones": rank the rows one step below the filtered value's table (products). */
export function rankedValueEntity(model: SemanticModel, m: Measure, filters: Filter[]): Dimension[] {
  const f = filters.find((x) => x.kind === 'values' && !x.negated);
  const root = measureTable(m);
  if (!f || f.table === root) return [];
  const path = planJoins(model, root, [f.table]);
  const below = path.length >= 2 ? path[path.length - 2].table : root;
  return [entityDimension(model, below, root)];
}

/**
 * The numeric column a comparison applies to: named before it ("price above 50"), as its unit after
 * it ("more than 3 credits"), or, when nothing else is measured, the only measure of the rows named
 * right before it ("payments over 2000"). Undefined: the comparison filters groups instead.
 */
export function comparedColumn(model: SemanticModel, roled: RoledMention[], tokens: Token[], span: [number, number], consumed: Set<RoledMention>, measured: boolean):
  { table: string; column: string; phrase: string; mention?: RoledMention } | undefined {
  const endOf = (r: RoledMention) => tokens[r.mention.to - 1].end;
  const startOf = (r: RoledMention) => tokens[r.mention.from].start;
  const before = roled.filter((r) => endOf(r) <= span[0] && span[0] - endOf(r) <= 14 && !consumed.has(r)).pop();
  const unit = roled.find((r) => startOf(r) >= span[1] && startOf(r) - span[1] <= 2 && !consumed.has(r) && !metricOf(r));
  for (const r of [before, unit]) {
    const col = r && best(r.mention, 'column')?.target;
    if (col && columnOf(model, col.table, col.column)?.role === 'measure') return { table: col.table, column: col.column, phrase: r.mention.text, mention: r };
  }
  const rows = roled.filter((r) => endOf(r) <= span[0] && span[0] - endOf(r) <= 2).pop();
  const table = !measured && rows?.mention.candidates[0].target.type === 'table' ? rows.mention.candidates[0].target.table : undefined;
  const measures = table ? model.tables.get(table)?.columns.filter((c) => c.role === 'measure') : undefined;
  return measures?.length === 1 ? { table: table!, column: measures[0].name, phrase: rows!.mention.text } : undefined;
}

/**
 * The per-entity measure of "customers with more than 2 accounts" / "players who scored over 600
 * points": the unit named right after the number, counted (a table) or summed (a measure column),
 * from the table that refers to the entity (a link or event table when the unit does not).
 */
export function entityHavingMeasure(model: SemanticModel, roled: RoledMention[], tokens: Token[], span: [number, number], entity: string): Extract<Measure, { kind: 'agg' }> | undefined {
  const unit = roled.find((r) => tokens[r.mention.from].start >= span[1] && tokens[r.mention.from].start - span[1] <= 2);
  if (!unit) return undefined;
  const column = best(unit.mention, 'column')?.target;
  const columnModel = column && columnOf(model, column.table, column.column);
  if (columnModel?.role === 'measure' && column!.table !== entity) return { kind: 'agg', fn: 'SUM', table: column!.table, column: column!.column, label: `total ${columnModel.label}` };
  const table = best(unit.mention, 'table')?.target.table;
  if (!table || table === entity) return undefined;
  const refers = (from: string, to: string) => model.foreignKeys.some((f) => f.fromTable === from && f.toTable === to);
  const root = refers(table, entity) ? table : [...model.tables.keys()].find((t) => refers(t, table) && refers(t, entity)) ?? table;
  return { kind: 'agg', fn: 'COUNT', table: root, label: table };
}
