/** Small builders for decisions, so each rule reads as the rule. */
import { STATUS_OF_ERROR, type ServerErrorCode } from '../core/contract/constants.js';
import type { Accepted, AudienceEvent, ProviderRow, Refused, RequestRow, SessionRow, Upserts } from './types.js';
import { toWireProvider, toWireRequest } from './wire.js';

export function refuse(code: ServerErrorCode, message: string): Refused {
  return { ok: false, status: STATUS_OF_ERROR[code], code, message };
}

/**
 * An accepted command. `answer` lists what the caller's answer carries (the rows the command itself
 * changed); `also` lists rows changed on the side (a queue that moved up), written but not answered.
 */
export function accept(
  status: Accepted['status'],
  answer: Partial<Upserts>,
  events: AudienceEvent[],
  also: Partial<Upserts> = {},
): Accepted {
  const upserts: Upserts = {
    providers: [...(answer.providers ?? []), ...(also.providers ?? [])],
    requests: [...(answer.requests ?? []), ...(also.requests ?? [])],
    sessions: [...(answer.sessions ?? []), ...(also.sessions ?? [])],
  };
  return {
    ok: true,
    status,
    answer: {
      providers: (answer.providers ?? []).map(toWireProvider),
      requests: (answer.requests ?? []).map(toWireRequest),
      sessions: (answer.sessions ?? []).map((s: SessionRow) => structuredClone(s)),
    },
    upserts,
    events,
  };
}

/** The events of a changed request: to its requester, and to its provider unless R5 hid it. */
export function requestEvents(row: RequestRow): AudienceEvent[] {
  const audience = row.visibleToProvider ? [row.requesterId, row.providerId] : [row.requesterId];
  return audience.map((userId) => ({ userId, event: { type: 'request', request: toWireRequest(row) } }));
}

export function sessionEvents(session: SessionRow): AudienceEvent[] {
  return [session.requester.userId, session.provider.userId].map((userId) => ({
    userId,
    event: { type: 'session', session: structuredClone(session) },
  }));
}

export function providerEvents(row: ProviderRow, audience: readonly string[]): AudienceEvent[] {
  return audience.map((userId) => ({ userId, event: { type: 'provider', provider: toWireProvider(row) } }));
}
