/** Time series: first and last period, peak and low, the latest period against the one before and
 *  against the same period a year earlier, the overall direction; split series follow the total
 *  when the measure adds up. Every number is read from the rows. */
import { type ColumnProfile, type ResultLike } from '../../../../shared/charts';
import { executiveActions } from './actions';
import type { Narration, Scope } from './types';
import { capitalize, cellText, columnWords, delta, figure, NON_ADDITIVE, numberAt, plural, type Row } from './words';

type Result = ResultLike & { rowCount: number; truncated: boolean };

export function narrateSeries(result: Result, measure: ColumnProfile, time: ColumnProfile, scope: Scope): Narration {
  const rows = result.rows;
  const [first, last] = [rows[0], rows[rows.length - 1]];
  const change = delta(numberAt(last, measure.index), numberAt(first, measure.index));
  const at = (r: Row) => `${figure(numberAt(r, measure.index), measure.format)} in ${cellText(r, time)}`;
  const story = describeSeries(rows, measure, time);
  return {
    headline: `${capitalize(scope.label)} went from ${at(first)} to ${at(last)}${change ? ` (${change.text})` : ''}.`,
    narrative: [...story.sentences, scope.shown ? `${rows.length} periods${scope.shown}.` : '', scope.definition].filter(Boolean).join(' ') || undefined,
    actions: executiveActions(scope.role, scope.label, story.latestChange, cellText(last, time)),
  };
}

/** One line per segment: the total per period when the measure adds up; the latest leader named. */
export function narrateSeriesByCategory(result: Result, measure: ColumnProfile, time: ColumnProfile, category: ColumnProfile, scope: Scope): Narration {
  const key = (r: Row) => String(r[time.index] ?? '');
  const periods = [...new Set(result.rows.map(key))].sort();
  const latest = periods[periods.length - 1];
  const inLatest = result.rows.filter((r) => key(r) === latest).sort((x, y) => (numberAt(y, measure.index) ?? -Infinity) - (numberAt(x, measure.index) ?? -Infinity));
  const leader = inLatest[0];
  const dim = scope.meaning.dims?.find((d) => !/month|year|quarter|week|day|date/.test(d)) ?? columnWords(category.name);
  const leaderText = leader ? `In ${cellText(leader, time)}, ${cellText(leader, category)} led with ${figure(numberAt(leader, measure.index), measure.format)}.` : '';
  const groups = new Set(result.rows.map((r) => String(r[category.index] ?? ''))).size;
  const additive = scope.meaning.additive ?? !NON_ADDITIVE.test(measure.name);
  if (!additive || periods.length < 2) {
    return { headline: leaderText || `${capitalize(scope.label)} across ${groups} ${plural(dim, groups)}.`, narrative: [`${groups} ${plural(dim, groups)} over ${periods.length} periods${scope.shown}.`, scope.definition].filter(Boolean).join(' '), actions: executiveActions(scope.role, scope.label) };
  }
  const totals: Row[] = periods.map((period) => [result.rows.find((r) => key(r) === period)?.[time.index] ?? period, result.rows.filter((r) => key(r) === period).reduce((sum, r) => sum + (numberAt(r, measure.index) ?? 0), 0)]);
  const [timeTotal, measureTotal] = [{ ...time, index: 0 }, { ...measure, index: 1 }];
  const change = delta(numberAt(totals[totals.length - 1], 1), numberAt(totals[0], 1));
  const story = describeSeries(totals, measureTotal, timeTotal);
  const at = (r: Row) => `${figure(numberAt(r, 1), measure.format)} in ${cellText(r, timeTotal)}`;
  const share = leader && numberAt(totals[totals.length - 1], 1) ? shareOfLatest(leader, measure, numberAt(totals[totals.length - 1], 1) ?? 0) : '';
  return {
    headline: `Total ${scope.label} went from ${at(totals[0])} to ${at(totals[totals.length - 1])}${change ? ` (${change.text})` : ''}.`,
    narrative: [leaderText.replace(/\.$/, share ? `, ${share}.` : '.'), ...story.sentences.map((t) => t.replace(/^Highest/, 'Highest total').replace(/^The latest period/, 'The latest total')), scope.shown ? `${groups} ${plural(dim, groups)}${scope.shown}.` : '', scope.definition].filter(Boolean).join(' '),
    actions: executiveActions(scope.role, scope.label, story.latestChange, cellText(totals[totals.length - 1], timeTotal)),
  };
}

function shareOfLatest(leader: Row, measure: ColumnProfile, total: number): string {
  const v = numberAt(leader, measure.index);
  return v !== null && total > 0 ? `${Math.round((v / total) * 100)}% of that period` : '';
}

/** Peak, low, the latest period against the one before and a year before, the overall direction. */
function describeSeries(rows: readonly Row[], measure: ColumnProfile, time: ColumnProfile): { sentences: string[]; latestChange: number | null } {
  const values = rows.map((r) => numberAt(r, measure.index));
  const known = values.map((v, i) => ({ v, i })).filter((x): x is { v: number; i: number } => x.v !== null);
  if (known.length < 3) return { sentences: [], latestChange: null };
  const peak = known.reduce((m, x) => (x.v > m.v ? x : m));
  const low = known.reduce((m, x) => (x.v < m.v ? x : m));
  const at = (i: number) => `${cellText(rows[i], time)} (${figure(values[i], measure.format)})`;
  const sentences = [`Highest: ${at(peak.i)}; lowest: ${at(low.i)}.`];
  const latestIndex = rows.length - 1;
  const latest = delta(values[latestIndex], values[latestIndex - 1]);
  if (latest) sentences.push(`The latest period is ${latest.text} on ${cellText(rows[latestIndex - 1], time)}.`);
  const yearAgo = sameMonthYearEarlier(rows, time);
  const yoy = yearAgo !== undefined ? delta(values[latestIndex], values[yearAgo]) : undefined;
  if (yoy && yearAgo !== undefined) sentences.push(`Against ${cellText(rows[yearAgo], time)} it is ${yoy.text}.`);
  const n = known.length;
  const meanX = known.reduce((s, x) => s + x.i, 0) / n;
  const meanY = known.reduce((s, x) => s + x.v, 0) / n;
  const slope = known.reduce((s, x) => s + (x.i - meanX) * (x.v - meanY), 0) / known.reduce((s, x) => s + (x.i - meanX) ** 2, 0);
  const perPeriod = meanY !== 0 ? slope / Math.abs(meanY) : 0;
  sentences.push(Math.abs(perPeriod) >= 0.002 ? `Overall the trend is ${perPeriod > 0 ? 'rising' : 'falling'}, about ${figure(Math.abs(perPeriod), 'fraction-percent')} of the average per period.` : 'Overall the trend is flat.');
  return { sentences, latestChange: latest?.change ?? null };
}

/** For a monthly series, the row of the same month one year before the latest. */
function sameMonthYearEarlier(rows: readonly Row[], time: ColumnProfile): number | undefined {
  const last = String(rows[rows.length - 1]?.[time.index] ?? '');
  if (!/^\d{4}-\d{2}$/.test(last) || rows.length < 13) return undefined;
  const target = `${+last.slice(0, 4) - 1}${last.slice(4, 7)}`;
  const index = rows.findIndex((r) => String(r[time.index] ?? '').slice(0, 7) === target);
  return index >= 0 && String(rows[index]?.[time.index]).length === last.length ? index : undefined;
}
