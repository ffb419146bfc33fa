/** Headline, narrative and actions in business terms, built only from the result rows (numbers
 *  are never invented) plus the engine's explanation of period and filters. */
import { formatValue, humanizeColumn, inferFormat, profileColumns, type ColumnProfile, type ResultLike } from '../../../shared/charts';
import type { Role } from '../../../shared/types/auth';

export interface Narration {
  headline: string;
  narrative?: string;
  actions: string[];
}

type Row = ResultLike['rows'][number];

function valueOf(row: Row, profile: ColumnProfile, result: ResultLike): string {
  return formatValue(row[profile.index] ?? null, inferFormat(profile.name, result.columns[profile.index]?.kind ?? 'text', result.rows.slice(0, 50).map((r) => r[profile.index] ?? null)));
}

function numberAt(row: Row | undefined, index: number): number | null {
  const value = row?.[index];
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : null;
}

export function narrate(result: ResultLike & { rowCount: number; truncated: boolean }, explanation: string | undefined, role: Role): Narration {
  const scope = explanation ? ` ${firstSentence(explanation)}` : '';
  if (result.rowCount === 0) {
    return { headline: 'No rows match this question.', narrative: `The query ran but found nothing.${scope} Try a wider period or fewer filters.`, actions: [] };
  }
  const profiles = profileColumns(result);
  const measure = profiles.find((p) => p.role === 'measure');
  const time = profiles.find((p) => p.role === 'time');
  const category = profiles.find((p) => p.role === 'category');
  const rows = result.rows;
  const shown = result.truncated ? ` (first ${rows.length.toLocaleString('en-US')} rows shown)` : '';
  if (!measure) {
    return { headline: `Found ${result.rowCount.toLocaleString('en-US')} row${result.rowCount === 1 ? '' : 's'}${shown}.`, narrative: scope.trim() || undefined, actions: [] };
  }
  const label = humanizeColumn(measure.name);
  if (rows.length === 1) {
    const subject = scopedSubject(explanation, label) ?? `${label}:`;
    return { headline: `${subject} ${valueOf(rows[0], measure, result)}.`, narrative: scope.trim() || undefined, actions: executiveActions(role, label) };
  }
  if (time && category) return narrateSeriesByCategory(result, measure, time, category, role, scope, shown);
  if (time) {
    const first = rows[0];
    const last = rows[rows.length - 1];
    const a = numberAt(first, measure.index);
    const b = numberAt(last, measure.index);
    const change = a !== null && b !== null && a !== 0 ? ` (${b >= a ? 'up' : 'down'} ${formatValue(Math.abs((b - a) / a), 'fraction-percent')})` : '';
    const story = describeSeries(rows, measure, time, result);
    return {
      headline: `${label} went from ${valueOf(first, measure, result)} in ${valueOf(first, time, result)} to ${valueOf(last, measure, result)} in ${valueOf(last, time, result)}${change}.`,
      narrative: `${story.sentences.join(' ')}${shown ? ` ${rows.length} periods${shown}.` : ''}${scope}`.trim(),
      actions: executiveActions(role, label, story.latestChange, valueOf(last, time, result)),
    };
  }
  if (category) {
    const ranked = [...rows].sort((x, y) => (numberAt(y, measure.index) ?? -Infinity) - (numberAt(x, measure.index) ?? -Infinity));
    const top = ranked[0];
    const total = rows.reduce((s, r) => s + (numberAt(r, measure.index) ?? 0), 0);
    const topValue = numberAt(top, measure.index);
    const share = total > 0 && topValue !== null && !result.truncated ? `, ${formatValue(topValue / total, 'fraction-percent')} of the total shown` : '';
    return {
      headline: `${valueOf(top, category, result)} leads ${label.toLowerCase()} with ${valueOf(top, measure, result)}${share}.`,
      narrative: `Across ${rows.length} ${humanizeColumn(category.name).toLowerCase()} values${shown}; lowest: ${valueOf(ranked[ranked.length - 1], category, result)} (${valueOf(ranked[ranked.length - 1], measure, result)}).${scope}`,
      actions: executiveActions(role, label),
    };
  }
  return { headline: `Found ${result.rowCount.toLocaleString('en-US')} rows${shown}.`, narrative: scope.trim() || undefined, actions: [] };
}

/** Measures that cannot be added up across categories (averages, rates, shares). */
const NON_ADDITIVE = /avg|average|mean|median|rate|ratio|percent|pct|share|margin/i;

/** A time series split by a category (one line per segment): the headline follows the total
 *  per period when the measure adds up, and names the leader of the latest period. */
function narrateSeriesByCategory(result: ResultLike & { rowCount: number; truncated: boolean }, measure: ColumnProfile, time: ColumnProfile, category: ColumnProfile, role: Role, scope: string, shown: string): Narration {
  const label = humanizeColumn(measure.name);
  const periods = [...new Set(result.rows.map((r) => String(r[time.index] ?? '')))].sort();
  const latest = periods[periods.length - 1];
  const inLatest = result.rows.filter((r) => String(r[time.index] ?? '') === latest);
  const leader = [...inLatest].sort((x, y) => (numberAt(y, measure.index) ?? -Infinity) - (numberAt(x, measure.index) ?? -Infinity))[0];
  const leaderText = leader ? `In ${valueOf(leader, time, result)}, ${valueOf(leader, category, result)} led with ${valueOf(leader, measure, result)}.` : '';
  const groups = new Set(result.rows.map((r) => String(r[category.index] ?? ''))).size;
  if (NON_ADDITIVE.test(measure.name) || periods.length < 2) {
    return { headline: leaderText || `${label} across ${groups} ${humanizeColumn(category.name).toLowerCase()} values.`, narrative: `${groups} series over ${periods.length} periods${shown}.${scope}`.trim(), actions: executiveActions(role, label) };
  }
  const totals = periods.map((period) => [period, result.rows.filter((r) => String(r[time.index] ?? '') === period).reduce((sum, r) => sum + (numberAt(r, measure.index) ?? 0), 0)] as Row);
  const totalResult = { ...result, columns: [result.columns[time.index], result.columns[measure.index]], rows: totals };
  const [timeTotal, measureTotal] = [{ ...time, index: 0 }, { ...measure, index: 1 }];
  const a = numberAt(totals[0], 1);
  const b = numberAt(totals[totals.length - 1], 1);
  const change = a !== null && b !== null && a !== 0 ? ` (${b >= a ? 'up' : 'down'} ${formatValue(Math.abs((b - a) / a), 'fraction-percent')})` : '';
  const story = describeSeries(totals, measureTotal, timeTotal, totalResult);
  const firstLast = (row: Row) => `${valueOf(row, measureTotal, totalResult)} in ${valueOf(row, timeTotal, totalResult)}`;
  return {
    headline: `Total ${label.toLowerCase()} went from ${firstLast(totals[0])} to ${firstLast(totals[totals.length - 1])}${change}.`,
    narrative: [leaderText, ...story.sentences.map((t) => t.replace(/^Highest/, 'Highest total').replace(/^The latest period/, 'The latest total'))].join(' ') + `${shown ? ` ${groups} series${shown}.` : ''}${scope}`,
    actions: executiveActions(role, label, story.latestChange, valueOf(totals[totals.length - 1], timeTotal, totalResult)),
  };
}

/** Peak, low, the latest period against the one before, and the overall direction: every number
 *  read from the rows. */
function describeSeries(rows: readonly Row[], measure: ColumnProfile, time: ColumnProfile, result: ResultLike): { sentences: string[]; latestChange: number | null } {
  const values = rows.map((r) => numberAt(r, measure.index));
  const known = values.map((v, i) => ({ v, i })).filter((x): x is { v: number; i: number } => x.v !== null);
  if (known.length < 3) return { sentences: [], latestChange: null };
  const peak = known.reduce((m, x) => (x.v > m.v ? x : m));
  const low = known.reduce((m, x) => (x.v < m.v ? x : m));
  const at = (i: number) => `${valueOf(rows[i], time, result)} (${valueOf(rows[i], measure, result)})`;
  const sentences = [`Highest: ${at(peak.i)}; lowest: ${at(low.i)}.`];
  const [prev, latest] = [values[values.length - 2], values[values.length - 1]];
  const latestChange = prev !== null && latest !== null && prev !== 0 ? (latest - prev) / prev : null;
  if (latestChange !== null) {
    const arrow = latestChange >= 0 ? '▲' : '▼';
    sentences.push(`The latest period is ${arrow} ${formatValue(Math.abs(latestChange), 'fraction-percent')} on ${valueOf(rows[rows.length - 2], time, result)}.`);
  }
  const n = known.length;
  const meanX = known.reduce((s, x) => s + x.i, 0) / n;
  const meanY = known.reduce((s, x) => s + x.v, 0) / n;
  const slope = known.reduce((s, x) => s + (x.i - meanX) * (x.v - meanY), 0) / known.reduce((s, x) => s + (x.i - meanX) ** 2, 0);
  const perPeriod = meanY !== 0 ? slope / Math.abs(meanY) : 0;
  if (Math.abs(perPeriod) >= 0.002) sentences.push(`Overall the trend is ${perPeriod > 0 ? 'rising' : 'falling'}, about ${formatValue(Math.abs(perPeriod), 'fraction-percent')} of the average per period.`);
  else sentences.push('Overall the trend is flat.');
  return { sentences, latestChange };
}

function executiveActions(role: Role, label: string, latestChange: number | null = null, latestPeriod = ''): string[] {
  if (role !== 'executive') return [];
  const watch = `Save this ${label.toLowerCase()} view to a dashboard to follow it.`;
  if (latestChange !== null && latestChange <= -0.1) return [`Ask why ${label.toLowerCase()} fell in ${latestPeriod}: compare it by region or channel.`, watch];
  return [watch, 'Ask your analyst to look into the biggest movers.'];
}

/** "Revenue, for 2025 (2025-01-01 to …)." → "Revenue, for 2025:" — the period stated with the number. */
function scopedSubject(explanation: string | undefined, label: string): string | undefined {
  const sentence = explanation ? firstSentence(explanation).replace(/\s*\([^)]*\)/g, '').replace(/\.$/, '') : '';
  const aboutTheMeasure = sentence.toLowerCase().startsWith(label.toLowerCase());
  return aboutTheMeasure && sentence.length <= 80 ? `${sentence}:` : undefined;
}

function firstSentence(text: string): string {
  const sentence = text.split(/(?<=\.)\s/)[0]?.trim() ?? '';
  return sentence.endsWith('.') ? sentence : `${sentence}.`;
}
