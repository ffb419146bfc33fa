/** What went wrong, said for the person asking: plain words and a next step for executives and
 *  viewers; the technical detail as well for analysts and admins. */
import type { Answer } from '../../../shared/api/domains/chat';
import { roleHas } from '../../../shared/types/permissions';
import type { Role } from '../../../shared/types/auth';

export type AnswerError = NonNullable<Answer['error']>;

interface Explained {
  code: string;
  message: string;
  hint: string;
}

const UNREACHABLE = new Set(['HOST_UNREACHABLE', 'AUTH_FAILED', 'FILE_NOT_FOUND', 'DATABASE_NOT_FOUND', 'SSL_REQUIRED']);

function classify(error: unknown): Explained {
  const named = error as { name?: string; code?: string; message?: string };
  if (named?.name === 'SqlGuardError') {
    return { code: 'SQL_REFUSED', message: 'The query for this question was refused by the safety check, so nothing was run.', hint: 'Rephrase the question, or ask for a specific measure and period.' };
  }
  if (named?.name === 'OfflineRepairError') {
    const hint = (error as { hint?: string }).hint ?? 'Rephrase the question or name the measure and period you need.';
    return { code: 'SOURCE_ERROR', message: 'The database could not run the query for this question, and repairing it without a language model did not work.', hint };
  }
  if (named?.name === 'ConnectorError') {
    if (named.code === 'TIMEOUT') return { code: 'TIMEOUT', message: 'The database took too long to answer.', hint: 'Try a shorter period or fewer breakdowns.' };
    // The source itself is out of reach (server, login, file, database): rephrasing the question cannot help.
    if (named.code && UNREACHABLE.has(named.code)) {
      const hint = (error as { hint?: string }).hint;
      return { code: 'SOURCE_UNAVAILABLE', message: 'The data source cannot be reached right now.', hint: hint ? `${hint} If you cannot change the source, ask an administrator to check it.` : 'Try again in a minute; if it persists, ask an administrator to check the source.' };
    }
    return { code: 'SOURCE_ERROR', message: 'The database could not run the query for this question.', hint: 'Rephrase the question or name the measure and period you need.' };
  }
  return { code: 'INTERNAL', message: 'Something went wrong while answering.', hint: 'Try again; if it keeps happening, tell your administrator.' };
}

export function explainForRole(error: unknown, role: Role): AnswerError {
  const explained = classify(error);
  const technical = roleHas(role, 'sql:see') && error instanceof Error && explained.code !== 'INTERNAL' ? ` (${error.message.slice(0, 300)})` : '';
  return { code: explained.code, message: `${explained.message}${technical}`, hint: explained.hint };
}

export function isCancellation(error: unknown, signal: AbortSignal): boolean {
  const named = error as { name?: string; code?: string };
  return signal.aborted || named?.name === 'AbortError' || (named?.name === 'ConnectorError' && named.code === 'CANCELLED');
}
