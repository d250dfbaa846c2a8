/**
 * Every constant of the HTTP contract (docs/http-contract.md, docs/openapi.yaml), defined once:
 * the client, the mock, the reference server, the rules and the contract suite import them from
 * here. Plain values only (no schema library), so importing one costs a few bytes.
 */

export const ROLES = ['requester', 'provider'] as const;
export type Role = (typeof ROLES)[number];

/** Where a session request stands (SPEC R1–R9, X3). */
export const REQUEST_STATUSES = ['pending', 'accepted', 'declined', 'cancelled', 'expired'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/**
 * Why a request was declined: by the provider's hand (R9), because they were unavailable (R5, R6),
 * or because no dashboard of theirs was open (`not-connected`: presence, issue 16.6).
 */
export const DECLINE_REASONS = ['provider', 'unavailable', 'not-connected'] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

/** Where one participant of a session stands (R3, R10). */
export const PARTICIPANT_STATUSES = ['not-arrived', 'in-waiting-room', 'in-meeting', 'left'] as const;
export type ParticipantStatus = (typeof PARTICIPANT_STATUSES)[number];

export const SESSION_STATUSES = ['open', 'ended'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/**
 * What a meeting's signalling message is (X5): `hello` (a participant's call is listening),
 * `offer`, `answer` and `candidate` (WebRTC negotiation), `bye` (a participant's call ended).
 */
export const SIGNAL_TYPES = ['hello', 'offer', 'answer', 'candidate', 'bye'] as const;
export type SignalType = (typeof SIGNAL_TYPES)[number];

/** `provider-removed`: a provider left the user's sight (a tenancy rule that reaches less, issue 14). */
export const LIVE_EVENT_TYPES = ['provider', 'provider-removed', 'request', 'session', 'signal'] as const;
export type LiveEventType = (typeof LIVE_EVENT_TYPES)[number];

// ---------------------------------------------------------------------------------------------
// Limits

/** A decline note has at most this many characters after trimming (R9); a longer one is refused. */
export const MAX_NOTE_LENGTH = 500;
/** Ids (of users, providers, requests, sessions, services, accounts): 1–200 characters. */
export const MAX_ID_LENGTH = 200;
/** Names (of people, providers, services, accounts) and specialties: at most 200 characters. */
export const MAX_NAME_LENGTH = 200;
/** An ISO 8601 timestamp on the wire: at most 40 characters. */
export const MAX_TIMESTAMP_LENGTH = 40;
/** An `Idempotency-Key` header: 1–255 characters. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;
/** How long a backend keeps an idempotent answer for a replay, in ms (24 h). */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/** A signal's request body, as JSON: at most 64 KB (an SDP offer is a few KB). */
export const MAX_SIGNAL_BYTES = 64 * 1024;
/** A backend sends a heartbeat on every open stream at least this often, in ms. */
export const HEARTBEAT_INTERVAL_MS = 10_000;
/**
 * A backend writes the first chunk of `GET /events` (a comment line or the first event) within
 * this time, in ms (issue 16.1): proxies pass a response on only once its first byte exists.
 */
export const FIRST_CHUNK_MS = 1000;
/**
 * Presence (issue 16.6): a user none of whose event streams has been open for this long, in ms,
 * counts as gone (`connected: false`): a provider is shown as not reachable right now and a new
 * request to them is declined at once (`not-connected`); a participant of an open session is
 * shown as disconnected. A stream that opens again makes them connected at once. The default of
 * a backend's grace period (the mock's `presenceGraceMs`, the server's `PRESENCE_GRACE_SECONDS`).
 */
export const PRESENCE_GRACE_MS = 15_000;

// ---------------------------------------------------------------------------------------------
// Errors

/**
 * The codes a backend answers in `{ "error": { "code", "message" } }`, with the HTTP status each
 * one comes with. The client adds its own codes (src/core/errors/error-codes.ts).
 */
export const STATUS_OF_ERROR = {
  'invalid-input': 400,
  'service-required': 400,
  'unknown-service': 400,
  'notes-disabled': 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  'duplicate-pending': 409,
  'request-cancelled': 409,
  'request-expired': 409,
  'request-already-answered': 409,
  'session-ended': 409,
  'rate-limited': 429,
  'server-error': 500,
} as const;
export type ServerErrorCode = keyof typeof STATUS_OF_ERROR;
export const SERVER_ERROR_CODES = Object.keys(STATUS_OF_ERROR) as ServerErrorCode[];

/** The code a bare HTTP status stands for, where the body gives none (or for an injected failure). */
export function codeForStatus(status: number): ServerErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'server-error';
  return 'invalid-input';
}
