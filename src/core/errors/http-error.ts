import { ClinicError } from './clinic-error.js';
import { isErrorCode, type ErrorCode } from './error-codes.js';

function codeForStatus(status: number): ErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'server-error';
  return 'invalid-input';
}

/** The server answered with an error status. */
export class HttpError extends ClinicError {
  constructor(status: number, serverCode: unknown, retryAfterSeconds?: number) {
    const code = isErrorCode(serverCode) ? serverCode : codeForStatus(status);
    super(code, { status, retryable: status >= 500 || status === 429, retryAfterSeconds });
    this.name = 'HttpError';
  }
}
