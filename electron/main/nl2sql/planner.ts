/** Question → typed query plan (or a clarification / refusal), with a confidence. */
import { findCues, type Cues } from './cues';
import { mergeFollowUp } from './followup';
import { link, tokenize, type LinkIndex, type Token } from './linker';
import { columnOf, type MetricModel, type SemanticModel } from './model';
import type { Dimension, Filter, Measure, PhraseLink, QueryPlan, Shape } from './plan';
import { adHocMeasure, chooseTimeColumn, columnDimension, entityDimension, partialMetric, valueFilters } from './resolve';
import { assignRoles, best, metricOf, type RoledMention } from './roles';
import { shapeAndTime } from './shape';
import { STOP_WORDS } from './text';
import { findTimeMentions } from './time';

export interface Clarification {
  question: string;
  options: { label: string; confidence: number }[];
}

export interface PlanOutcome {
  plan?: QueryPlan;
  confidence: number;
  clarification?: Clarification;
  refusal?: string;
}

export interface Parsed {
  text: string;
  tokens: Token[];
  blocked: boolean[];
  roled: RoledMention[];
  cues: Cues;
  times: ReturnType<typeof findTimeMentions>;
}

export function normalise(question: string): string {
  return ` ${question.toLowerCase().replace(/[’‘`]/g, "'").replace(/[?!;:()"]/g, ' ').replace(/\s+/g, ' ').trim()} `.replace(/,(?=\s)/g, ' ,');
}

export function parse(index: LinkIndex, question: string, now: string): Parsed {
  const text = normalise(question);
  const times = findTimeMentions(text, now);
  const cues = findCues(text, times.map((t) => t.span));
  const tokens = tokenize(text);
  const blocked = tokens.map((t) => cues.blocked.some(([s, e]) => t.start >= s && t.start < e) || /^\$?\d[\d,.]*$/.test(t.text));
  const mentions = link(tokens, blocked, index);
  return { text, tokens, blocked, roled: assignRoles(tokens, mentions, cues, text), cues, times };
}

const describe = (m: Measure) => (m.kind === 'metric' ? `metric "${m.metric.name}"` : m.label);

export function planQuestion(model: SemanticModel, index: LinkIndex, question: string, now: string, previous?: QueryPlan): PlanOutcome {
  const p = parse(index, question, now);
  const { tokens, roled, cues } = p;
  const consumed = new Set<RoledMention>();
  const links: PhraseLink[] = [];
  const use = (r: RoledMention, meaning: string) => { consumed.add(r); links.push({ phrase: r.mention.text, meaning }); };

  // Counted thing right after "how many" / "number of".
  const howManyAt = /\b(how many|number of|count of|count the)\b/.exec(p.text);
  const countTarget = howManyAt ? roled.find((r) => tokens[r.mention.from].start > howManyAt.index && tokens[r.mention.from].start - howManyAt.index < 40
    && r.mention.candidates.some((c) => c.target.type === 'table' || c.target.type === 'metric')) : undefined;

  const measures: Measure[] = [];
  const measureMentions: RoledMention[] = [];
  let countedEntity: string | undefined;
  for (const r of roled) {
    const metric = metricOf(r);
    if (!metric || (r.grouped && best(r.mention, 'table') && !cues.rank)) continue;
    const qualifiedByValue = r.qualifies && best(r.qualifies.mention, 'value');
    if (qualifiedByValue && (measures.length > 0 || (countTarget && countTarget !== r))) { consumed.add(r); continue; }
    if (countTarget && countTarget !== r && best(countTarget.mention, 'table') && !metricOf(countTarget) && !cues.comparisons.length) { consumed.add(r); continue; }
    if (measures.some((m) => m.kind === 'metric' && m.metric === metric)) { consumed.add(r); continue; }
    measures.push({ kind: 'metric', metric });
    measureMentions.push(r);
    use(r, `metric "${metric.name}"`);
  }
  if (countTarget && !metricOf(countTarget)) {
    const table = best(countTarget.mention, 'table')!.target.table;
    countedEntity = table;
    use(countTarget, `rows of ${table}`);
  }

  // Value filters need anchors: the tables the measures live in.
  const anchorTables = () => [...measures.map((m) => (m.kind === 'metric' ? m.metric.factTable : m.table)), ...(countedEntity ? [countedEntity] : [])];
  const root0 = anchorTables()[0];

  // Comparisons: "list price above $1,000" filters rows; "more than 1,900 orders" filters groups.
  const filters: Filter[] = [];
  let having: QueryPlan['having'];
  let havingMeasure: Measure | undefined;
  for (const c of cues.comparisons) {
    const before = roled.filter((r) => tokens[r.mention.to - 1].end <= c.span[0] && c.span[0] - tokens[r.mention.to - 1].end <= 14 && !measureMentions.includes(r));
    const col = before.length ? best(before[before.length - 1].mention, 'column')?.target : undefined;
    const column = col && columnOf(model, col.table, col.column);
    if (column && column.role === 'measure') {
      consumed.add(before[before.length - 1]);
      filters.push({ kind: 'compare', table: column.table, column: column.name, op: c.op, value: c.value });
      links.push({ phrase: before[before.length - 1].mention.text, meaning: `${column.table}.${column.name} ${c.op} ${c.value}` });
      continue;
    }
    having = { op: c.op, value: c.value };
    const after = roled.find((r) => tokens[r.mention.from].start >= c.span[1] && tokens[r.mention.from].start - c.span[1] <= 10 && metricOf(r));
    if (after) havingMeasure = measures.find((m) => m.kind === 'metric' && m.metric === metricOf(after));
  }

  // Ad-hoc measures: measure columns, with their aggregation word.
  for (const r of roled) {
    if (consumed.has(r) || r.grouped) continue;
    const m = adHocMeasure(model, r, tokens);
    if (!m) continue;
    if (measures.length && !cues.ratioOf && !/\b(average|avg|mean|median|total|sum|minimum|maximum)\b/.test(p.text.slice(Math.max(0, tokens[r.mention.from].start - 12), tokens[r.mention.from].start))) continue;
    measures.push(m);
    measureMentions.push(r);
    use(r, m.label);
  }

  // Dimensions: grouped table/column mentions; a table right before another names the join path.
  const dims: Dimension[] = [];
  const via: string[] = [];
  const root = root0 ?? roled.map((r) => best(r.mention, 'table')?.target.table).find(Boolean);
  for (let i = 0; i < roled.length; i++) {
    const r = roled[i];
    if (consumed.has(r) || !r.grouped || best(r.mention, 'value')) continue;
    const table = best(r.mention, 'table')?.target.table;
    const column = best(r.mention, 'column')?.target;
    const next = roled[i + 1];
    if (table && next && next.qualifies === r && !best(next.mention, 'value') && !metricOf(next)) {
      via.push(table);
      consumed.add(r);
      next.grouped = true;
      links.push({ phrase: r.mention.text, meaning: `reached through ${table}` });
      continue;
    }
    const columnModel = column && columnOf(model, column.table, column.column);
    const dim = columnModel && (!table || (best(r.mention, 'column')!.score > best(r.mention, 'table')!.score))
      ? columnDimension(model, columnModel, root ?? columnModel.table)
      : table ? entityDimension(model, table, root ?? table) : undefined;
    if (!dim) continue;
    dims.push(dim);
    use(r, dim.kind === 'column' ? `group by ${dim.table}.${dim.column}` : `group by ${dim.unit}`);
  }
  for (const u of cues.timeUnits) if (!dims.some((d) => d.kind === 'time' && d.unit === u.unit)) dims.push({ kind: 'time', unit: u.unit, label: u.unit });

  // Counting rows when nothing else is measured ("customers by country", "how many returns").
  if (!measures.length) {
    const partial = partialMetric(model, tokens, p.blocked);
    const entity = countedEntity ?? roled.filter((r) => !consumed.has(r) && !r.grouped).map((r) => best(r.mention, 'table')?.target.table).find(Boolean);
    if (countedEntity || (entity && !partial)) {
      countedEntity = entity;
    } else if (partial) {
      measures.push({ kind: 'metric', metric: partial });
      links.push({ phrase: 'wording of the question', meaning: `metric "${partial.name}" (partial match)` });
    }
  }
  const extraFilters = valueFilters(model, roled, [...anchorTables(), ...(countedEntity ? [countedEntity] : []), ...dims.flatMap((d) => (d.kind === 'column' ? [d.table] : []))], consumed);
  for (const f of extraFilters) links.push({ phrase: f.kind === 'values' ? f.values.join(', ') : '', meaning: `${f.table}.${f.column}${f.kind === 'values' ? (f.negated ? ' excludes ' : ' = ') + f.values.join('/') : ''}` });
  filters.push(...extraFilters);

  const isFollowUp = previous && (cues.followUpOpening || (!measures.length && !countedEntity));
  if (isFollowUp && !measures.length && previous) {
    return mergeFollowUp({ model, parsed: p, previous, dims, filters, now, links });
  }

  if (countedEntity && !measures.length) {
    const contextTable = distinctContext(model, roled, consumed, countedEntity);
    if (cues.distinct && contextTable) {
      const fk = model.foreignKeys.find((f) => f.toTable === countedEntity && f.fromColumns.length === 1 && pathOk(model, contextTable, f.fromTable));
      measures.push(fk
        ? { kind: 'agg', fn: 'COUNT_DISTINCT', table: fk.fromTable, column: fk.fromColumns[0], label: `${countedEntity}` }
        : { kind: 'agg', fn: 'COUNT', table: countedEntity, label: countedEntity });
    } else {
      measures.push({ kind: 'agg', fn: 'COUNT', table: countedEntity, label: countedEntity });
    }
  }
  if (!measures.length) return refusal(model, p);

  const namedTimes = roled.map((r) => best(r.mention, 'column')?.target).filter((c) => c && columnOf(model, c.table, c.column)?.role === 'time') as { table: string; column: string }[];
  const m0 = measures[0];
  const timeColumn = m0.kind === 'metric' ? undefined : chooseTimeColumn(model, m0.table, namedTimes);
  const base: QueryPlan = { measures, dims, filters, via, asOf: now, timeColumn, shape: { kind: 'basic' }, links };
  if (having) base.having = having;
  if (havingMeasure && havingMeasure !== m0) base.measures = [havingMeasure, ...measures.filter((m) => m !== havingMeasure)];
  const shaped = shapeAndTime(model, base, p, now, countedEntity);
  return { plan: shaped, confidence: confidenceOf(p, consumed, shaped) };
}

function pathOk(model: SemanticModel, from: string, to: string): boolean {
  return from === to || model.foreignKeys.some((f) => f.fromTable === from && f.toTable === to) || model.foreignKeys.some((f) => f.toTable === from && f.fromTable === to);
}

/** The other table a distinct count happens in ("products … returned" → returns). */
function distinctContext(model: SemanticModel, roled: RoledMention[], consumed: Set<RoledMention>, entity: string): string | undefined {
  for (const r of roled) {
    const t = best(r.mention, 'table')?.target.table ?? metricOf(r)?.factTable;
    if (t && t !== entity) return t;
  }
  return undefined;
}

function refusal(model: SemanticModel, p: Parsed): PlanOutcome {
  const metrics = model.metrics.map((m) => m.name);
  const tables = [...model.tables.values()].map((t) => t.label);
  const known = metrics.length ? `metrics: ${metrics.slice(0, 12).join(', ')}; ` : '';
  return {
    confidence: 0.1,
    refusal: `I could not find what to measure in "${p.text.trim()}". This source has ${known}tables: ${tables.slice(0, 15).join(', ')}. Try asking e.g. "how many ${tables[0] ?? 'rows'} by …" or name one of those.`,
  };
}

/** Share of the question's content words that were understood, scaled by match quality. */
export function confidenceOf(p: Parsed, consumed: Set<RoledMention>, plan: QueryPlan): number {
  const covered = new Array<boolean>(p.tokens.length).fill(false);
  for (const r of p.roled) for (let k = r.mention.from; k < r.mention.to; k++) covered[k] = true;
  const content = p.tokens.map((t, i) => !p.blocked[i] && !STOP_WORDS.has(t.text) && !/^(top|bottom|most|least|which|by|share|percent|percentage|growth|vs|versus|compare|average|avg|highest|lowest|per|monthly|daily|weekly|quarterly|yearly|trend|unique|different|distinct|ratio|rate)$/.test(t.text));
  const unknown = content.filter((c, i) => c && !covered[i]).length;
  const quality = p.roled.length ? p.roled.reduce((s, r) => s + r.mention.candidates[0].score, 0) / p.roled.length : 0.6;
  const base = Math.min(0.97, 0.55 + 0.45 * quality) - 0.08 * unknown - (plan.measures.length ? 0 : 0.3);
  return Math.max(0.05, Math.round(base * 100) / 100);
}

export type { MetricModel, Shape };
export { describe as describeMeasure };
