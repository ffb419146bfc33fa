/** Errors the store raises. Each has a stable `code` the API layer maps to a structured error. */

export class NotFoundError extends Error {
  readonly code = 'NOT_FOUND';
  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    super(`No ${entity} with id "${id}" exists in your organization, or you are not a member of its project.`);
    this.name = 'NotFoundError';
  }
}

export class ConflictError extends Error {
  readonly code = 'CONFLICT';
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

export class StoreInputError extends Error {
  readonly code = 'INVALID_INPUT';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'StoreInputError';
  }
}

export class StoreConfigError extends Error {
  readonly code = 'STORE_CONFIG';
  constructor(message: string) {
    super(message);
    this.name = 'StoreConfigError';
  }
}

/** Checks an enum-like input and names the allowed values when it is wrong. */
export function assertOneOf<T extends string>(field: string, value: string, allowed: readonly T[]): asserts value is T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new StoreInputError(field, `${field} must be one of ${allowed.join(', ')}; got "${value}".`);
  }
}

export function assertNonEmpty(field: string, value: string | undefined | null): asserts value is string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new StoreInputError(field, `${field} is required and must not be empty.`);
  }
}

export function assertJsonObject(field: string, value: unknown): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new StoreInputError(field, `${field} must be a JSON object.`);
  }
}

export function assertFiniteNumber(field: string, value: unknown, options: { min?: number; max?: number; integer?: boolean } = {}): void {
  const { min, max, integer } = options;
  const ok = typeof value === 'number' && Number.isFinite(value) && (!integer || Number.isInteger(value))
    && (min === undefined || value >= min) && (max === undefined || value <= max);
  if (!ok) {
    const range = [min === undefined ? '' : ` ≥ ${min}`, max === undefined ? '' : ` ≤ ${max}`].filter(Boolean).join(' and');
    throw new StoreInputError(field, `${field} must be ${integer ? 'an integer' : 'a number'}${range}; got ${JSON.stringify(value)}.`);
  }
}
