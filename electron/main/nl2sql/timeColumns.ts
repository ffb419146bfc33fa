/** SQL for time columns however they are stored: DATE/TIMESTAMP, ISO text, epoch numbers or years. */
import { bin, col, num, type Expr } from './ast';
import { columnOf, type SemanticModel } from './model';
import { OPEN_END, OPEN_START, type Period } from './time';

const epochSeconds = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 1000;

/** The literal a bound becomes in the column's own encoding. */
function boundLiteral(model: SemanticModel, table: string, column: string, iso: string, upper: boolean): Expr {
  const c = columnOf(model, table, column);
  if (c?.encoding === 'epoch') return num(epochSeconds(iso));
  if (c?.encoding === 'epochMs') return num(epochSeconds(iso) * 1000);
  if (c?.encoding === 'year') {
    const year = +iso.slice(0, 4);
    // A half-open end inside a year still includes that year: [2025-01-01, 2025-07-01) → year < 2026.
    return num(upper && !iso.endsWith('-01-01') ? year + 1 : year);
  }
  return { k: 'date', value: iso };
}

/** WHERE conditions placing the column in [start, end). */
export function periodConditions(model: SemanticModel, table: string, column: string, period: Period): Expr[] {
  const out: Expr[] = [];
  const c = col(table, column);
  if (period.start > OPEN_START) out.push(bin('>=', c, boundLiteral(model, table, column, period.start, false)));
  if (period.end < OPEN_END) out.push(bin('<', c, boundLiteral(model, table, column, period.end, true)));
  return out;
}

/** The column as a date or timestamp expression, for bucketing and day arithmetic. */
export function timeValue(model: SemanticModel, table: string, column: string): { expr: Expr; kind: 'date' | 'datetime'; textual?: boolean; year?: boolean } {
  const c = columnOf(model, table, column);
  const raw = col(table, column);
  if (c?.encoding === 'epoch' || c?.encoding === 'epochMs') return { expr: { k: 'epochTime', expr: raw, millis: c.encoding === 'epochMs' }, kind: 'datetime' };
  if (c?.encoding === 'year') return { expr: raw, kind: 'date', year: true };
  return { expr: raw, kind: c?.kind === 'datetime' ? 'datetime' : 'date', textual: c?.textual };
}
