/** Question → typed query plan (or a clarification / refusal), with a confidence. */
import { aggregationBefore, findCues } from './cues';
import type { Clarification, Parsed, PlanOutcome, QuestionSignals } from './outcome';
import { measureTable } from './compile';
import { mergeFollowUp } from './followup';
import { link, tokenize, type LinkIndex } from './linker';
import { columnOf, type SemanticModel } from './model';
import type { Dimension, Filter, Measure, PhraseLink, QueryPlan } from './plan';
import { adHocMeasure, chooseTimeColumn, columnDimension, durationMeasure, entityDimension, partialMetric, spanColumns, valueFilters } from './resolve';
import { anyOf, assignRoles, best, metricOf, type RoledMention } from './roles';
export type { Clarification, Parsed, PlanOutcome, QuestionSignals } from './outcome';
import { closestColumn, comparedColumn, countingTableForValue, distinctCounting, dropOwnRowDims, entityHavingMeasure, namedTimeColumns, rankedValueEntity, reaggregated } from './readings';
import { vagueMeasureClarification } from './clarify';
import { shapeAndTime } from './shape';
import { absenceFilters } from './absence';
import { expandShorthand } from './lexicon';
import { STOP_WORDS } from './text';
import { findTimeMentions } from './time';
import { requestedColumns, topRows } from './listing';





export function normalise(question: string): string {
  return ` ${expandShorthand(question.toLowerCase()).replace(/[’‘`]/g, "'").replace(/[?!;:()"]/g, ' ').replace(/\s+/g, ' ').trim()} `.replace(/,(?=\s)/g, ' ,');
}

export function parse(index: LinkIndex, question: string, now: string): Parsed {
  const text = normalise(question);
  const times = findTimeMentions(text, now);
  const cues = findCues(text, times.map((t) => t.span));
  const tokens = tokenize(text);
  const inCue = tokens.map((t) => cues.blocked.some(([s, e]) => t.start >= s && t.start < e));
  // Numbers may still belong to a value ("Tier 2"); they are not words to understand otherwise.
  const blocked = inCue.map((b, i) => b || /^\$?\d[\d,.]*$/.test(tokens[i].text));
  const mentions = link(tokens, inCue, index);
  return { text, tokens, blocked, roled: assignRoles(tokens, mentions, cues, text), cues, times };
}


export function planQuestion(model: SemanticModel, index: LinkIndex, question: string, now: string, previous?: QueryPlan): PlanOutcome {
  const p = parse(index, question, now);
  const reading: { continuesPrevious?: boolean } = {};
  const outcome = planParsed(model, p, now, previous, reading);
  if (outcome.plan) outcome.plan.words = p.tokens.map((t) => t.text);
  return { ...outcome, signals: signalsOf(p), continuesPrevious: reading.continuesPrevious ?? false };
}

function planParsed(model: SemanticModel, p: Parsed, now: string, previous: QueryPlan | undefined, reading: { continuesPrevious?: boolean }): PlanOutcome {
  const { tokens, roled, cues } = p;
  const consumed = new Set<RoledMention>();
  const links: PhraseLink[] = [];
  const used = new Set<RoledMention>();
  const use = (r: RoledMention, meaning: string) => { consumed.add(r); used.add(r); links.push({ phrase: r.mention.text, meaning }); };
  const startOf = (r: RoledMention) => tokens[r.mention.from].start;
  // Row-level shapes: the requested columns of rows, or the top rows by a column of their own.
  const asked = cues.daysBetween ? undefined : requestedColumns(model, p);
  const top = asked || cues.daysBetween ? undefined : topRows(model, p);
  const rowShape = asked ?? top;
  if (asked) asked.used.forEach((r, i) => use(r, i === 0 ? `rows of ${asked.table}` : `column ${asked.columns[i - 1]?.column ?? ''}`));
  if (top) { use(top.used[0], `rows of ${top.table}`); use(top.used[1], `ordered by ${top.table}.${top.column.column}`); }

  // Counted thing right after "how many" / "number of".
  const howManyAt = /\b(how many|number of|count of|count the)\b/.exec(p.text);
  const afterCue = howManyAt ? roled.filter((r) => startOf(r) > howManyAt.index && startOf(r) - howManyAt.index < 40) : [];
  // "the average number of seats": a measure column right after the cue is summed or averaged, not counted.
  const firstColumn = afterCue[0] && !metricOf(afterCue[0]) && best(afterCue[0].mention, 'column')?.target;
  const measureFirst = firstColumn && columnOf(model, firstColumn.table, firstColumn.column)?.role === 'measure';
  const countTarget = measureFirst ? undefined : afterCue.find((r) => r.mention.candidates.some((c) => c.target.type === 'table' || c.target.type === 'metric'));
  // "How many bookings checked in …": a date column said with its table's name counts that table's rows.
  const firstTable = firstColumn ? model.tables.get(firstColumn.table) : undefined;
  const countedByEvent = !countTarget && firstColumn && columnOf(model, firstColumn.table, firstColumn.column)?.role === 'time' && afterCue[0].mention.to - afterCue[0].mention.from > 1
    && firstTable?.phrases.some((ph) => ph.stems.length === 1 && ph.stems[0] === tokens[afterCue[0].mention.from].stem) ? firstTable.name : undefined;
  // Words firmly linked to something else cannot also be read as part of a metric's name.
  const covered = p.blocked.map((b, i) => b || roled.some((r) => i >= r.mention.from && i < r.mention.to && !metricOf(r) && r.mention.candidates[0].score >= 0.9));
  const partial = partialMetric(model, tokens, covered);
  const weakCount = countTarget && !metricOf(countTarget) && countTarget.mention.candidates[0].score < 0.9 && partial?.overlap === 1;

  const measures: Measure[] = [];
  const positions = new Map<Measure, number>();
  const addMeasure = (m: Measure, r?: RoledMention) => { measures.push(m); positions.set(m, r ? startOf(r) : 0); };
  let countedEntity: string | undefined = rowShape?.table;
  let perRatio = false;
  const duration = cues.daysBetween ? durationMeasure(model, roled, tokens, p.text) : undefined;
  if (duration) {
    addMeasure(duration.measure);
    duration.used.forEach((r) => use(r, duration.measure.kind === 'daysBetween' ? duration.measure.label : ''));
  }
  for (const r of roled) {
    if (duration || rowShape) break;
    const metric = metricOf(r);
    // "revenue per order" with both glossary metrics: a ratio, not a breakdown by order.
    const perMetric = measures.length > 0 && /\bper\s+(?:the\s+|each\s+|an?\s+)?$/.test(p.text.slice(0, startOf(r)));
    if (!metric || (r.grouped && best(r.mention, 'table') && !cues.rank && !perMetric)) continue;
    if (perMetric) perRatio = true;
    const qualifiedByValue = r.qualifies && best(r.qualifies.mention, 'value');
    if (qualifiedByValue && (measures.length > 0 || (countTarget && countTarget !== r))) { consumed.add(r); continue; }
    if (countTarget && countTarget !== r && !weakCount && anyOf(countTarget.mention, 'table') && !metricOf(countTarget) && !cues.comparisons.length) { consumed.add(r); continue; }
    if (measures.some((m) => m.kind === 'metric' && m.metric === metric)) { consumed.add(r); continue; }
    const measure = reaggregated(metric, aggregationBefore(tokens, r.mention.from));
    addMeasure(measure, r);
    use(r, `metric "${metric.name}"${measure.metric === metric ? '' : ` as ${measure.metric.name}`}`);
  }
  if (countTarget && !metricOf(countTarget) && !duration && !rowShape) {
    const table = anyOf(countTarget.mention, 'table')!.target.table;
    if (weakCount) consumed.add(countTarget);
    else { countedEntity = table; use(countTarget, `rows of ${table}`); }
  }

  if (!countedEntity && !measures.length && !duration && countedByEvent) {
    countedEntity = countedByEvent;
    links.push({ phrase: afterCue[0].mention.text, meaning: `rows of ${countedByEvent}` });
  }
  const anchorTables = () => [...measures.map((m) => (m.kind === 'metric' ? m.metric.factTable : m.table)), ...(countedEntity ? [countedEntity] : [])];

  // Comparisons: "list price above $1,000" filters rows; "more than 1,900 orders" filters groups.
  const filters: Filter[] = [];
  let having: QueryPlan['having'];
  let havingMeasure: Measure | undefined;
  let havingSpan: [number, number] | undefined;
  for (const c of cues.comparisons) {
    // "admissions that lasted more than 10 days": days between the rows' start and end dates.
    const spanTable = /^\s*days?\b/.test(p.text.slice(c.span[1])) ? [countTarget, ...roled].map((r) => r && best(r.mention, 'table')?.target.table).find((t) => t && spanColumns(model, t)) : undefined;
    const span = spanTable ? spanColumns(model, spanTable) : undefined;
    if (span && c.op !== '=') {
      cues.timeUnits = cues.timeUnits.filter((u) => u.span[0] < c.span[0] || u.span[0] > c.span[1] + 8);
      filters.push({ kind: 'days', table: spanTable!, from: span.start.name, column: span.end.name, op: c.op, value: c.value });
      links.push({ phrase: p.text.slice(...c.span).trim(), meaning: `days from ${span.start.label} to ${span.end.label} ${c.op} ${c.value}` });
      continue;
    }
    const target = comparedColumn(model, roled, tokens, c.span, consumed, measures.length > 0);
    if (target) {
      if (target.mention) consumed.add(target.mention);
      filters.push({ kind: 'compare', table: target.table, column: target.column, op: c.op, value: c.value });
      links.push({ phrase: target.phrase, meaning: `${target.table}.${target.column} ${c.op} ${c.value}` });
      continue;
    }
    if (c.op === '=') continue;
    having = { op: c.op, value: c.value };
    havingSpan = c.span;
    const after = roled.find((r) => startOf(r) >= c.span[1] && startOf(r) - c.span[1] <= 10 && metricOf(r));
    if (after) havingMeasure = measures.find((m) => m.kind === 'metric' && m.metric === metricOf(after));
  }

  // Ad-hoc measures: measure columns, with their aggregation word.
  // "What is the highest nightly rate?": a superlative over a column with nothing to rank is MAX/MIN.
  const rank = cues.rank;
  const nothingRanked = rank && !rank.explicitN && !cues.timeUnits.length && !roled.some((r) => r.grouped && startOf(r) < rank.span[0]) && !/^\s*(which|who)\b/.test(p.text);
  for (const r of roled) {
    if (consumed.has(r)) continue;
    const superlative = nothingRanked && startOf(r) - rank.span[1] <= 1 ? (rank.desc ? 'MAX' : 'MIN') : undefined;
    const m = adHocMeasure(model, r, tokens, superlative ?? (/\b(on|in) average\b/.test(p.text) ? 'AVG' : undefined), Boolean(rank));
    if (!m) continue;
    const aggWord = /\b(average|avg|mean|median|total|sum|minimum|maximum)\s+(?:\w+\s+)?$/.test(p.text.slice(Math.max(0, startOf(r) - 14), startOf(r)));
    if ((measures.length || countedEntity) && !cues.ratioOf && !aggWord) continue;
    addMeasure(m, r);
    use(r, m.label);
  }
  // "average discount on orders": the metric noun after an explicitly aggregated column only says where.
  const firstAgg = measures.find((m) => m.kind === 'agg' && m.fn !== 'SUM');
  if (firstAgg && !cues.ratioOf) {
    for (const m of [...measures]) {
      const at = positions.get(m)!;
      if (m.kind !== 'metric' || at <= positions.get(firstAgg)! || !/\b(of|on|for|in|per|across)\s+(?:the\s+|our\s+|all\s+)?$/.test(p.text.slice(0, at))) continue;
      measures.splice(measures.indexOf(m), 1);
      const link = links.findIndex((l) => l.meaning === `metric "${m.metric.name}"`);
      if (link >= 0) links.splice(link, 1);
    }
  }
  if (!measures.length && !countedEntity && partial) {
    addMeasure({ kind: 'metric', metric: partial.metric });
    links.push({ phrase: 'wording of the question', meaning: `metric "${partial.metric.name}" (partial match)` });
  }
  if (!measures.length && !countedEntity) {
    const entity = roled.find((r) => !consumed.has(r) && !r.grouped && best(r.mention, 'table'));
    if (entity) { countedEntity = best(entity.mention, 'table')!.target.table; use(entity, `rows of ${countedEntity}`); }
  }
  if (!measures.length && !countedEntity && cues.rank) {
    // "Which department has the most courses": the entity after the superlative is counted per group.
    const rankSpan = cues.rank.span;
    const ranked = roled.find((r) => !consumed.has(r) && startOf(r) >= rankSpan[1] && best(r.mention, 'table') && roled.some((o) => o.grouped && startOf(o) < rankSpan[0]));
    if (ranked) { countedEntity = best(ranked.mention, 'table')!.target.table; use(ranked, `rows of ${countedEntity}`); }
  }
  if (!measures.length && !countedEntity && cues.rank) {
    // "Which warehouse shipped the most": count the rows of the table the verb's column belongs to.
    const event = roled.find((r) => !consumed.has(r) && !r.grouped && anyOf(r.mention, 'column'));
    if (event) countedEntity = anyOf(event.mention, 'column')!.target.table;
  }

  // Dimensions: grouped table/column mentions; a table right before another names the join path.
  const dims: Dimension[] = [];
  const via: string[] = [];
  const root = anchorTables()[0] ?? previous?.measures.map((m) => (m.kind === 'metric' ? m.metric.factTable : m.table))[0];
  for (let i = 0; i < roled.length; i++) {
    const r = roled[i];
    if (consumed.has(r) || !r.grouped || !anyOf(r.mention, 'column') && !anyOf(r.mention, 'table')) continue;
    const table = best(r.mention, 'table')?.target.table;
    const column = closestColumn(model, r, root);
    const next = roled[i + 1];
    // "customer country", "marketing channel": the last noun is the head, the first qualifies it.
    const nextColumn = next && best(next.mention, 'column')?.target;
    const nextRole = nextColumn && columnOf(model, nextColumn.table, nextColumn.column)?.role;
    // …unless it is a possessive: "country's guests" groups by country.
    const possessive = p.text.startsWith("'s", tokens[r.mention.to - 1].end);
    if (next && next.qualifies === r && !possessive && !best(next.mention, 'value') && !metricOf(next) && (best(next.mention, 'table') || (nextRole && nextRole !== 'time' && nextRole !== 'measure'))) {
      if (table) via.push(table);
      consumed.add(r);
      next.grouped = true;
      if (table) links.push({ phrase: r.mention.text, meaning: `reached through ${table}` });
      continue;
    }
    // "total booking price": the table named right before its own measure only says where the measure lives.
    if (table && next && next.qualifies === r && nextColumn?.table === table && nextRole === 'measure' && !possessive) { consumed.add(r); continue; }
    const columnModel = column && columnOf(model, column.table, column.column);
    // "monthly bookings by check-in date": the date column is the series' axis, not a breakdown of its own.
    // "customers who signed up in 2025": a date column named next to a period says which date filters.
    if (columnModel?.role === 'time' && (cues.timeUnits.length || cues.trend || p.times.length)) continue;
    const preferColumn = columnModel && (!table || best(r.mention, 'column')!.score > best(r.mention, 'table')!.score);
    const dim = preferColumn ? columnDimension(model, columnModel, root ?? columnModel.table) : table ? entityDimension(model, table, root ?? table) : undefined;
    if (!dim) continue;
    dims.push(dim);
    use(r, dim.kind === 'column' ? `group by ${dim.table}.${dim.column}` : `group by ${dim.unit}`);
  }
  const linkedSpan = (at: number) => roled.some((r) => tokens[r.mention.from].start <= at && at < tokens[r.mention.to - 1].end);
  for (const u of cues.timeUnits) {
    if (!linkedSpan(u.span[0]) && !dims.some((d) => d.kind === 'time' && d.unit === u.unit)) dims.push({ kind: 'time', unit: u.unit, label: u.unit });
  }
  if (cues.trend && !dims.some((d) => d.kind === 'time')) dims.push({ kind: 'time', unit: 'month', label: 'month' });

  // Distinct counts happen where the entity is referenced ("different products … returned").
  let countFrom: { table: string; column: string; from: string } | undefined;
  if (countedEntity && !measures.length) countFrom = distinctCounting(model, roled, { used, consumed }, countedEntity, cues.distinct);

  const anchors = [...anchorTables(), ...(countFrom ? [countFrom.from] : []), ...dims.flatMap((d) => (d.kind === 'column' ? [d.table] : []))];
  const extraFilters = valueFilters(model, roled, anchors, consumed);
  for (const f of extraFilters) links.push({ phrase: f.kind === 'values' ? f.values.join(', ') : '', meaning: `${f.table}.${f.column}${f.kind === 'values' ? (f.negated ? ' excludes ' : ' = ') + f.values.join('/') : ''}` });
  filters.push(...extraFilters, ...absenceFilters(model, { text: p.text, tokens, roled, consumed, anchors }));

  // Decided from the question alone, before `previous` is consulted: the answer cache relies on it.
  reading.continuesPrevious = cues.followUpOpening || (!measures.length && !countedEntity);
  if (previous && reading.continuesPrevious) {
    const fresh = measures.filter((m) => m.kind === 'metric');
    return mergeFollowUp({ model, parsed: p, previous, measures: fresh, dims, filters, now, links });
  }

  if (!measures.length && !countedEntity && !howManyAt) {
    const clarification = vagueMeasureClarification(model, p.text, dims);
    if (clarification) return { confidence: Math.min(0.4, clarification.options[0].confidence), clarification };
  }
  if (!measures.length && !countedEntity && howManyAt) {
    const f = filters.find((x): x is Extract<Filter, { kind: 'values' }> => x.kind === 'values' && !x.negated);
    if (f) countedEntity = countingTableForValue(model, f);
  }
  const listing = Boolean(rowShape) || (!measures.length && !howManyAt && !cues.rank && !cues.share && !having && /^\s*(list|show|which|what|who|name|give|display)\b/.test(p.text));
  const valueTable = filters.find((f) => f.kind === 'values' && !f.negated)?.table;
  const listed = listing ? countedEntity ?? (dims.length === 1 && dims[0].kind === 'column' ? dims[0].table : valueTable) : undefined;
  if (listed) {
    const timeColumn = chooseTimeColumn(model, listed, namedTimeColumns(model, roled, consumed));
    const shape: QueryPlan['shape'] = { kind: 'list', table: listed, ...(asked ? { columns: asked.columns } : {}), ...(top ? { orderBy: top.column } : {}) };
    const plan: QueryPlan = { measures: [{ kind: 'agg', fn: 'COUNT', table: listed, label: listed }], dims: [], filters, via, asOf: now, timeColumn, shape, links };
    const shaped = shapeAndTime(model, plan, p, now);
    if (top) shaped.order = { desc: top.desc, limit: top.limit };
    return { plan: shaped, confidence: confidenceOf(p, shaped) };
  }
  // "passengers who bought more than 10 tickets": the entities whose count (or sum) of the unit passes.
  const perEntity = countedEntity && !measures.length && havingSpan ? entityHavingMeasure(model, roled, tokens, havingSpan, countedEntity) : undefined;
  if (perEntity) addMeasure(perEntity);
  if (countedEntity && !measures.length) {
    addMeasure(countFrom
      ? { kind: 'agg', fn: 'COUNT_DISTINCT', table: countFrom.table, column: countFrom.column, from: countFrom.from, label: countedEntity }
      : { kind: 'agg', fn: 'COUNT', table: countedEntity, label: countedEntity });
  }
  if (!measures.length) return refusal(model, p);
  measures.sort((a, b) => positions.get(a)! - positions.get(b)!);
  if (cues.rank?.explicitN && !dims.length) dims.push(...rankedValueEntity(model, measures[0], filters));

  const namedTimes = namedTimeColumns(model, roled, consumed);
  const m0 = measures[0];
  dropOwnRowDims(model, m0, dims);
  const timeColumn = m0.kind === 'metric' ? undefined : chooseTimeColumn(model, measureTable(m0), namedTimes);
  const base: QueryPlan = { measures, dims, filters, via, asOf: now, timeColumn, shape: perRatio && measures.length === 2 ? { kind: 'ratio', percent: false } : { kind: 'basic' }, links };
  if (having) base.having = having;
  if (havingMeasure && havingMeasure !== m0) base.measures = [havingMeasure, ...measures.filter((m) => m !== havingMeasure)];
  if (countedEntity && having && (m0.kind === 'metric' || perEntity)) {
    base.shape = { kind: 'countHaving', table: countedEntity };
    return { plan: base, confidence: confidenceOf(p, base) };
  }
  const shaped = shapeAndTime(model, base, p, now);
  const confidence = confidenceOf(p, shaped);
  const ambiguous = closeReadings(roled, consumed);
  if (ambiguous) return { plan: shaped, confidence: Math.min(confidence, ambiguous.options[0].confidence), clarification: ambiguous };
  return { plan: shaped, confidence };
}

/** Two metrics (or two measure columns in different tables) that one phrase fits about equally well. */
function closeReadings(roled: RoledMention[], consumed: Set<RoledMention>): Clarification | undefined {
  for (const r of roled) {
    if (!consumed.has(r)) continue;
    const top = r.mention.candidates[0];
    const label = (c: typeof top) => (c.target.type === 'metric' ? c.target.metric.name : c.target.type === 'column' ? `${c.target.table}.${c.target.column}` : '');
    const rivals = r.mention.candidates.filter((c) => (c.target.type === 'metric' || c.target.type === 'column') && c.target.type === top.target.type && top.score - c.score < 0.03 && label(c));
    const distinct = [...new Map(rivals.map((c) => [label(c), c])).values()];
    if (top.target.type !== 'metric' || distinct.length < 2) continue;
    const total = distinct.reduce((s, c) => s + c.score, 0);
    return {
      question: `"${r.mention.text}" could mean ${distinct.map((c) => `"${label(c)}"`).join(' or ')}. Which one do you mean?`,
      options: distinct.map((c) => ({ label: label(c), confidence: Math.round((c.score / total) * 100) / 100 })),
    };
  }
  return undefined;
}

function refusal(model: SemanticModel, p: Parsed): PlanOutcome {
  const metrics = model.metrics.map((m) => m.name);
  const tables = [...model.tables.values()].map((t) => t.label);
  const known = metrics.length ? `metrics: ${metrics.slice(0, 12).join(', ')}; ` : '';
  if (!tables.length) return { confidence: 0.05, refusal: 'This source has no tables I can read. Check the connection (database and schema) and try again.' };
  return {
    confidence: 0.1,
    refusal: `I could not find what to measure in "${p.text.trim()}". This source has ${known}tables: ${tables.slice(0, 15).join(', ')}. Try asking e.g. "how many ${tables[0] ?? 'rows'} by …" or name one of those.`,
  };
}

const STRUCTURE_WORDS = /^(top|bottom|most|least|which|by|share|percent|percentage|growth|vs|versus|compare|average|avg|highest|lowest|per|monthly|daily|weekly|quarterly|yearly|trend|unique|different|distinct|ratio|rate|list|name|names|since|before|after|still|never|no|not|without|days|day|start|beginning|month|year|week|quarter|between|more|less|than|who|whose)$/;

function contentWords(p: Parsed): { content: boolean[]; covered: boolean[] } {
  const covered = new Array<boolean>(p.tokens.length).fill(false);
  for (const r of p.roled) for (let k = r.mention.from; k < r.mention.to; k++) covered[k] = true;
  const content = p.tokens.map((t, i) => !p.blocked[i] && !STOP_WORDS.has(t.text) && !STRUCTURE_WORDS.test(t.text));
  return { content, covered };
}

/** Words of the question that matched nothing, how well the rest matched, and the weakest match. */
export function signalsOf(p: Parsed): QuestionSignals {
  const { content, covered } = contentWords(p);
  const unknownWords = p.tokens.filter((_t, i) => content[i] && !covered[i]).map((t) => t.text);
  const named = (i: number) => p.roled.some((r) => r.mention.from === i && r.mention.candidates.some((c) => c.target.type !== 'value'));
  const modifierWords = p.tokens.filter((_t, i) => content[i] && !covered[i] && named(i + 1)).map((t) => t.text);
  const scores = p.roled.map((r) => r.mention.candidates[0].score);
  const margins = p.roled.map((r) => r.mention.candidates[0].score - (r.mention.candidates.find((c) => c.target.type === r.mention.candidates[0].target.type && c !== r.mention.candidates[0])?.score ?? 0));
  return {
    unknownWords, modifierWords, contentWords: content.filter(Boolean).length,
    linked: p.roled.map((r) => ({ phrase: r.mention.text, candidates: r.mention.candidates })),
    weakestMatch: scores.length ? Math.min(...scores) : 0,
    smallestMargin: margins.length ? Math.min(...margins) : 1,
  };
}

/** Share of the question's content words that were understood, scaled by match quality. */
export function confidenceOf(p: Parsed, plan: QueryPlan): number {
  const { content, covered } = contentWords(p);
  const unknown = content.filter((c, i) => c && !covered[i]).length;
  const quality = p.roled.length ? p.roled.reduce((s, r) => s + r.mention.candidates[0].score, 0) / p.roled.length : 0.6;
  const known = content.filter(Boolean).length - unknown;
  const mostlyUnknown = unknown > known ? 0.2 : 0;
  const base = Math.min(0.97, 0.55 + 0.45 * quality) - 0.08 * unknown - mostlyUnknown - (plan.measures.length ? 0 : 0.3);
  return Math.max(0.05, Math.round(base * 100) / 100);
}

