import { ERROR_MESSAGES, type ErrorCode } from './error-codes.js';

const brand = Symbol.for('virtual-clinic.error');

export interface ClinicErrorOptions {
  /** HTTP status where the server answered. */
  status?: number;
  /** Whether trying the same command again may succeed. */
  retryable?: boolean;
  /** Seconds the server asked us to wait (429, 503). */
  retryAfterSeconds?: number;
  cause?: unknown;
}

/**
 * The base of every error the SDK reports. Its message is human-readable English chosen by code;
 * it never carries a token, a name or a note.
 */
export class ClinicError extends Error {
  readonly code: ErrorCode;
  readonly status: number | undefined;
  readonly retryable: boolean;
  readonly retryAfterSeconds: number | undefined;
  readonly [brand] = true;

  constructor(code: ErrorCode, options: ClinicErrorOptions = {}) {
    super(ERROR_MESSAGES[code], options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ClinicError';
    this.code = code;
    this.status = options.status;
    this.retryable = options.retryable ?? false;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** True for any SDK error, even one made by another copy of the SDK or in another frame. */
export function isClinicError(value: unknown): value is ClinicError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true;
}
