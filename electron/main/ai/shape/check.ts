/** Whether a result has the shape its question asks for; the problem in one sentence when not
 *  (the sentence goes back to the model when it is asked again, and into an honest fallback note). */
import { profileColumns, type ResultLike } from '../../../../shared/charts';
import type { ExpectedShape } from './expected';

type Result = ResultLike & { rowCount: number };

const TIME_NAME = /(^|_|\b)(date|day|week|month|quarter|year|period|time|ts)(s)?($|_|\b)|(day|week|month|quarter|year)s?$/i;

export function shapeProblem(expected: ExpectedShape, result: Result): string | undefined {
  // No rows is an answer of any shape ("nothing matched"), not a wrong shape.
  if (result.rowCount === 0) return undefined;
  const profiles = profileColumns(result);
  switch (expected.kind) {
    case 'value':
      return result.rowCount > 1 ? `The question asks for one number, but the query returned ${count(result.rowCount)} rows.` : undefined;
    case 'series': {
      const hasTime = profiles.some((p) => p.role === 'time') || result.columns.some((c) => TIME_NAME.test(c.name));
      return hasTime ? undefined : `The question asks for a series per ${expected.unit}, but the query returned no ${expected.unit} column.`;
    }
    case 'rows': {
      if (expected.limit && result.rowCount > expected.limit) return `The question asks for ${expected.limit} rows at most, but the query returned ${count(result.rowCount)}.`;
      const collapsed = result.rowCount === 1 && profiles.length > 0 && profiles.every((p) => p.role === 'measure');
      return collapsed ? `The question asks for the matching rows themselves, but the query returned a single total (${result.columns.map((c) => c.name).join(', ')}).` : undefined;
    }
    case 'any':
      return undefined;
  }
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}
