/** The rules of a session: enter, leave (R3, R10) and the meeting's signals (X5). */
import { MAX_SIGNAL_BYTES } from '../core/contract/constants.js';
import type { SignalBody } from '../core/contract/types.js';
import { accept, refuse, sessionEvents } from './decision.js';
import type { Actor, Decision, Participant, SessionRow } from './types.js';

/** What the session commands read: the session (null when unknown), `FOR UPDATE`. */
export interface SessionView {
  session: SessionRow | null;
}

function roleIn(session: SessionRow, actor: Actor): 'requester' | 'provider' | null {
  if (session.requester.userId === actor.id) return 'requester';
  if (session.provider.userId === actor.id) return 'provider';
  return null;
}

function withParticipant(session: SessionRow, side: 'requester' | 'provider', change: Partial<Participant>): SessionRow {
  return { ...session, [side]: { ...session[side], ...change }, version: session.version + 1 };
}

/** R3/R10: the requester enters the waiting room, the provider the meeting; again changes nothing. */
export function enterSession(view: SessionView, actor: Actor): Decision {
  const session = view.session;
  if (!session) return refuse('not-found', 'No such session.');
  const side = roleIn(session, actor);
  if (!side) return refuse('forbidden', 'Only the participants may enter or leave this session.');
  if (session.status === 'ended') return refuse('session-ended', 'This session has ended.');
  const arrived = side === 'requester' ? 'in-waiting-room' : 'in-meeting';
  if (session[side].status === arrived) return accept(200, { sessions: [session] }, []);
  const changed = withParticipant(session, side, { status: arrived });
  return accept(200, { sessions: [changed] }, sessionEvents(changed));
}

/** Leaving marks that participant left and ends the session for both. */
export function leaveSession(view: SessionView, actor: Actor): Decision {
  const session = view.session;
  if (!session) return refuse('not-found', 'No such session.');
  const side = roleIn(session, actor);
  if (!side) return refuse('forbidden', 'Only the participants may enter or leave this session.');
  if (session.status === 'ended') return refuse('session-ended', 'This session has ended.');
  const changed = { ...withParticipant(session, side, { status: 'left' }), status: 'ended' as const };
  return accept(200, { sessions: [changed] }, sessionEvents(changed));
}

/**
 * X5: relays a meeting signal to the session's other participant, as a live event on their stream
 * only; nothing is stored (signals are not in snapshots). `bodyBytes`: the body's size as JSON.
 */
export function sendSignal(view: SessionView, actor: Actor, body: SignalBody, bodyBytes: number): Decision {
  if (bodyBytes > MAX_SIGNAL_BYTES) return refuse('invalid-input', `A signal has at most ${MAX_SIGNAL_BYTES} bytes.`);
  const session = view.session;
  if (!session) return refuse('not-found', 'No such session.');
  const side = roleIn(session, actor);
  if (!side) return refuse('forbidden', 'Only the participants may signal in this session.');
  if (session.status === 'ended') return refuse('session-ended', 'This session has ended.');
  const other = side === 'requester' ? session.provider.userId : session.requester.userId;
  const signal = { sessionId: session.id, fromUserId: actor.id, type: body.type, payload: structuredClone(body.payload) };
  return { ...accept(202, {}, [{ userId: other, event: { type: 'signal', signal } }]) };
}
