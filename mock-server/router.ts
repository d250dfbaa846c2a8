/**
 * The mock's routing: from an HTTP request of the contract to a rule (src/rules/) and back.
 * Authentication, body checks (the contract's schemas), idempotency keys and the answer's shape
 * live here; what a command does lives in the rules.
 */
import { IDEMPOTENCY_TTL_MS } from '../src/core/contract/constants.js';
import {
  AcceptBodySchema,
  AvailabilityBodySchema,
  DeclineBodySchema,
  IdempotencyKeySchema,
  RequestSessionBodySchema,
  SignalBodySchema,
} from '../src/core/contract/schemas.js';
import type { User } from '../src/core/contract/types.js';
import * as rules from '../src/rules/index.js';
import type { Decision } from '../src/rules/index.js';
import * as v from 'valibot';
import type { EventLog } from './event-log.js';
import { ApiError, errorBody, jsonResponse, parseBody } from './http.js';
import type { Store } from './store.js';

/** What an Idempotency-Key replays. */
interface StoredAnswer {
  /** Method, path and body of the first command. */
  fingerprint: string;
  status: number;
  body: string;
  storedAt: number;
}

export function createRouter(deps: { store: Store; log: EventLog; now: () => number; tokens: Readonly<Record<string, string>> }) {
  const { store, log, now } = deps;
  let answers = new Map<string, StoredAnswer>();

  /** Applies an accepted decision (write, then append the events), or turns a refusal into an ApiError. */
  function apply(decision: Decision): readonly [number, string] {
    if (!decision.ok) throw new ApiError(decision.code, decision.message);
    store.write(decision.upserts);
    log.append(decision.events);
    return [decision.status, JSON.stringify(decision.answer)];
  }

  /** X3: every pending request whose time is up expires (checked on every call and by a timer). */
  function expireDue() {
    const view = store.expiryView(now());
    if (view) apply(rules.expireRequests(view, now()));
  }

  /** Presence (issue 16.6): the user's streams came back (`true`) or stayed gone for the grace period. */
  function setPresence(userId: string, connected: boolean) {
    apply(rules.setPresence(store.presenceView(userId), userId, connected));
  }

  function authenticate(request: Request): User {
    const header = request.headers.get('Authorization') ?? '';
    const token = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
    const userId = token === undefined ? undefined : Object.hasOwn(deps.tokens, token) ? deps.tokens[token] : undefined;
    const user = userId === undefined ? undefined : store.userOf(userId);
    if (!user) throw new ApiError('unauthorized', 'A valid bearer token is required.');
    return user;
  }

  /** One command (POST/PUT) for the caller: the rule it maps to, with its view. */
  function runCommand(user: User, method: string, path: string[], bodyText: string): readonly [number, string] {
    const [collection, id = '', action] = path;
    const time = now();
    if (method === 'POST' && collection === 'requests' && path.length === 1) {
      const body = parseBody(RequestSessionBodySchema, bodyText);
      return apply(rules.requestSession(store.requestSessionView(user, body.providerId), user, body, time, { requestId: store.nextRequestId() }));
    }
    if (method === 'PUT' && collection === 'availability' && path.length === 1) {
      return apply(rules.setAvailability(store.availabilityView(user), user, parseBody(AvailabilityBodySchema, bodyText), time));
    }
    if (method === 'POST' && collection === 'requests' && path.length === 3) {
      if (action === 'cancel') return apply(rules.cancelRequest(store.requestView(id), user, time));
      if (action === 'dismiss') return apply(rules.dismissRequest(store.requestView(id), user, time));
      if (action === 'accept') {
        const body = parseBody(AcceptBodySchema, bodyText);
        return apply(rules.acceptRequest(store.requestView(id), user, body, time, { sessionId: store.nextSessionId() }));
      }
      if (action === 'decline') return apply(rules.declineRequest(store.declineView(id, user), user, parseBody(DeclineBodySchema, bodyText), time));
    }
    if (method === 'POST' && collection === 'sessions' && path.length === 3) {
      if (action === 'enter') return apply(rules.enterSession(store.sessionView(id), user));
      if (action === 'leave') return apply(rules.leaveSession(store.sessionView(id), user));
      if (action === 'signal') {
        const body = parseBody(SignalBodySchema, bodyText);
        return apply(rules.sendSignal(store.sessionView(id), user, body, new TextEncoder().encode(bodyText).length));
      }
    }
    throw new ApiError('not-found', `No endpoint ${method} /${path.join('/')}.`);
  }

  /**
   * A command with its Idempotency-Key: a replay gets the first answer, byte for byte, and changes
   * nothing. Everything after the body is read runs without awaiting, so two copies of one command
   * racing each other still apply once.
   */
  async function answerCommand(request: Request, user: User, path: string[]): Promise<Response> {
    const key = request.headers.get('Idempotency-Key');
    if (!v.is(IdempotencyKeySchema, key)) {
      throw new ApiError('invalid-input', 'Every command needs an Idempotency-Key header (1–255 characters).');
    }
    const bodyText = await request.text();
    expireDue();
    const oldest = now() - IDEMPOTENCY_TTL_MS;
    for (const [stored, answer] of answers) if (answer.storedAt < oldest) answers.delete(stored);
    const fingerprint = `${request.method} /${path.join('/')} ${bodyText}`;
    const storeKey = `${user.id} ${key}`;
    const stored = answers.get(storeKey);
    if (stored) {
      if (stored.fingerprint !== fingerprint) {
        throw new ApiError('invalid-input', 'This Idempotency-Key was already used for a different command.');
      }
      return jsonResponse(stored.status, stored.body, { 'Idempotent-Replayed': 'true' });
    }
    let status: number;
    let body: string;
    try {
      [status, body] = runCommand(user, request.method, path, bodyText);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      status = error.status;
      body = errorBody(error.code, error.message);
    }
    // Rule violations are answers too: a retry must not turn a 409 into a success.
    answers.set(storeKey, { fingerprint, status, body, storedAt: now() });
    return jsonResponse(status, body);
  }

  return {
    authenticate,
    answerCommand,
    expireDue,
    setPresence,
    forgetAnswers: () => {
      answers = new Map();
    },
  };
}

/** The path after the `/api` prefix, as decoded segments; null when the URL is not under `/api`. */
export function apiSegments(request: Request): string[] | null {
  const { pathname } = new URL(request.url);
  const match = /^(?:.*?)\/api(\/.*)?$/.exec(pathname);
  if (!match) return null;
  try {
    return (match[1] ?? '').split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return null;
  }
}

export type Router = ReturnType<typeof createRouter>;
