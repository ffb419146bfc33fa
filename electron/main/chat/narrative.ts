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
    const subject = scopedSubject(explanation, label) ?? `${label} is`;
    return { headline: `${subject} ${valueOf(rows[0], measure, result)}.`, narrative: scope.trim() || undefined, actions: executiveActions(role, label) };
  }
  if (time) {
    const first = rows[0];
    const last = rows[rows.length - 1];
    const a = numberAt(first, measure.index);
    const b = numberAt(last, measure.index);
    const change = a !== null && b !== null && a !== 0 ? ` (${b >= a ? 'up' : 'down'} ${formatValue(Math.abs((b - a) / a), 'fraction-percent')})` : '';
    return {
      headline: `${label} went from ${valueOf(first, measure, result)} in ${valueOf(first, time, result)} to ${valueOf(last, measure, result)} in ${valueOf(last, time, result)}${change}.`,
      narrative: `${rows.length} periods${shown}.${scope}`,
      actions: executiveActions(role, label),
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

function executiveActions(role: Role, label: string): string[] {
  if (role !== 'executive') return [];
  return [`Save this ${label.toLowerCase()} view to a dashboard to follow it.`, 'Ask your analyst to look into the biggest movers.'];
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
