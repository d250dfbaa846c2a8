import { ClinicError } from './clinic-error.js';
import { codeForStatus } from '../contract/constants.js';
import { CLIENT_ERROR_CODES, isErrorCode, type ErrorCode } from './error-codes.js';

/** Codes only the client finds; a server that sends one is not believed. */
const CLIENT_CODES: ReadonlySet<ErrorCode> = new Set(CLIENT_ERROR_CODES);

/**
 * The code of an error answer. Authentication is decided by the status alone (issue 17.7): a 401 is
 * `unauthorized` whatever its body says, and no other status is, even with `unauthorized` in the
 * body. Otherwise the body's code is kept where it is one the server may send.
 */
export function codeOfAnswer(status: number, serverCode: unknown): ErrorCode {
  if (status === 401) return 'unauthorized';
  if (isErrorCode(serverCode) && serverCode !== 'unauthorized' && !CLIENT_CODES.has(serverCode)) return serverCode;
  return codeForStatus(status);
}

/** The server answered with an error status. */
export class HttpError extends ClinicError {
  constructor(status: number, serverCode: unknown, retryAfterSeconds?: number) {
    super(codeOfAnswer(status, serverCode), { status, retryable: status >= 500 || status === 429, retryAfterSeconds });
    this.name = 'HttpError';
  }
}
