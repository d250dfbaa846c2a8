/**
 * The shapes the clinic's rules speak (src/rules/README.md): the rows a command reads, what it
 * decides, and the events it sends to whom. Rows are the wire resources plus the few facts a
 * server keeps and never sends.
 */
import type { ServerErrorCode } from '../core/contract/constants.js';
import type { Account, Changes, LiveEvent, Provider, Session, SessionRequest, User } from '../core/contract/types.js';

/** The authenticated user a command comes from (role and account from the directory). */
export type Actor = User;

/** A provider as stored: the wire resource and the account they belong to (tenancy, issue 16.11). */
export interface ProviderRow extends Provider {
  accountId: string;
}

/** A request as stored: the wire resource and whether its provider ever hears of it (R5: never). */
export interface RequestRow extends SessionRequest {
  visibleToProvider: boolean;
}

/** A session as stored is its wire resource. */
export type SessionRow = Session;

/** A live event before its user's log gives it a `seq`. */
export type LiveEventBody = LiveEvent extends infer E ? (E extends LiveEvent ? Omit<E, 'seq'> : never) : never;

/** One event for one user's log: the shell appends it and gives it the next `seq` of that log. */
export interface AudienceEvent {
  userId: string;
  event: LiveEventBody;
}

/** Whole rows to write, each at its new version (insert or update by id). */
export interface Upserts {
  providers: ProviderRow[];
  requests: RequestRow[];
  sessions: SessionRow[];
}

/** A command the rules allowed: what to write, whom to tell, and what to answer the caller. */
export interface Accepted {
  ok: true;
  /** The HTTP status of the answer (200, 201 or 202). */
  status: 200 | 201 | 202;
  /** The answer's body: the wire resources the command changed, as the caller may see them. */
  answer: Changes;
  upserts: Upserts;
  /** In order; one user's events keep their order in that user's log. */
  events: AudienceEvent[];
}

/** A command the rules refused: nothing is written, the caller gets the contract's error. */
export interface Refused {
  ok: false;
  status: number;
  code: ServerErrorCode;
  /** For logs only; clients show their own text for the code. */
  message: string;
}

export type Decision = Accepted | Refused;

/** The time of a command, in ms since the epoch, read once by the shell. */
export type Now = number;

export type { Account, Changes, Participant, Provider, Session, SessionRequest } from '../core/contract/types.js';
