/** Breakdowns by a category: the leader named with its value and share (only for measures that
 *  add up), concentration, the biggest mover against the prior period; shares and growth worded
 *  as such. */
import { formatValue, type ColumnProfile, type ResultLike } from '../../../../shared/charts';
import { spanLabel } from '../facts/periods';
import { executiveActions } from './actions';
import type { Narration, Scope } from './types';
import { capitalize, cellText, columnWords, delta, figure, NON_ADDITIVE, numberAt, plural, type Row } from './words';

type Result = ResultLike & { rowCount: number; truncated: boolean };

const pct = (fraction: number) => formatValue(fraction, 'fraction-percent');

function periodWords(scope: Scope): string {
  const p = scope.meaning.period;
  return p ? spanLabel(p.start, p.end) : '';
}

function isAdditive(scope: Scope, measure: ColumnProfile): boolean {
  return scope.meaning.additive ?? !NON_ADDITIVE.test(measure.name);
}

function dimWord(scope: Scope, category: ColumnProfile): string {
  return scope.meaning.dims?.[0] ?? columnWords(category.name);
}

/** "which region had the highest revenue?": one row, the winner named. */
export function narrateWinner(result: Result, measure: ColumnProfile, category: ColumnProfile, scope: Scope): Narration {
  const row = result.rows[0];
  const name = cellText(row, category);
  const value = numberAt(row, measure.index);
  const period = periodWords(scope);
  const lowest = scope.meaning.order?.desc === false;
  const total = scope.facts.total;
  if (isAdditive(scope, measure) && !lowest) {
    const share = total && value !== null && total > 0 ? `, ${pct(value / total)} of the total (${figure(total, measure.format)})` : '';
    return { headline: `${name} led ${period ? `${period} ` : ''}${scope.label} with ${figure(value, measure.format)}${share}.`, narrative: scope.definition, actions: executiveActions(scope.role, scope.label) };
  }
  const headline = `${name} had the ${lowest ? 'lowest' : 'highest'} ${scope.label}${period ? ` in ${period}` : ''}: ${figure(value, measure.format)}.`;
  return { headline, narrative: scope.definition, actions: executiveActions(scope.role, scope.label) };
}

export function narrateRanking(result: Result, measure: ColumnProfile, category: ColumnProfile, scope: Scope): Narration {
  const rows = result.rows;
  const value = (r: Row) => numberAt(r, measure.index);
  const ranked = [...rows].sort((a, b) => (value(b) ?? -Infinity) - (value(a) ?? -Infinity));
  const [top, bottom] = [ranked[0], ranked[ranked.length - 1]];
  const dim = dimWord(scope, category);
  const period = periodWords(scope);
  const n = rows.length;
  const name = (r: Row) => cellText(r, category);
  const fig = (r: Row) => figure(value(r), measure.format);
  if (scope.meaning.shape === 'shareOfTotal') {
    const next = ranked.slice(1, 3).map((r) => `${name(r)} ${fig(r)}`).join(', ');
    return {
      headline: `${name(top)} had the largest share of ${scope.label.replace(/^share of /, '')}${period ? ` in ${period}` : ''}: ${fig(top)}.`,
      narrative: [next ? `Next: ${next}.` : '', n > 3 ? `Smallest: ${name(bottom)} (${fig(bottom)}).` : ''].filter(Boolean).join(' ') || undefined,
      actions: executiveActions(scope.role, scope.label),
    };
  }
  const why: string[] = [];
  let headline: string;
  if (isAdditive(scope, measure)) {
    const limited = Boolean(scope.meaning.order?.limit) || result.truncated;
    const sum = rows.reduce((s, r) => s + (value(r) ?? 0), 0);
    const total = limited ? scope.facts.total ?? null : sum;
    const topValue = value(top);
    const share = total && topValue !== null && total > 0 ? `, ${pct(topValue / total)} of the total` : '';
    headline = `${name(top)} led ${period ? `${period} ` : ''}${scope.label} with ${fig(top)}${share}.`;
    const concentrated = total && total > 0 && n >= 3 ? concentration(ranked.map(value), total, dim, scope.label, limited) : undefined;
    if (concentrated) why.push(concentrated);
  } else {
    headline = `${name(top)} had the highest ${scope.label}${period ? ` in ${period}` : ''}: ${fig(top)}.`;
    const [hi, lo] = [value(top), value(bottom)];
    if (hi !== null && lo !== null && lo > 0 && n >= 2) why.push(`That is ${(hi / lo).toFixed(1)}× the lowest, ${name(bottom)} (${fig(bottom)}).`);
  }
  const mover = biggestMover(rows, category, measure, scope);
  if (mover) why.push(mover);
  if (isAdditive(scope, measure) && n >= 3) why.push(`Lowest: ${name(bottom)} (${fig(bottom)}).`);
  why.push(`${n} ${plural(dim, n)}${scope.shown}.`);
  if (scope.definition) why.push(scope.definition);
  return { headline, narrative: why.join(' '), actions: executiveActions(scope.role, scope.label) };
}

/** "The top 2 of 5 regions make up 58% of revenue." */
function concentration(values: Array<number | null>, total: number, dim: string, label: string, limited: boolean): string | undefined {
  let running = 0;
  let k = 0;
  for (const v of values) {
    running += v ?? 0;
    k += 1;
    if (running / total >= 0.5) break;
  }
  const of = limited ? '' : ` of ${values.length}`;
  // One group holding half is already said by the headline's share.
  if (k === 1) return undefined;
  return `The top ${k}${of} ${plural(dim, k)} make up ${pct(running / total)} of ${label}.`;
}

/** The group whose value moved most against the prior period (from the extra query). */
function biggestMover(rows: readonly Row[], category: ColumnProfile, measure: ColumnProfile, scope: Scope): string | undefined {
  const before = scope.facts.priorByGroup;
  if (!before) return undefined;
  const moves = rows
    .map((r) => ({ row: r, now: numberAt(r, measure.index), then: before.values.get(String(r[category.index])) ?? null }))
    .filter((m): m is { row: Row; now: number; then: number } => m.now !== null && m.then !== null && m.then !== 0)
    .sort((a, b) => Math.abs(b.now - b.then) - Math.abs(a.now - a.then));
  const top = moves[0];
  if (!top) return undefined;
  const change = delta(top.now, top.then);
  const totalNow = moves.reduce((s, m) => s + m.now, 0);
  const totalThen = moves.reduce((s, m) => s + m.then, 0);
  const overall = isAdditive(scope, measure) ? delta(totalNow, totalThen) : undefined;
  return `Biggest mover against ${before.prior.label}: ${cellText(top.row, category)}, ${change?.text ?? 'unchanged'} (${figure(top.now, measure.format)} from ${figure(top.then, measure.format)}).${overall ? ` In total, ${scope.label} is ${overall.text} on ${before.prior.label}.` : ''}`;
}

/** Growth per group (or overall): fastest and slowest named, how many grew. */
export function narrateGrowth(result: Result, measure: ColumnProfile, category: ColumnProfile | undefined, scope: Scope): Narration {
  const [current, previous] = scope.meaning.periods ?? [];
  const span = current && previous ? ` from ${spanLabel(previous.start, previous.end)} to ${spanLabel(current.start, current.end)}` : '';
  const growth = (r: Row) => numberAt(r, measure.index);
  const moved = (g: number | null) => (g === null ? 'could not be compared' : g >= 0 ? `grew ${pct(g)}` : `fell ${pct(-g)}`);
  const note = [scope.facts.note, scope.definition].filter(Boolean).join(' ') || undefined;
  if (!category || result.rows.length === 1) {
    const g = growth(result.rows[0]);
    const who = category ? `${cellText(result.rows[0], category)}: ` : '';
    return { headline: `${who}${capitalize(scope.label)} ${moved(g)}${span}.`, narrative: note, actions: executiveActions(scope.role, scope.label, g) };
  }
  const ranked = result.rows.filter((r) => growth(r) !== null).sort((a, b) => (growth(b) ?? 0) - (growth(a) ?? 0));
  if (!ranked.length) return { headline: `${capitalize(scope.label)} could not be compared${span}: there is no data for the earlier period.`, narrative: note, actions: [] };
  const [top, bottom] = [ranked[0], ranked[ranked.length - 1]];
  const dim = scope.meaning.dims?.[0] ?? columnWords(category.name);
  const grew = ranked.filter((r) => (growth(r) ?? 0) > 0).length;
  const fastest = (growth(top) ?? 0) >= 0 ? `grew fastest: ${scope.label} ▲ ${pct(growth(top) ?? 0)}` : `fell least: ${scope.label} ▼ ${pct(-(growth(top) ?? 0))}`;
  const slowest = (growth(bottom) ?? 0) < 0 ? `${cellText(bottom, category)} fell most (▼ ${pct(-(growth(bottom) ?? 0))}).` : `${cellText(bottom, category)} grew least (▲ ${pct(growth(bottom) ?? 0)}).`;
  return {
    headline: `${cellText(top, category)} ${fastest}${span}.`,
    narrative: [ranked.length > 1 ? slowest : '', `${grew} of ${ranked.length} ${plural(dim, ranked.length)} grew.`, note].filter(Boolean).join(' '),
    actions: executiveActions(scope.role, scope.label),
  };
}
