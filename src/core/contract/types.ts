/**
 * The wire types, derived from the schemas (schemas.ts) so that they cannot drift from the checks.
 * Type-only: importing this file costs the browser nothing.
 */
import type * as v from 'valibot';
import type * as s from './schemas.js';

/** A visit type an account offers, such as "Urgent Care" (R2). */
export type AccountService = v.InferOutput<typeof s.AccountServiceSchema>;
/**
 * The settings of the account a user belongs to: its Account Services (R2), whether decline notes
 * are enabled (R9), and how long a request waits before it expires (X3), in seconds.
 */
export type Account = v.InferOutput<typeof s.AccountSchema>;
export type User = v.InferOutput<typeof s.UserSchema>;
/** The signed-in user and their account. */
export type Me = v.InferOutput<typeof s.MeSchema>;
/** A provider as requesters see it; `version` grows by one with every change. */
export type Provider = v.InferOutput<typeof s.ProviderSchema>;
/**
 * A session request. Timestamps are ISO 8601 from the server's clock; `sessionId` is the session it
 * became once accepted; `dismissed`: the requester has dismissed the decline or expiry notice (R4);
 * `queuePosition`: while pending, its place among the provider's pending requests, oldest first
 * (1 = next), null once answered or where the backend does not tell.
 */
export type SessionRequest = v.InferOutput<typeof s.SessionRequestSchema>;
export type Participant = v.InferOutput<typeof s.ParticipantSchema>;
export type Session = v.InferOutput<typeof s.SessionSchema>;
/**
 * A message from one participant of an open session to the other, relayed by the server on the
 * other's live stream. Never stored: not part of a snapshot.
 */
export type Signal = v.InferOutput<typeof s.SignalSchema>;
/**
 * Everything the server knows that concerns the signed-in user, at one moment: `seq` is the
 * sequence number of the last live event included; `epoch` changes when the backend's data
 * started over; `serverTime` is the server's clock when it wrote the snapshot.
 */
export type Snapshot = v.InferOutput<typeof s.SnapshotSchema>;
/** What a command changed; the client merges it at once, before the live event arrives. */
export type Changes = v.InferOutput<typeof s.ChangesSchema>;
/** One change pushed by the server. `seq` counts up by one per user's stream, with no gaps. */
export type LiveEvent = v.InferOutput<typeof s.LiveEventSchema>;
export type Heartbeat = v.InferOutput<typeof s.HeartbeatSchema>;
/** The call's ICE servers, TURN credentials included, and when those expire (issue 18 §3). */
export type IceServers = v.InferOutput<typeof s.IceServersSchema>;
export type ErrorBody = v.InferOutput<typeof s.ErrorBodySchema>;

export type RequestSessionBody = v.InferOutput<typeof s.RequestSessionBodySchema>;
export type AcceptBody = v.InferOutput<typeof s.AcceptBodySchema>;
export type DeclineBody = v.InferOutput<typeof s.DeclineBodySchema>;
export type AvailabilityBody = v.InferOutput<typeof s.AvailabilityBodySchema>;
export type SignalBody = v.InferOutput<typeof s.SignalBodySchema>;
