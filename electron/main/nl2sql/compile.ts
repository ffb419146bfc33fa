/** Compiles a query plan into the SQL AST (joins, filters, grouping, ordering, plan shapes). */
import { and, bin, col, fn, mapExpr, num, ref, select, str, walk, type Expr, type Select, type SelectItem } from './ast';
import { planJoins } from './joins';
import { snakeCase, type SemanticModel } from './model';
import type { Dimension, Filter, Measure, QueryPlan } from './plan';
import { entityDimension } from './resolve';
import { AS_OF } from './sqlExpr';
import { periodConditions, timeValue } from './timeColumns';
import type { Period } from './time';

export function measureAlias(m: Measure): string {
  return m.kind === 'metric' ? m.metric.alias : snakeCase(m.label);
}

export function measureTable(m: Measure): string {
  if (m.kind === 'agg' && m.from) return m.from;
  return m.kind === 'metric' ? m.metric.factTable : m.table;
}

export function measureExpr(m: Measure, asOf: string): Expr {
  if (m.kind === 'metric') return mapExpr(m.metric.expr, (e) => (e.k === 'ref' && e.name === AS_OF ? { k: 'date', value: asOf } : undefined));
  if (m.kind === 'daysBetween' && m.untilNow) return { k: 'daysBetween', from: fn('MAX', [col(m.table, m.from)]), to: { k: 'date', value: asOf } };
  const arg: Expr = m.kind === 'daysBetween' ? { k: 'daysBetween', from: col(m.table, m.from), to: col(m.table, m.to) } : m.column ? col(m.table, m.column) : { k: 'star' };
  if (m.fn === 'COUNT_DISTINCT') return fn('COUNT', [arg], true);
  if (m.fn === 'MEDIAN') return { k: 'median', expr: arg };
  return fn(m.fn, [arg]);
}

function measureFilter(m: Measure, asOf: string): Expr | undefined {
  if (m.kind !== 'metric' || !m.metric.filter) return undefined;
  return mapExpr(m.metric.filter, (e) => (e.k === 'ref' && e.name === AS_OF ? { k: 'date', value: asOf } : undefined));
}

export function timeColumnOf(plan: QueryPlan, m: Measure): { table: string; column: string } | undefined {
  return m.kind === 'metric' ? m.metric.time : plan.timeColumn;
}

export function filterExpr(f: Filter, model?: SemanticModel): Expr {
  const c = col(f.table, f.column);
  if (f.kind === 'null') return { k: 'isNull', expr: c, negated: f.negated };
  if (f.kind === 'absent') {
    const query = select({ items: [{ expr: col(f.child, f.childColumn) }], from: [{ k: 'table', table: { name: f.child, schema: model && tableSchema(model, f.child) } }], where: [{ k: 'isNull', expr: col(f.child, f.childColumn), negated: true }] });
    return { k: 'inQuery', expr: c, query, negated: true };
  }
  if (f.kind === 'weekday') {
    const t = model ? timeValue(model, f.table, f.column) : { expr: c, textual: false };
    const day: Expr = { k: 'weekday', expr: t.expr, textual: t.textual };
    return f.days.length === 1 ? bin('=', day, num(f.days[0])) : { k: 'in', expr: day, values: f.days.map((n) => num(n)), negated: false };
  }
  if (f.kind === 'days') {
    const span = model ? [timeValue(model, f.table, f.from).expr, timeValue(model, f.table, f.column).expr] : [col(f.table, f.from), c];
    return bin(f.op, { k: 'daysBetween', from: span[0], to: span[1] }, num(f.value));
  }
  if (f.kind === 'compare') return bin(f.op, c, num(f.value));
  if (f.values.length === 1) return bin(f.negated ? '<>' : '=', c, str(f.values[0]));
  return { k: 'in', expr: c, values: f.values.map(str), negated: f.negated };
}

function timeDimColumn(model: SemanticModel, plan: QueryPlan, m: Measure) {
  const t = timeColumnOf(plan, m);
  if (!t) throw new Error('this measure has no date column to group by time');
  return timeValue(model, t.table, t.column);
}

interface DimItems { items: SelectItem[]; groupBy: Expr[]; order: Expr[] }

function dimensionItems(model: SemanticModel, plan: QueryPlan, m: Measure, dims: Dimension[]): DimItems {
  const out: DimItems = { items: [], groupBy: [], order: [] };
  for (const d of dims) {
    if (d.kind === 'column') {
      for (const k of d.keys ?? []) out.groupBy.push(col(d.table, k));
      out.items.push({ expr: col(d.table, d.column) });
      out.groupBy.push(col(d.table, d.column));
      continue;
    }
    const t = timeDimColumn(model, plan, m);
    if (t.year) {
      // A year column is its own (only) time bucket.
      out.items.push({ expr: t.expr, alias: 'year' });
      out.groupBy.push(t.expr);
      out.order.push(t.expr);
      continue;
    }
    const units = d.unit === 'quarter' ? (['year', 'quarter'] as const) : [d.unit];
    for (const unit of units) {
      const plainDay = unit === 'day' && t.kind === 'date' && !t.textual;
      const e: Expr = plainDay ? t.expr : { k: 'bucket', unit, expr: t.expr, dateKind: t.kind, textual: t.textual };
      out.items.push({ expr: e, alias: plainDay ? undefined : unit });
      out.groupBy.push(e);
      out.order.push(e);
    }
  }
  return out;
}

/** Adds an aggregate-wise condition: SUM(x) → SUM(CASE WHEN c THEN x ELSE 0 END), COUNT(*) → SUM(CASE …1…). */
export function conditional(expr: Expr, condition: Expr): Expr {
  return mapExpr(expr, (e) => {
    if (e.k !== 'fn' || !['SUM', 'COUNT', 'AVG', 'MIN', 'MAX'].includes(e.name)) return undefined;
    const arg = e.args[0];
    if (e.name === 'COUNT' && arg.k === 'star') return fn('SUM', [{ k: 'case', whens: [{ when: condition, then: num(1) }], otherwise: num(0) }]);
    if (e.name === 'SUM') return fn('SUM', [{ k: 'case', whens: [{ when: condition, then: arg }], otherwise: num(0) }]);
    return { ...e, args: [{ k: 'case', whens: [{ when: condition, then: arg }] }] };
  });
}

interface CoreOptions { measures: Measure[]; period?: Period; dims: Dimension[]; extraTables?: string[] }

/** The single-level SELECT for measures sharing one fact table: joins, WHERE, GROUP BY. */
function core(model: SemanticModel, plan: QueryPlan, o: CoreOptions): { query: Select; dimAliases: string[]; exprs: Expr[] } {
  const m0 = o.measures[0];
  const root = measureTable(m0);
  const time = timeColumnOf(plan, m0);
  const needed: string[] = [];
  for (const m of o.measures) {
    if (m.kind === 'metric') needed.push(...m.metric.tables);
    else needed.push(m.table);
  }
  const filterExprs = plan.filters.map((f) => filterExpr(f, model));
  const metricFilter = measureFilter(m0, plan.asOf);
  needed.push(...plan.via);
  for (const d of o.dims) if (d.kind === 'column') needed.push(d.table);
  for (const f of plan.filters) needed.push(f.table);
  needed.push(...(o.extraTables ?? []));
  if (time && (o.period || o.dims.some((d) => d.kind === 'time'))) needed.push(time.table);
  const joins = planJoins(model, root, needed.filter((t) => t !== root), plan.words);
  const where: Expr[] = [];
  if (metricFilter) where.push(metricFilter);
  where.push(...filterExprs);
  if (o.period) {
    if (!time) throw new Error('this measure has no date column to filter by time');
    where.push(...periodConditions(model, time.table, time.column, o.period));
  }
  const dims = dimensionItems(model, plan, m0, o.dims);
  const dimAliases = dims.items.map((i) => i.alias ?? (i.expr.k === 'col' ? i.expr.column : 'value'));
  const items = dims.items.map((i, n) => ({ expr: i.expr, alias: i.alias ?? (n > 0 && dimAliases.indexOf(dimAliases[n]) < n ? `${dimAliases[n]}_${n}` : undefined) }));
  const exprs = o.measures.map((m) => measureExpr(m, plan.asOf));
  // Joining children multiplies the root's rows: count the root's distinct keys instead of rows.
  const pk = model.tables.get(root)?.primaryKey;
  if (joins.some((j) => j.fansOut) && pk?.length === 1) {
    exprs.forEach((e, i) => { if (e.k === 'fn' && e.name === 'COUNT' && e.args[0]?.k === 'star') exprs[i] = fn('COUNT', [col(root, pk[0])], true); });
  }
  items.push(...o.measures.map((m, i) => ({ expr: exprs[i], alias: measureAlias(m) })));
  const tableRef = (name: string) => ({ k: 'table' as const, table: { name, schema: tableSchema(model, name) } });
  const query = select({
    items, from: [tableRef(root)], joins: joins.map((j) => ({ item: tableRef(j.table), on: j.on })),
    where, groupBy: dims.groupBy,
  });
  if (dims.order.length && !plan.order) query.orderBy = dims.order.map((expr) => ({ expr, desc: false }));
  return { query, dimAliases, exprs };
}

function tableSchema(model: SemanticModel, name: string): string | undefined {
  const s = model.tables.get(name)?.schema;
  return s && !['public', 'main'].includes(s) ? s : undefined;
}

function applyOrder(q: Select, plan: QueryPlan, orderExpr: Expr, model?: SemanticModel): void {
  if (!plan.order) return;
  const ranked = orderExpr.k === 'ref' ? q.items.find((i) => i.alias === orderExpr.name)?.expr ?? orderExpr : orderExpr;
  const nullsLast = model ? mayBeNull(model, ranked) : false;
  // Ties are broken by the groups themselves, so every database returns the same top rows.
  q.orderBy = [{ expr: orderExpr, desc: plan.order.desc, ...(nullsLast ? { nullsLast } : {}) }, ...q.groupBy.map((expr) => ({ expr, desc: false }))];
  if (plan.order.limit !== undefined) q.limit = plan.order.limit;
}

/** An expression over a nullable column (a sum of only empty values is empty too). */
function mayBeNull(model: SemanticModel, e: Expr): boolean {
  let nullable = false;
  walk(e, (x) => { if (x.k === 'col' && model.tables.get(x.table)?.columns.find((c) => c.name === x.column)?.nullable) nullable = true; });
  return nullable;
}

function applyHaving(q: Select, plan: QueryPlan, measure: Expr): void {
  if (plan.having) q.having = [bin(plan.having.op, measure, num(plan.having.value))];
}

/** Two grouped subqueries side by side, joined on their dimensions (cross joined without any). */
function sideBySide(parts: { query: Select; alias: string }[], dimAliases: string[]): Select {
  const [first, ...rest] = parts;
  const on = (alias: string) => and(dimAliases.map((d) => bin('=', col(first.alias, d), col(alias, d))))!;
  const items = dimAliases.map((d) => ({ expr: col(first.alias, d) }));
  const sub = (p: { query: Select; alias: string }) => ({ k: 'sub' as const, query: p.query, alias: p.alias });
  return dimAliases.length
    ? select({ items, from: [sub(first)], joins: rest.map((p) => ({ item: sub(p), on: on(p.alias) })) })
    : select({ items, from: parts.map(sub) });
}

function withDimAliases(query: Select, dimAliases: string[]): Select {
  query.items = query.items.map((item, i) => (i < dimAliases.length ? { ...item, alias: dimAliases[i] } : item));
  query.orderBy = [];
  return query;
}

export function compilePlan(model: SemanticModel, plan: QueryPlan): Select {
  const shape = plan.shape;
  if (shape.kind === 'list') return listRows(model, plan, shape);
  const m0 = plan.measures[0];
  const alias0 = measureAlias(m0);
  if (shape.kind === 'growth' || shape.kind === 'periods') {
    const periods = shape.kind === 'growth' ? [shape.current, shape.previous] : shape.periods;
    const names = shape.kind === 'growth' ? ['cur', 'prev'] : periods.map((_p, i) => `p${i + 1}`);
    const built = periods.map((period) => core(model, plan, { measures: [m0], period, dims: plan.dims }));
    const dimAliases = built[0].dimAliases;
    const outer = sideBySide(built.map((b, i) => ({ query: withDimAliases(b.query, dimAliases), alias: names[i] })), dimAliases);
    if (shape.kind === 'growth') {
      const growth = bin('/', bin('*', bin('-', col('cur', alias0), col('prev', alias0)), num(1, true)), col('prev', alias0));
      outer.items.push({ expr: growth, alias: 'growth' });
      applyOrder(outer, plan, ref('growth'));
    } else {
      names.forEach((n, i) => outer.items.push({ expr: col(n, alias0), alias: `${alias0}_${snakeCase(periods[i].label)}` }));
    }
    return outer;
  }
  if (plan.measures.length > 1 && !compatible(plan.measures)) {
    const built = plan.measures.map((m) => core(model, plan, { measures: [m], period: plan.period, dims: plan.dims }));
    const dimAliases = built[0].dimAliases;
    const names = plan.measures.map((_m, i) => `m${i + 1}`);
    const outer = sideBySide(built.map((b, i) => ({ query: withDimAliases(b.query, dimAliases), alias: names[i] })), dimAliases);
    const values = plan.measures.map((m, i) => col(names[i], measureAlias(m)));
    if (shape.kind === 'ratio') outer.items.push({ expr: ratioExpr(values[0], values[1], shape.percent), alias: 'ratio' });
    else values.forEach((v, i) => outer.items.push({ expr: v, alias: measureAlias(plan.measures[i]) }));
    applyOrder(outer, plan, outer.items[outer.items.length - 1].alias ? ref(outer.items[outer.items.length - 1].alias!) : values[0]);
    return outer;
  }
  const root = measureTable(m0);
  const extraTables = shape.kind === 'partShare' ? [shape.part.table]
    : shape.kind === 'countHaving' && shape.table !== root && !model.foreignKeys.some((f) => f.fromTable === root && f.toTable === shape.table) ? [shape.table] : [];
  const { query, exprs } = core(model, plan, { measures: plan.measures, period: plan.period, dims: plan.dims, extraTables });
  const nDims = query.items.length - plan.measures.length;
  if (shape.kind === 'ratio') {
    query.items = [...query.items.slice(0, nDims), { expr: ratioExpr(exprs[0], exprs[1], shape.percent), alias: `${alias0}_ratio` }];
  } else if (shape.kind === 'shareOfTotal') {
    query.items = [...query.items.slice(0, nDims), { expr: bin('/', bin('*', num(100, true), exprs[0]), { k: 'overAll', expr: exprs[0] }), alias: `${alias0}_share_pct` }];
  } else if (shape.kind === 'partShare') {
    const part = conditional(exprs[0], filterExpr(shape.part, model));
    query.items = [...query.items.slice(0, nDims), { expr: ratioExpr(part, exprs[0], shape.percent), alias: `${alias0}_share` }];
  } else if (shape.kind === 'countHaving') {
    return countHaving(query, plan, shape.table, model, exprs[0]);
  }
  applyHaving(query, plan, exprs[0]);
  const lastAlias = query.items[query.items.length - 1].alias!;
  applyOrder(query, plan, plan.order?.winnerOnly ? query.items[query.items.length - 1].expr : ref(lastAlias), model);
  return query;
}

/** The rows themselves: the requested columns, or their label (or key), filtered, in label order;
 *  "the 3 flights with the largest delay" adds the ranking column and keeps the top rows. */
function listRows(model: SemanticModel, plan: QueryPlan, shape: Extract<QueryPlan['shape'], { kind: 'list' }>): Select {
  const table = shape.table;
  const dim = entityDimension(model, table, table);
  const asked = shape.columns ?? [];
  const extraTables = [...asked, ...(shape.orderBy ? [shape.orderBy] : [])].map((c) => c.table).filter((t) => t !== table);
  const { query } = core(model, plan, { measures: plan.measures, period: plan.period, dims: [], extraTables });
  const label = dim.kind === 'column' ? col(dim.table, dim.column) : col(table, 'id');
  const keys = dim.kind === 'column' ? (dim.keys ?? []).map((k) => col(table, k)) : [];
  const labels = [label, ...personNameRest(model, table).map((c) => col(table, c)), ...spokenIdentifier(model, table).map((c) => col(table, c))];
  const shown = asked.length ? asked.map((c) => col(c.table, c.column)) : [...keys, ...labels];
  query.items = shown.map((expr) => ({ expr }));
  query.groupBy = [];
  if (shape.orderBy) {
    const by = col(shape.orderBy.table, shape.orderBy.column);
    query.items.push({ expr: by });
    query.orderBy = [{ expr: by, desc: plan.order?.desc ?? true, ...(mayBeNull(model, by) ? { nullsLast: true } : {}) }, ...labels.map((expr) => ({ expr, desc: false }))];
    if (plan.order?.limit !== undefined) query.limit = plan.order.limit;
  } else {
    query.orderBy = [{ expr: shown[asked.length ? 0 : keys.length], desc: false }];
  }
  return query;
}

/** Rows without a name are told apart by their number or code ("flight number") besides their key. */
function spokenIdentifier(model: SemanticModel, table: string): string[] {
  const t = model.tables.get(table);
  if (!t || t.labelColumn) return [];
  const referencing = (c: string) => model.foreignKeys.some((f) => f.fromTable === table && f.fromColumns.includes(c));
  const id = t.columns.find((c) => c.kind === 'text' && c.role !== 'measure' && !t.primaryKey.includes(c.name) && !referencing(c.name) && /(^| )(number|code|no|reference)$/.test(c.label));
  return id ? [id.name] : [];
}

/** A person's name kept in two columns: with the label "first name", the "last name" (surname, family name) too. */
function personNameRest(model: SemanticModel, table: string): string[] {
  const t = model.tables.get(table);
  const first = t?.columns.find((c) => c.name === t.labelColumn);
  if (!t || !first || !/\bfirst\b/.test(first.label)) return [];
  const last = t.columns.find((c) => c !== first && c.kind === first.kind && /\b(last|sur|surname|family)\b/.test(c.label));
  return last ? [last.name] : [];
}

function ratioExpr(a: Expr, b: Expr, percent: boolean): Expr {
  return bin('/', bin('*', num(percent ? 100 : 1, true), a), b);
}

function compatible(measures: Measure[]): boolean {
  const key = (m: Measure) => JSON.stringify([measureTable(m), m.kind === 'metric' ? m.metric.filter ?? null : null]);
  return measures.every((m) => key(m) === key(measures[0]));
}

/** "How many customers placed more than 30 orders": count the entity keys whose measure passes. */
function countHaving(query: Select, plan: QueryPlan, entity: string, model: SemanticModel, measure: Expr): Select {
  const root = (query.from[0] as { k: 'table'; table: { name: string } }).table.name;
  const key = entityKey(model, root, entity);
  query.items = [{ expr: key }];
  query.groupBy = [key];
  applyHaving(query, plan, measure);
  return select({ items: [{ expr: fn('COUNT', [{ k: 'star' }]), alias: snakeCase(entity) }], from: [{ k: 'sub', query, alias: 't' }] });
}

/** The column of `root` identifying rows of `entity` (its foreign key, or its own primary key). */
export function entityKey(model: SemanticModel, root: string, entity: string): Expr {
  const fk = model.foreignKeys.find((f) => f.fromTable === root && f.toTable === entity);
  if (fk) return col(root, fk.fromColumns[0]);
  const pk = model.tables.get(entity)?.primaryKey[0] ?? 'id';
  return col(entity, pk);
}

