export { ClinicError, isClinicError, type ClinicErrorOptions } from './clinic-error.js';
export { NetworkError } from './network-error.js';
export { HttpError } from './http-error.js';
export { PayloadError } from './payload-error.js';
export { ERROR_CODES, ERROR_MESSAGES, isErrorCode, type ErrorCode } from './error-codes.js';
