/**
 * The commands of the HTTP contract: one transaction each, around the shared rules (src/rules/).
 *
 *   BEGIN
 *   the Idempotency-Key: a stored answer is replayed byte for byte (another body → invalid-input)
 *   load the rule's view, rows locked (provider → queue → request; or the session)
 *   requests already due expire first (expireRequests), exactly as the sweep would
 *   decide (the rule) → write the upserts, append the events to each user's log, NOTIFY
 *   store the answer under the key, audit (ids and outcomes only)
 *   COMMIT → wake this node's streams
 *
 * A refusal is an answer too (stored, so a retry cannot turn a 409 into a success) and writes
 * nothing else. Bodies are checked against the contract's schemas before any rule sees them.
 */
import { createHash, randomUUID } from 'node:crypto';
import type pg from 'pg';
import * as v from 'valibot';
import {
  AcceptBodySchema,
  AvailabilityBodySchema,
  DeclineBodySchema,
  IdempotencyKeySchema,
  RequestSessionBodySchema,
  SignalBodySchema,
  issuePath,
} from '@virtual-clinic/sdk/contract';
import {
  acceptRequest,
  cancelRequest,
  declineRequest,
  dismissRequest,
  enterSession,
  expireRequests,
  leaveSession,
  requestSession,
  sendSignal,
  setAvailability,
  type Accepted,
  type Decision,
  type RequestRow,
  type RequestView,
} from '@virtual-clinic/sdk/rules';
import type { Database } from './db/database.js';
import { accountMembers, findAccount, reachOf, type Member } from './db/directory.js';
import { appendEvents } from './db/events.js';
import { lockProvider, lockQueue, lockRequest, lockSession, providerOfRequest, writeUpserts } from './db/rows.js';
import { ApiError, errorBody } from './http/api-error.js';
import type { Notifier } from './live/notifier.js';

type Tx = pg.PoolClient;

export interface CommandInput {
  actor: Member;
  params: Record<string, string>;
  body: unknown;
  bodyBytes: number;
  now: number;
}

export interface CommandSpec {
  /** For metrics and the audit table. */
  name: string;
  method: 'POST' | 'PUT';
  url: string;
  /** The contract's schema of the body; null for commands without one. */
  schema: v.GenericSchema | null;
  /** Loads the view (locked) and decides; may return decisions applied before the final one. */
  decide(tx: Tx, input: CommandInput): Promise<{ before: Accepted[]; decision: Decision; target: string | null }>;
}

/** Requests of the queue already due expire before the command reads them (as the mock does). */
function expireDue(queue: RequestRow[], now: number): { queue: RequestRow[]; before: Accepted[] } {
  if (!queue.some((row) => Date.parse(row.expiresAt) <= now)) return { queue, before: [] };
  const expiry = expireRequests({ pending: queue }, now);
  if (!expiry.ok) return { queue, before: [] };
  const changed = new Map(expiry.upserts.requests.map((row) => [row.id, row]));
  return { queue: queue.map((row) => changed.get(row.id) ?? row), before: [expiry] };
}

/** Locks a request's provider and queue, then the request, and expires what is due. */
async function requestView(tx: Tx, requestId: string, now: number): Promise<{ view: RequestView; before: Accepted[] }> {
  const providerId = await providerOfRequest(tx, requestId);
  if (providerId === null) return { view: { request: null, providerQueue: [] }, before: [] };
  await lockProvider(tx, providerId);
  const locked = await lockQueue(tx, providerId);
  const { queue, before } = expireDue(locked, now);
  const request = queue.find((row) => row.id === requestId) ?? (await lockRequest(tx, requestId));
  return { view: { request, providerQueue: queue }, before };
}

export const COMMANDS: CommandSpec[] = [
  {
    name: 'request-session',
    method: 'POST',
    url: '/api/requests',
    schema: RequestSessionBodySchema,
    async decide(tx, { actor, body, now }) {
      const b = body as v.InferOutput<typeof RequestSessionBodySchema>;
      const account = await findAccount(tx, actor.accountId);
      const provider = await lockProvider(tx, b.providerId);
      const locked = provider ? await lockQueue(tx, provider.id) : [];
      const { queue, before } = expireDue(locked, now);
      const decision = requestSession(
        { account: account!, reach: await reachOf(tx, actor.accountId), provider, providerQueue: queue.filter((row) => row.status === 'pending') },
        actor,
        b,
        now,
        { requestId: `request-${randomUUID()}` },
      );
      return { before, decision, target: b.providerId };
    },
  },
  {
    name: 'cancel-request',
    method: 'POST',
    url: '/api/requests/:id/cancel',
    schema: null,
    async decide(tx, { actor, params, now }) {
      const { view, before } = await requestView(tx, params.id!, now);
      return { before, decision: cancelRequest(pendingOnly(view), actor, now), target: params.id! };
    },
  },
  {
    name: 'accept-request',
    method: 'POST',
    url: '/api/requests/:id/accept',
    schema: AcceptBodySchema,
    async decide(tx, { actor, params, body, now }) {
      const { view, before } = await requestView(tx, params.id!, now);
      const decision = acceptRequest(pendingOnly(view), actor, body as v.InferOutput<typeof AcceptBodySchema>, now, { sessionId: `session-${randomUUID()}` });
      return { before, decision, target: params.id! };
    },
  },
  {
    name: 'decline-request',
    method: 'POST',
    url: '/api/requests/:id/decline',
    schema: DeclineBodySchema,
    async decide(tx, { actor, params, body, now }) {
      const { view, before } = await requestView(tx, params.id!, now);
      const account = await findAccount(tx, actor.accountId);
      const decision = declineRequest({ ...pendingOnly(view), account: account! }, actor, body as v.InferOutput<typeof DeclineBodySchema>, now);
      return { before, decision, target: params.id! };
    },
  },
  {
    name: 'dismiss-request',
    method: 'POST',
    url: '/api/requests/:id/dismiss',
    schema: null,
    async decide(tx, { actor, params, now }) {
      const { view, before } = await requestView(tx, params.id!, now);
      return { before, decision: dismissRequest(view, actor, now), target: params.id! };
    },
  },
  {
    name: 'set-availability',
    method: 'PUT',
    url: '/api/availability',
    schema: AvailabilityBodySchema,
    async decide(tx, { actor, body, now }) {
      const provider = actor.role === 'provider' ? await lockProvider(tx, actor.id) : null;
      const locked = provider ? await lockQueue(tx, provider.id) : [];
      const { queue, before } = expireDue(locked, now);
      const audience = provider ? await accountMembers(tx, provider.accountId) : [];
      const decision = setAvailability(
        { provider, pending: queue.filter((row) => row.status === 'pending'), audience },
        actor,
        body as v.InferOutput<typeof AvailabilityBodySchema>,
        now,
      );
      return { before, decision, target: actor.id };
    },
  },
  {
    name: 'enter-session',
    method: 'POST',
    url: '/api/sessions/:id/enter',
    schema: null,
    async decide(tx, { actor, params }) {
      return { before: [], decision: enterSession({ session: await lockSession(tx, params.id!) }, actor), target: params.id! };
    },
  },
  {
    name: 'leave-session',
    method: 'POST',
    url: '/api/sessions/:id/leave',
    schema: null,
    async decide(tx, { actor, params }) {
      return { before: [], decision: leaveSession({ session: await lockSession(tx, params.id!) }, actor), target: params.id! };
    },
  },
  {
    name: 'send-signal',
    method: 'POST',
    url: '/api/sessions/:id/signal',
    schema: SignalBodySchema,
    async decide(tx, { actor, params, body, bodyBytes }) {
      // A share lock: signals of one session need no queue, only a session that stays open.
      const { rows } = await tx.query<{ doc: import('@virtual-clinic/sdk/rules').SessionRow }>('SELECT doc FROM sessions WHERE id = $1 FOR SHARE', [params.id]);
      const decision = sendSignal({ session: rows[0]?.doc ?? null }, actor, body as v.InferOutput<typeof SignalBodySchema>, bodyBytes);
      if (decision.ok) {
        const event = decision.events[0]!.event as { signal: { type: string; payload: unknown } };
        await tx.query('INSERT INTO signals (session_id, from_user_id, to_user_id, type, payload) VALUES ($1, $2, $3, $4, $5)', [
          params.id,
          actor.id,
          decision.events[0]!.userId,
          event.signal.type,
          JSON.stringify(event.signal.payload ?? null),
        ]);
      }
      return { before: [], decision, target: params.id! };
    },
  },
];

/** The rules read a queue of pending requests; one that expired just now has left it. */
function pendingOnly(view: RequestView): RequestView {
  return { request: view.request, providerQueue: view.providerQueue.filter((row) => row.status === 'pending') };
}

export interface Answer {
  status: number;
  body: string;
  replayed: boolean;
  outcome: string;
}

/** Parses and checks a body against the contract's schema: `invalid-input` names the field. */
export function parseBody(schema: v.GenericSchema | null, text: string): unknown {
  if (schema === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ApiError(400, 'invalid-input', 'The body is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ApiError(400, 'invalid-input', 'The body must be a JSON object.');
  const result = v.safeParse(schema, value);
  if (!result.success) throw new ApiError(400, 'invalid-input', `The body is not valid at ${issuePath('body', result.issues)}.`);
  return result.output;
}

export function checkIdempotencyKey(header: string | string[] | undefined): string {
  const key = Array.isArray(header) ? header[0] : header;
  if (!v.is(IdempotencyKeySchema, key)) throw new ApiError(400, 'invalid-input', 'Every command needs an Idempotency-Key header (1–255 characters).');
  return key;
}

export function createCommandRunner(db: Database, notifier: Notifier, options: { nodeId: string; idempotencyTtlHours: number }) {
  /**
   * Runs one command to its answer. Throws ApiError for input that never reaches the rules
   * (nothing is stored for those), or a database error (the caller answers 503).
   */
  return async function runCommand(spec: CommandSpec, actor: Member, params: Record<string, string>, bodyText: string, key: string): Promise<Answer> {
    const path = spec.url.replace(/:id/, params.id ?? '');
    const hash = createHash('sha256').update(`${spec.method} ${path}\n${bodyText}`).digest('hex');
    for (let attempt = 1; ; attempt++) {
      let woken: string[] = [];
      try {
        const answer = await db.transaction(async (tx) => {
          const stored = await tx.query<{ request_hash: string; status: number; body: string }>(
            'SELECT request_hash, status, body FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND expires_at > now()',
            [actor.id, key],
          );
          const prior = stored.rows[0];
          if (prior) {
            if (prior.request_hash !== hash) throw new ApiError(400, 'invalid-input', 'This Idempotency-Key was already used for a different command.');
            return { status: prior.status, body: prior.body, replayed: true, outcome: 'replayed' };
          }
          // Checked after the replay look-up: a replay answers as the first time did.
          const body = parseBody(spec.schema, bodyText);
          const now = Date.now();
          const { before, decision, target } = await spec.decide(tx, { actor, params, body, bodyBytes: Buffer.byteLength(bodyText), now });
          const applied = [...before, ...(decision.ok ? [decision] : [])];
          for (const step of applied) await writeUpserts(tx, step.upserts);
          const events = applied.flatMap((step) => step.events);
          woken = await appendEvents(tx, events as never);
          await notifier.notifyInTransaction(tx, woken);
          const answer: Answer = decision.ok
            ? { status: decision.status, body: JSON.stringify(decision.answer), replayed: false, outcome: 'ok' }
            : { status: decision.status, body: errorBody(decision.code, decision.message), replayed: false, outcome: decision.code };
          await tx.query(
            `INSERT INTO idempotency_keys (user_id, key, request_hash, status, body, expires_at)
             VALUES ($1, $2, $3, $4, $5, now() + make_interval(hours => $6))`,
            [actor.id, key, hash, answer.status, answer.body, options.idempotencyTtlHours],
          );
          await tx.query('INSERT INTO audit (user_id, command, target_id, status, outcome, node) VALUES ($1, $2, $3, $4, $5, $6)', [
            actor.id,
            spec.name,
            target,
            answer.status,
            answer.outcome,
            options.nodeId,
          ]);
          return answer;
        });
        notifier.committed(woken);
        return answer;
      } catch (error) {
        // The same key racing itself (a retry sent before the first answer came back): the loser
        // waited on the key's row, failed on its primary key, rolled back; now it replays.
        const e = error as { code?: string; constraint?: string };
        if (e.code === '23505' && attempt < 3) continue;
        throw error;
      }
    }
  };
}

export type RunCommand = ReturnType<typeof createCommandRunner>;
