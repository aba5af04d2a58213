import { ERROR_CODES, isErrorCode, type ErrorCode } from './error-codes';

/** Structured detail about what to fix, e.g. one entry per invalid field. */
export interface ErrorDetail {
  field?: string;
  message: string;
}

/**
 * The one error type of CSP Hub's own code. Carries a closed `code`, a message a person can act on,
 * and optional field details. It survives JSON (the workflow journal): match on `code` via
 * `isAppError`, not only `instanceof`.
 */
export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
    /** When the caller may try again (sent as Retry-After); only for retryable codes. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }

  get retryable(): boolean {
    return ERROR_CODES[this.code].retryable;
  }

  toJSON() {
    return { name: this.name, code: this.code, message: this.message, details: this.details };
  }

  /** Rebuilds an AppError from its JSON form (or returns undefined when it is not one). */
  static fromJSON(value: unknown): AppError | undefined {
    if (!isAppError(value)) return undefined;
    return new AppError(value.code, value.message, value.details ?? []);
  }
}

/** True for an AppError instance or its serialised form. */
export function isAppError(value: unknown): value is { code: ErrorCode; message: string; details?: ErrorDetail[] } {
  if (value instanceof AppError) return true;
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return v.name === 'AppError' && isErrorCode(v.code) && typeof v.message === 'string';
}
