/**
 * The rules of a session request (SPEC R1–R9, X3, X4): create, cancel, accept, decline, dismiss,
 * expire. Each is a pure function of the rows it names in its view, the actor, the command and the
 * time; ids are handed in. See README.md for how a shell runs them.
 */
import { MAX_NOTE_LENGTH } from '../core/contract/constants.js';
import type { AcceptBody, DeclineBody, RequestSessionBody } from '../core/contract/types.js';
import { accept, refuse, requestEvents, sessionEvents } from './decision.js';
import { renumber, touched } from './queue.js';
import type { Account, Actor, Decision, Now, ProviderRow, RequestRow, SessionRow } from './types.js';
import { isConnected } from './presence.js';
import { mayReachProvider } from './visibility.js';
import { iso } from './wire.js';

/**
 * What `requestSession` reads: the requester's account and its reach; the provider asked (null when unknown);
 * and that provider's pending requests (`SELECT … WHERE provider_id = $1 AND status = 'pending'
 * FOR UPDATE`), for the one-pending-per-pair rule and the place in line.
 */
export interface RequestSessionView {
  account: Account;
  /** The directory's rule for the requester's account: other accounts it may reach (tenancy; none when left out). */
  reach?: readonly string[];
  provider: ProviderRow | null;
  providerQueue: RequestRow[];
}

/** R1, R2, R5, X3: a requester asks a provider for a session now. */
export function requestSession(
  view: RequestSessionView,
  actor: Actor,
  body: RequestSessionBody,
  now: Now,
  ids: { requestId: string },
): Decision {
  if (actor.role !== 'requester') return refuse('forbidden', 'Only a requester may do that.');
  const provider = view.provider;
  // Tenancy (issue 16.11): a provider the requester may not reach does not exist for them.
  if (!provider || provider.id !== body.providerId || !mayReachProvider(actor, provider, view.reach)) {
    return refuse('not-found', `No provider ${body.providerId}.`);
  }
  // R2: more than one service → must choose; exactly one → implied; none → no service.
  const services = view.account.services;
  let service = services[0] ?? null;
  if (body.serviceId === null) {
    if (services.length > 1) return refuse('service-required', 'Choose one of the account services.');
  } else {
    service = services.find((candidate) => candidate.id === body.serviceId) ?? null;
    if (!service) return refuse('unknown-service', `The account has no service ${body.serviceId}.`);
  }
  const pending = view.providerQueue.filter((row) => row.status === 'pending' && row.providerId === provider.id);
  if (pending.some((row) => row.requesterId === actor.id)) {
    return refuse('duplicate-pending', 'There is already a pending request to this provider.');
  }
  const row: RequestRow = {
    id: ids.requestId,
    requesterId: actor.id,
    requesterName: actor.name,
    providerId: provider.id,
    providerName: provider.name,
    serviceId: service?.id ?? null,
    serviceName: service?.name ?? null,
    status: 'pending',
    createdAt: iso(now),
    updatedAt: iso(now),
    expiresAt: iso(now + view.account.requestTimeoutSeconds * 1000),
    declineReason: null,
    declineNote: null,
    sessionId: null,
    dismissed: false,
    queuePosition: pending.length + 1,
    version: 1,
    visibleToProvider: true,
  };
  if (!provider.available) {
    // R5: declined at once; the provider is never alerted, so the request stays off their stream.
    Object.assign(row, { status: 'declined', declineReason: 'unavailable', queuePosition: null, visibleToProvider: false });
  } else if (!isConnected(provider)) {
    // Presence (issue 16.6): no dashboard of theirs is open, so nobody would answer; declined at
    // once as R5, and the requester is told why.
    Object.assign(row, { status: 'declined', declineReason: 'not-connected', queuePosition: null, visibleToProvider: false });
  }
  return accept(201, { requests: [row] }, requestEvents(row));
}

/**
 * What the commands on one request read: the request (null when unknown) and the other requests
 * still pending for its provider (`FOR UPDATE`), whose places move up when it leaves the queue.
 */
export interface RequestView {
  request: RequestRow | null;
  providerQueue: RequestRow[];
}

/** Accept, decline and cancel only act on a pending request; the 409 says what happened instead. */
function notPending(row: RequestRow): Decision | null {
  if (row.status === 'pending') return null;
  if (row.status === 'cancelled') return refuse('request-cancelled', 'The requester cancelled this request.');
  if (row.status === 'expired') return refuse('request-expired', 'This request expired before it was answered.');
  return refuse('request-already-answered', `This request was already ${row.status}.`);
}

/** A pending request leaves its provider's queue: it changes, those behind it move up. */
function leaveQueue(view: RequestView, changed: RequestRow, now: Now, extra: { sessions?: SessionRow[] } = {}): Decision {
  const rest = view.providerQueue.filter((row) => row.id !== changed.id && row.providerId === changed.providerId);
  const moved = renumber(rest, now);
  const sessions = extra.sessions ?? [];
  return accept(
    200,
    { requests: [changed], sessions },
    [...requestEvents(changed), ...sessions.flatMap(sessionEvents), ...moved.events],
    { requests: moved.rows },
  );
}

/** X3: the requester takes their pending request back. */
export function cancelRequest(view: RequestView, actor: Actor, now: Now): Decision {
  const row = view.request;
  if (!row) return refuse('not-found', 'No such request.');
  if (row.requesterId !== actor.id) return refuse('forbidden', 'Only the requester may cancel this request.');
  return notPending(row) ?? leaveQueue(view, touched(row, { status: 'cancelled' }, now), now);
}

/** R8: the provider asked accepts; a session opens for both (Accept and Enter: the provider is in it). */
export function acceptRequest(view: RequestView, actor: Actor, body: AcceptBody, now: Now, ids: { sessionId: string }): Decision {
  const row = view.request;
  if (!row) return refuse('not-found', 'No such request.');
  if (row.providerId !== actor.id) return refuse('forbidden', 'Only the provider asked may accept this request.');
  const refused = notPending(row);
  if (refused) return refused;
  const session: SessionRow = {
    id: ids.sessionId,
    requestId: row.id,
    serviceName: row.serviceName,
    status: 'open',
    createdAt: iso(now),
    requester: { userId: row.requesterId, name: row.requesterName, status: 'not-arrived' },
    provider: { userId: actor.id, name: actor.name, status: body.enter ? 'in-meeting' : 'not-arrived' },
    version: 1,
  };
  const accepted = touched(row, { status: 'accepted', sessionId: session.id }, now);
  return leaveQueue(view, accepted, now, { sessions: [session] });
}

/** What `declineRequest` reads beyond the request: the provider's account (notes enabled, R9). */
export interface DeclineView extends RequestView {
  account: Account;
}

/** R9: the provider asked declines, with a note where their account allows one. */
export function declineRequest(view: DeclineView, actor: Actor, body: DeclineBody, now: Now): Decision {
  const row = view.request;
  if (!row) return refuse('not-found', 'No such request.');
  if (row.providerId !== actor.id) return refuse('forbidden', 'Only the provider asked may decline this request.');
  const refused = notPending(row);
  if (refused) return refused;
  // An empty (or blank) note counts as none, so a UI may always send its text field.
  const note = body.note === null || body.note.trim() === '' ? null : body.note.trim();
  if (note !== null && !view.account.notesEnabled) return refuse('notes-disabled', 'Decline notes are not enabled on this account.');
  if (note !== null && note.length > MAX_NOTE_LENGTH) {
    return refuse('invalid-input', `A note has at most ${MAX_NOTE_LENGTH} characters.`);
  }
  return leaveQueue(view, touched(row, { status: 'declined', declineReason: 'provider', declineNote: note }, now), now);
}

/** R4: the requester dismisses a decline or expiry notice; dismissing twice changes nothing. */
export function dismissRequest(view: Pick<RequestView, 'request'>, actor: Actor, now: Now): Decision {
  const row = view.request;
  if (!row) return refuse('not-found', 'No such request.');
  if (row.requesterId !== actor.id) return refuse('forbidden', 'Only the requester may dismiss this request.');
  if (row.status === 'pending') return refuse('invalid-input', 'A pending request cannot be dismissed; cancel it instead.');
  if (row.dismissed) return accept(200, { requests: [row] }, []);
  const dismissed = touched(row, { dismissed: true }, now);
  return accept(200, { requests: [dismissed] }, requestEvents(dismissed));
}

/**
 * What `expireRequests` reads: the pending requests of every provider that has one due
 * (`expires_at <= now`), `FOR UPDATE`, so that the queues behind them move up.
 */
export interface ExpiryView {
  pending: RequestRow[];
}

/** X3: every pending request whose time is up expires; the queues behind them move up. */
export function expireRequests(view: ExpiryView, now: Now): Decision {
  const due = view.pending.filter((row) => row.status === 'pending' && Date.parse(row.expiresAt) <= now);
  const expired = due.map((row) => touched(row, { status: 'expired' }, now));
  const left = new Set(due.map((row) => row.id));
  const rest = view.pending.filter((row) => !left.has(row.id));
  const providers = new Set(rest.map((row) => row.providerId));
  const moved = [...providers].map((providerId) => renumber(rest.filter((row) => row.providerId === providerId), now));
  return accept(
    200,
    { requests: expired },
    [...expired.flatMap(requestEvents), ...moved.flatMap((m) => m.events)],
    { requests: moved.flatMap((m) => m.rows) },
  );
}
