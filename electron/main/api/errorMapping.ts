import { ZodError } from 'zod';
import { ApiError, type ApiErrorCode } from '../../../shared/api/errors';

/** Errors thrown by services, recognised by name so services need not import the API layer. */
const BY_NAME: Record<string, ApiErrorCode> = {
  NotFoundError: 'NOT_FOUND',
  ConflictError: 'CONFLICT',
  ForbiddenError: 'FORBIDDEN',
  SqlGuardError: 'SQL_REFUSED',
  ConnectorError: 'SOURCE_ERROR',
  AbortError: 'CANCELLED',
  AuthError: 'UNAUTHENTICATED',
  RateLimitError: 'RATE_LIMITED',
  ValidationError: 'VALIDATION_FAILED',
  StoreInputError: 'VALIDATION_FAILED',
  ConfigError: 'VALIDATION_FAILED',
};

const CONNECTOR_CODES: Record<string, ApiErrorCode> = { TIMEOUT: 'TIMEOUT', CANCELLED: 'CANCELLED', INVALID_CONFIG: 'VALIDATION_FAILED', UNKNOWN_SOURCE_TYPE: 'VALIDATION_FAILED' };

export function zodToApiError(error: ZodError, what = 'request'): ApiError {
  const issue = error.issues[0];
  const field = issue?.path.map(String).join('.') || undefined;
  const unknownKeys = issue?.code === 'unrecognized_keys' ? (issue as { keys?: string[] }).keys : undefined;
  const message = unknownKeys
    ? `Unknown field${unknownKeys.length > 1 ? 's' : ''} in the ${what}: ${unknownKeys.join(', ')}.`
    : `Invalid ${what}${field ? ` field "${field}"` : ''}: ${issue?.message ?? 'invalid value'}.`;
  return new ApiError('VALIDATION_FAILED', message, { field: unknownKeys ? unknownKeys[0] : field, hint: 'Correct the highlighted field and try again.' });
}

/** Turns anything thrown by a handler into a structured ApiError (never a stack trace). */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof ZodError) return zodToApiError(error);
  if (error instanceof Error) {
    const named = BY_NAME[error.name];
    if (named) {
      const extra = error as Error & { code?: string; hint?: string; field?: string };
      const code = error.name === 'ConnectorError' && extra.code ? CONNECTOR_CODES[extra.code] ?? named : named;
      return new ApiError(code, error.message, { hint: extra.hint, field: extra.field, detail: extra.code });
    }
  }
  return new ApiError('INTERNAL', 'Something went wrong on our side.', { hint: 'Try again; if it keeps happening, send the log file to your administrator.' });
}
