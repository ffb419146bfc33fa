/** Structured API errors: what every transport returns instead of a stack trace. */

export const API_ERROR_STATUS = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 400,
  UNKNOWN_CALL: 404,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  CANCELLED: 499,
  SQL_REFUSED: 422,
  SOURCE_ERROR: 502,
  TIMEOUT: 504,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;
export type ApiErrorCode = keyof typeof API_ERROR_STATUS;

export interface ApiErrorBody {
  code: ApiErrorCode;
  message: string;
  /** The request field at fault, as a dotted path (`config.port`), when there is one. */
  field?: string;
  /** What the person can do next. */
  hint?: string;
  /** Technical detail for analysts/admins (never a stack trace). */
  detail?: string;
}

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly field?: string;
  readonly hint?: string;
  readonly detail?: string;
  constructor(code: ApiErrorCode, message: string, extra: { field?: string; hint?: string; detail?: string } = {}) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.field = extra.field;
    this.hint = extra.hint;
    this.detail = extra.detail;
  }
  get status(): number {
    return API_ERROR_STATUS[this.code];
  }
  toBody(): ApiErrorBody {
    const body: ApiErrorBody = { code: this.code, message: this.message };
    if (this.field) body.field = this.field;
    if (this.hint) body.hint = this.hint;
    if (this.detail) body.detail = this.detail;
    return body;
  }
  static fromBody(body: ApiErrorBody): ApiError {
    return new ApiError(body.code, body.message, body);
  }
}
