/** Suggested next questions from what the answer showed and what the schema offers. */
import { humanizeColumn, profileColumns, type ResultLike } from '../../../shared/charts';
import type { SchemaInfo } from '../../../shared/types/schema';
import { isBreakdown } from './vocabulary';

const MAX_FOLLOW_UPS = 3;

export function suggestFollowUps(result: ResultLike, schema: SchemaInfo, usedTables: readonly string[]): string[] {
  const profiles = profileColumns(result);
  const hasTime = profiles.some((p) => p.role === 'time');
  const category = profiles.find((p) => p.role === 'category');
  const tables = schema.tables.filter((t) => usedTables.some((u) => u.toLowerCase() === t.name.toLowerCase()));
  const shownNames = new Set(result.columns.map((c) => c.name.toLowerCase()));
  const dimension = tables
    .flatMap((t) => t.columns)
    .find((c) => isBreakdown(c) && !shownNames.has(c.name.toLowerCase()));
  const hasDate = tables.some((t) => t.columns.some((c) => c.kind === 'date' || c.kind === 'datetime'));
  const out: string[] = [];
  if (!hasTime && hasDate) out.push('And by month?');
  if (dimension) out.push(`Break this down by ${humanizeColumn(dimension.name).toLowerCase().replace(/ (name|label|title)$/, '')}`);
  if (category && result.rows.length > 5) out.push('Show only the top 5');
  if (hasTime) out.push('How does this compare with the previous period?');
  return out.slice(0, MAX_FOLLOW_UPS);
}
