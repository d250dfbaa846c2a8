import { ClinicError } from './clinic-error.js';
import { codeForStatus } from '../contract/constants.js';
import { isErrorCode } from './error-codes.js';

/** The server answered with an error status. */
export class HttpError extends ClinicError {
  constructor(status: number, serverCode: unknown, retryAfterSeconds?: number) {
    const code = isErrorCode(serverCode) ? serverCode : codeForStatus(status);
    super(code, { status, retryable: status >= 500 || status === 429, retryAfterSeconds });
    this.name = 'HttpError';
  }
}
