/**
 * The Virtual Clinic's domain: who takes part, what they ask for, and the states a request and a
 * session move through. Plain data only — no Lit, no DOM — so the same types serve the stores,
 * the transports and a host's own backend.
 */

export const ROLES = ['requester', 'provider'] as const;
export type Role = (typeof ROLES)[number];

/** Where a session request stands (SPEC R1–R9, X3). */
export const REQUEST_STATUSES = ['pending', 'accepted', 'declined', 'cancelled', 'expired'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** Why a request was declined: by the provider's hand (R9) or because they were unavailable (R5, R6). */
export const DECLINE_REASONS = ['provider', 'unavailable'] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

/** Where one participant of a session stands (R3, R10). */
export const PARTICIPANT_STATUSES = ['not-arrived', 'in-waiting-room', 'in-meeting', 'left'] as const;
export type ParticipantStatus = (typeof PARTICIPANT_STATUSES)[number];

export const SESSION_STATUSES = ['open', 'ended'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** A visit type an account offers, such as "Urgent Care" (R2). */
export interface AccountService {
  id: string;
  name: string;
}

/** The settings of the account a user belongs to. */
export interface Account {
  id: string;
  name: string;
  /** Account Services a requester of this account chooses from (R2). */
  services: AccountService[];
  /** Whether a provider of this account may send a note with a decline (R9). */
  notesEnabled: boolean;
  /** How long a request waits for an answer before it expires (X3), in seconds. */
  requestTimeoutSeconds: number;
}

export interface User {
  id: string;
  name: string;
  role: Role;
  accountId: string;
}

/** The signed-in user and their account. */
export interface Me {
  user: User;
  account: Account;
}

export interface Provider {
  id: string;
  name: string;
  specialty: string;
  available: boolean;
  /** Whether decline notes are enabled on this provider's account. */
  notesEnabled: boolean;
  /** Grows by one with every change, so that a stale copy never overwrites a newer one. */
  version: number;
}

export interface SessionRequest {
  id: string;
  requesterId: string;
  requesterName: string;
  providerId: string;
  providerName: string;
  serviceId: string | null;
  serviceName: string | null;
  status: RequestStatus;
  /** ISO 8601 timestamps, from the server's clock. */
  createdAt: string;
  updatedAt: string;
  expiresAt: string;
  declineReason: DeclineReason | null;
  declineNote: string | null;
  /** The session the request became once accepted. */
  sessionId: string | null;
  /** The requester has dismissed the decline (or expiry) notice (R4). */
  dismissed: boolean;
  /**
   * While pending: the request's place among those waiting for the same provider, oldest first
   * (1 = next). Null once answered, or where the backend does not tell.
   */
  queuePosition: number | null;
  version: number;
}

export interface Participant {
  userId: string;
  name: string;
  status: ParticipantStatus;
}

export interface Session {
  id: string;
  requestId: string;
  serviceName: string | null;
  status: SessionStatus;
  createdAt: string;
  requester: Participant;
  provider: Participant;
  version: number;
}

/** Everything the server knows that concerns the signed-in user, at one moment (`seq`). */
export interface Snapshot {
  /** The sequence number of the last live event included in this snapshot. */
  seq: number;
  /**
   * Optional: changes when the backend's data started over (a restore, a demo reset), so that the
   * client drops what it holds instead of keeping copies whose versions look newer.
   */
  epoch?: string;
  me: Me;
  providers: Provider[];
  requests: SessionRequest[];
  sessions: Session[];
}

/** What a command changed; the client merges it at once, before the live event arrives. */
export interface Changes {
  providers: Provider[];
  requests: SessionRequest[];
  sessions: Session[];
}

/**
 * What a meeting's signalling message is (X5): `hello` (a participant's call is listening),
 * `offer`, `answer` and `candidate` (WebRTC negotiation), `bye` (a participant's call ended).
 */
export const SIGNAL_TYPES = ['hello', 'offer', 'answer', 'candidate', 'bye'] as const;
export type SignalType = (typeof SIGNAL_TYPES)[number];

/**
 * A message from one participant of an open session to the other, relayed by the server on the
 * other's live stream. Never stored: it is not part of a snapshot, and missing one is the call's
 * business (it says `hello` again), not the state's.
 */
export interface Signal {
  sessionId: string;
  fromUserId: string;
  type: SignalType;
  /** Opaque to the clinic (an SDP description, an ICE candidate …): whatever the meeting adapter sent. */
  payload: unknown;
}

/**
 * The ICE servers a participant's call may use (issue 18 §3), TURN credentials included: short-
 * lived (coturn's `use-auth-secret` scheme), handed to the signed-in user only, never stored.
 */
export interface IceServers {
  /** As `RTCConfiguration.iceServers`: `urls`, and for TURN `username` and `credential`. */
  iceServers: Array<{ urls: string[]; username?: string; credential?: string }>;
  /** When the TURN credentials stop working (ISO 8601): ask again before then. */
  expiresAt: string;
}

export const LIVE_EVENT_TYPES = ['provider', 'request', 'session', 'signal'] as const;
export type LiveEventType = (typeof LIVE_EVENT_TYPES)[number];

/** One change pushed by the server. `seq` counts up by one per user's stream, with no gaps. */
export type LiveEvent =
  | { seq: number; type: 'provider'; provider: Provider }
  | { seq: number; type: 'request'; request: SessionRequest }
  | { seq: number; type: 'session'; session: Session }
  | { seq: number; type: 'signal'; signal: Signal };

/** A command that changes the clinic; each maps to one endpoint of the HTTP contract. */
export type Command =
  | { type: 'request-session'; providerId: string; serviceId: string | null }
  | { type: 'cancel-request'; requestId: string }
  | { type: 'accept-request'; requestId: string; enter: boolean }
  | { type: 'decline-request'; requestId: string; note: string | null }
  | { type: 'dismiss-request'; requestId: string }
  | { type: 'set-availability'; available: boolean }
  | { type: 'enter-session'; sessionId: string }
  | { type: 'leave-session'; sessionId: string }
  | { type: 'send-signal'; sessionId: string; signalType: SignalType; payload: unknown };

export type CommandType = Command['type'];
