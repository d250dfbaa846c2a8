/**
 * The Virtual Clinic's domain: who takes part, what they ask for, and the states a request and a
 * session move through. Plain data only — no Lit, no DOM — so the same types serve the stores,
 * the transports and a host's own backend.
 */

// The wire model comes from the contract's schemas (src/core/contract/), so that the types and the
// checks cannot drift apart; this module re-exports it beside the client's own domain types.
export {
  DECLINE_REASONS,
  LIVE_EVENT_TYPES,
  PARTICIPANT_STATUSES,
  REQUEST_STATUSES,
  ROLES,
  SESSION_STATUSES,
  SIGNAL_TYPES,
  type DeclineReason,
  type LiveEventType,
  type ParticipantStatus,
  type RequestStatus,
  type Role,
  type SessionStatus,
  type SignalType,
} from './contract/constants.js';
export type {
  Account,
  AccountService,
  Changes,
  IceServers,
  LiveEvent,
  Me,
  Participant,
  Provider,
  Session,
  SessionRequest,
  Signal,
  Snapshot,
  User,
} from './contract/types.js';
import type { SignalType } from './contract/constants.js';

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

/** `accept-request:req-7`: what the busy flags and failures of actions are keyed by. */
export function actionKey(action: CommandType, targetId: string): string {
  return `${action}:${targetId}`;
}
