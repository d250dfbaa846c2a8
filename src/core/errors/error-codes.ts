import { SERVER_ERROR_CODES, type ServerErrorCode } from '../contract/constants.js';

/**
 * Every reason an action can fail, shared by the server contract and the client. The server
 * answers `{ error: { code, message } }`; the client keeps the code and writes its own message
 * (the server's text is never shown, so a host backend cannot put free text on screen).
 */
export const CLIENT_ERROR_CODES = [
  'network',
  'timeout',
  'bad-payload',
  'signed-out',
  /** The base URL does not answer as a clinic backend (404 on the contract's own paths, not JSON, CORS refused): issue 16.10. */
  'misconfigured',
  /** The host's `getToken` failed; its error is not kept (issue 17.7). */
  'token-unavailable',
  /** The server asked to wait longer than the SDK waits on its own (429 or 503 with a long `Retry-After`, issue 17.6). */
  'service-busy',
] as const;
/** The server's codes (the contract's, src/core/contract/constants.ts) and those the client finds. */
export const ERROR_CODES: readonly ErrorCode[] = [...SERVER_ERROR_CODES, ...CLIENT_ERROR_CODES];
export type ErrorCode = ServerErrorCode | (typeof CLIENT_ERROR_CODES)[number];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** English messages; the elements translate by code through the localization layer. */
export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  'invalid-input': 'Some of the information sent was not valid.',
  unauthorized: 'You are signed out. Sign in again to continue.',
  forbidden: 'You are not allowed to do that.',
  'not-found': 'That item no longer exists.',
  'service-required': 'Choose a service before requesting a session.',
  'unknown-service': 'That service is not offered on your account.',
  'duplicate-pending': 'You already have a pending request with this provider.',
  'request-cancelled': 'This request was cancelled by the requester.',
  'request-expired': 'This request expired before it was answered.',
  'request-already-answered': 'This request has already been answered.',
  'notes-disabled': 'Notes are not enabled on this account.',
  'session-ended': 'This session has ended.',
  'rate-limited': 'Too many attempts. Please wait a moment and try again.',
  'server-error': 'The clinic service had a problem. Please try again.',
  network: 'Cannot reach the clinic service. Check the connection and try again.',
  timeout: 'The clinic service took too long to answer. Please try again.',
  'bad-payload': 'The clinic service sent an answer that could not be read.',
  'signed-out': 'You have been signed out.',
  misconfigured: 'The clinic service is not set up correctly on this page. Contact your administrator.',
  'token-unavailable': 'Your sign-in could not be checked. Reload the page or sign in again.',
  'service-busy': 'The clinic service is busy; try again in a few minutes.',
};
