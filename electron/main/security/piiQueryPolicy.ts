import type { RequestContext } from '../../../shared/types/auth';
import { roleHas } from '../../../shared/types/permissions';
import { ForbiddenError } from './dataPolicies';
import { styleForColumn, type MaskingInput } from './masking';

/**
 * Masking works on result columns, so a query could launder personal data past it: rename it
 * (`email AS c`), transform it (`REPLACE(email, '@', ' at ')`) or probe it in a filter
 * (`WHERE email LIKE 'a%'`). For callers without `pii:see`, every PII column the statement reads
 * must come back as a result column of the same name — where it is masked — or the query is refused.
 */
export function checkPiiColumnUse(
  ctx: RequestContext,
  columnsRead: readonly string[],
  resultColumns: readonly string[],
  known: Pick<MaskingInput, 'piiColumns' | 'columnStyles'>,
): void {
  if (roleHas(ctx.role, 'pii:see')) return;
  const returned = new Set(resultColumns.map((name) => name.toLowerCase()));
  for (const qualified of columnsRead) {
    const column = qualified.slice(qualified.lastIndexOf('.') + 1);
    if (column === '*' || !styleForColumn(column, known)) continue;
    if (!returned.has(column.toLowerCase())) {
      throw new ForbiddenError(
        `This query uses the personal-data column ${qualified} in a way that would show it unmasked.`,
        `Select ${column} directly (it is shown masked for your role), or ask someone with PII access.`,
      );
    }
  }
}
