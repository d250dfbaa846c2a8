/**
 * The wire contract as schemas, written once (issue 13): the TypeScript wire types, the client's
 * payload checks, the backends' input checks, the contract suite's shape checks and
 * `docs/openapi.yaml` (scripts/build-openapi.ts) all derive from these.
 *
 * Valibot, because the browser pays for what the client imports: its functions tree-shake one by
 * one (about 2.8 KB gzip for every schema below with their checks, against 9 KB for zod/mini and
 * 28 KB for zod; see the commit that chose it). Descriptions for the OpenAPI document live in the
 * generator, not here, so that no prose is shipped to browsers.
 */
import * as v from 'valibot';
import {
  DECLINE_REASONS,
  MAX_ID_LENGTH,
  MAX_IDEMPOTENCY_KEY_LENGTH,
  MAX_NAME_LENGTH,
  MAX_NOTE_LENGTH,
  MAX_TIMESTAMP_LENGTH,
  PARTICIPANT_STATUSES,
  REQUEST_STATUSES,
  ROLES,
  SERVER_ERROR_CODES,
  SESSION_STATUSES,
  SIGNAL_TYPES,
} from './constants.js';

// ---------------------------------------------------------------------------------------------
// Building blocks

export const IdSchema = v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_ID_LENGTH));
export const NameSchema = v.pipe(v.string(), v.maxLength(MAX_NAME_LENGTH));
/** ISO 8601 with a time zone, from the server's clock. */
export const TimestampSchema = v.pipe(v.string(), v.maxLength(MAX_TIMESTAMP_LENGTH), v.isoTimestamp());
const Count = v.pipe(v.number(), v.safeInteger(), v.minValue(0));
/** Grows by one with every change of a resource, so a stale copy never overwrites a newer one. */
export const VersionSchema = v.pipe(v.number(), v.safeInteger(), v.minValue(1));
/** A user's stream position: the seq of their latest live event (0 before any). */
export const SeqSchema = Count;
export const NoteSchema = v.pipe(v.string(), v.maxLength(MAX_NOTE_LENGTH));

export const RoleSchema = v.picklist(ROLES);
export const RequestStatusSchema = v.picklist(REQUEST_STATUSES);
export const DeclineReasonSchema = v.picklist(DECLINE_REASONS);
export const ParticipantStatusSchema = v.picklist(PARTICIPANT_STATUSES);
export const SessionStatusSchema = v.picklist(SESSION_STATUSES);
export const SignalTypeSchema = v.picklist(SIGNAL_TYPES);
export const ErrorCodeSchema = v.picklist(SERVER_ERROR_CODES);

// ---------------------------------------------------------------------------------------------
// Resources

/** A visit type an account offers, such as "Urgent Care" (R2). */
export const AccountServiceSchema = v.object({ id: IdSchema, name: NameSchema });

export const AccountSchema = v.object({
  id: IdSchema,
  name: NameSchema,
  services: v.array(AccountServiceSchema),
  notesEnabled: v.boolean(),
  requestTimeoutSeconds: Count,
});

export const UserSchema = v.object({ id: IdSchema, name: NameSchema, role: RoleSchema, accountId: IdSchema });

export const MeSchema = v.object({ user: UserSchema, account: AccountSchema });

export const ProviderSchema = v.object({
  id: IdSchema,
  name: NameSchema,
  specialty: NameSchema,
  available: v.boolean(),
  notesEnabled: v.boolean(),
  /** Presence (issue 16.6): false once no stream of theirs was open for the grace period; absent: not told. */
  connected: v.optional(v.boolean()),
  version: VersionSchema,
});

export const SessionRequestSchema = v.object({
  id: IdSchema,
  requesterId: IdSchema,
  requesterName: NameSchema,
  providerId: IdSchema,
  providerName: NameSchema,
  serviceId: v.nullable(IdSchema),
  serviceName: v.nullable(NameSchema),
  status: RequestStatusSchema,
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  expiresAt: TimestampSchema,
  declineReason: v.nullable(DeclineReasonSchema),
  declineNote: v.nullable(NoteSchema),
  sessionId: v.nullable(IdSchema),
  dismissed: v.boolean(),
  /** Optional: a backend that does not tell the place in line leaves it out. */
  queuePosition: v.nullish(v.pipe(v.number(), v.safeInteger(), v.minValue(1)), null),
  version: VersionSchema,
});

/** `connected`: presence (issue 16.6), as the provider's; absent: the backend does not tell. */
export const ParticipantSchema = v.object({ userId: IdSchema, name: NameSchema, status: ParticipantStatusSchema, connected: v.optional(v.boolean()) });

export const SessionSchema = v.object({
  id: IdSchema,
  requestId: IdSchema,
  serviceName: v.nullable(NameSchema),
  status: SessionStatusSchema,
  createdAt: TimestampSchema,
  requester: ParticipantSchema,
  provider: ParticipantSchema,
  version: VersionSchema,
});

export const SignalSchema = v.object({
  sessionId: IdSchema,
  fromUserId: IdSchema,
  type: SignalTypeSchema,
  /** Opaque to the clinic (an SDP description, an ICE candidate …); `null` for none, never missing. */
  payload: v.unknown(),
});

export const SnapshotSchema = v.object({
  seq: SeqSchema,
  /** Optional: changes when the backend's data started over (a restore, a demo reset). */
  epoch: v.optional(v.pipe(v.string(), v.maxLength(MAX_NAME_LENGTH))),
  /** Optional: the server's clock when it wrote the snapshot (issue 16.7). */
  serverTime: v.optional(TimestampSchema),
  me: MeSchema,
  providers: v.array(ProviderSchema),
  requests: v.array(SessionRequestSchema),
  sessions: v.array(SessionSchema),
});

/** Every resource a command changed, at its new version (each list required, possibly empty). */
export const ChangesSchema = v.object({
  providers: v.array(ProviderSchema),
  requests: v.array(SessionRequestSchema),
  sessions: v.array(SessionSchema),
});

/** One change on a user's stream (`event: change`); `seq` counts up by one with no gaps. */
export const LiveEventSchema = v.variant('type', [
  v.object({ seq: VersionSchema, type: v.literal('provider'), provider: ProviderSchema }),
  v.object({ seq: VersionSchema, type: v.literal('provider-removed'), providerId: IdSchema }),
  v.object({ seq: VersionSchema, type: v.literal('request'), request: SessionRequestSchema }),
  v.object({ seq: VersionSchema, type: v.literal('session'), session: SessionSchema }),
  v.object({ seq: VersionSchema, type: v.literal('signal'), signal: SignalSchema }),
]);

/**
 * `GET /ice-servers` (issue 18 §3): the STUN and TURN servers for the signed-in participant's call,
 * TURN with short-lived credentials (coturn's `use-auth-secret` scheme), and when they expire.
 */
export const IceServersSchema = v.object({
  iceServers: v.array(
    v.object({
      urls: v.array(v.pipe(v.string(), v.maxLength(500), v.regex(/^(stun|stuns|turn|turns):/))),
      username: v.optional(v.pipe(v.string(), v.maxLength(500))),
      credential: v.optional(v.pipe(v.string(), v.maxLength(500))),
    }),
  ),
  expiresAt: TimestampSchema,
});

/** The data of `event: heartbeat`: the user's latest seq, and the server's clock (issue 16.7). */
export const HeartbeatSchema = v.object({ seq: SeqSchema, serverTime: v.optional(TimestampSchema) });

export const ErrorBodySchema = v.object({ error: v.object({ code: ErrorCodeSchema, message: v.string() }) });

// ---------------------------------------------------------------------------------------------
// Command bodies (what a backend checks before any rule looks at a command)

export const RequestSessionBodySchema = v.object({ providerId: IdSchema, serviceId: v.nullable(IdSchema) });
export const AcceptBodySchema = v.object({ enter: v.boolean() });
/** The note's length is checked after trimming, by the rules (MAX_NOTE_LENGTH). */
export const DeclineBodySchema = v.object({ note: v.nullable(v.string()) });
export const AvailabilityBodySchema = v.object({ available: v.boolean() });
/** At most MAX_SIGNAL_BYTES as JSON. */
export const SignalBodySchema = v.object({ type: SignalTypeSchema, payload: v.unknown() });

export const IdempotencyKeySchema = v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_IDEMPOTENCY_KEY_LENGTH));
