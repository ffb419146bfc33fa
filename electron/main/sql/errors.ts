/** Why the SQL guard refused a statement. Codes are stable (the CLI and API surface them). */
export type SqlGuardErrorCode =
  | 'SQL_EMPTY'
  | 'SQL_TOO_LONG'
  | 'SQL_TOO_COMPLEX'
  | 'SQL_TOO_EXPENSIVE'
  | 'SQL_INVALID_CHARACTERS'
  | 'SQL_FORBIDDEN_SYNTAX'
  | 'SQL_PARSE_ERROR'
  | 'SQL_NOT_SELECT'
  | 'SQL_MULTIPLE_STATEMENTS'
  | 'SQL_WRITE'
  | 'SQL_FORBIDDEN_FUNCTION'
  | 'SQL_FORBIDDEN_TABLE'
  | 'SQL_INVALID_OPTIONS'
  | 'SQL_RENDER_FAILED';

export class SqlGuardError extends Error {
  constructor(
    public readonly code: SqlGuardErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SqlGuardError';
  }
}

export function isSqlGuardError(value: unknown): value is SqlGuardError {
  return value instanceof SqlGuardError;
}
