// @ts-check
/**
 * The mock clinic: the ONE implementation of the server-side rules of docs/http-contract.md.
 *
 * It speaks the Fetch API only (`Request` in, `Response` out, event stream as a `ReadableStream`),
 * so the same module runs in Node 20 (behind mock-server/node-server.mjs) and in the browser
 * (behind an MSW service worker, mock-server/browser.js). No Node-only or msw imports here.
 *
 * Everything that depends on time goes through `now()` and `timers`, so that tests can drive
 * expiry and heartbeats with a fake clock.
 */
import { SEED } from './seed.js';
import { turnCredentials } from '../src/rules/turn-credentials.js';

/**
 * @typedef {import('../src/core/model.js').Account} Account
 * @typedef {import('../src/core/model.js').User} User
 * @typedef {import('../src/core/model.js').Me} Me
 * @typedef {import('../src/core/model.js').Provider} Provider
 * @typedef {import('../src/core/model.js').SessionRequest} SessionRequest
 * @typedef {import('../src/core/model.js').RequestStatus} RequestStatus
 * @typedef {import('../src/core/model.js').Session} Session
 * @typedef {import('../src/core/model.js').Participant} Participant
 * @typedef {import('../src/core/model.js').Snapshot} Snapshot
 * @typedef {import('../src/core/model.js').Changes} Changes
 * @typedef {import('../src/core/model.js').LiveEvent} LiveEvent
 * @typedef {import('../src/core/model.js').SignalType} SignalType
 * @typedef {import('../src/core/errors/error-codes.js').ErrorCode} ErrorCode
 * @typedef {import('./seed.js').Seed} Seed
 * @typedef {import('./seed.js').SeedUser} SeedUser
 *
 * @typedef {object} Timers
 * @property {(fn: () => void, ms: number) => unknown} setTimeout
 * @property {(id: any) => void} clearTimeout
 * @property {(fn: () => void, ms: number) => unknown} setInterval
 * @property {(id: any) => void} clearInterval
 *
 * @typedef {object} BackendOptions
 * @property {Seed} [seed] the directory to start from (default: ./seed.js)
 * @property {() => number} [now] the server's clock, in ms since the epoch
 * @property {Timers} [timers] used for expiry, heartbeats and `faults.delayMs`
 * @property {number} [heartbeatMs] interval of `event: heartbeat` on every stream (default 10000)
 * @property {import('../src/rules/turn-credentials.js').TurnConfig & { now?: () => number }} [turn] the TURN server whose
 *   short-lived credentials `GET /ice-servers` hands out (issue 18 §3); `now` only to test expiry. Without it the list is empty.
 *
 * @typedef {object} ServerState
 * @property {Provider[]} providers
 * @property {SessionRequest[]} requests
 * @property {Session[]} sessions
 *
 * @typedef {object} StoredAnswer what an Idempotency-Key replays
 * @property {string} fingerprint method, path and body of the first command
 * @property {number} status
 * @property {string} body
 * @property {number} storedAt
 *
 * @typedef {object} EventLog
 * @property {number} seq the user's stream position: seq of their latest event
 * @property {LiveEvent[]} events the latest MAX_LOGGED_EVENTS events, oldest first
 *
 * @typedef {object} EventStream one open `GET /events`
 * @property {string} userId
 * @property {(event: LiveEvent) => void} sendChange
 * @property {() => void} close ends the stream cleanly
 * @property {(reason: Error) => void} fail ends the stream with an error
 * @property {() => void} detach forgets a stream its reader has cancelled
 */

const MAX_LOGGED_EVENTS = 1000;
const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
const MAX_NOTE_LENGTH = 500;
const MAX_IDEMPOTENCY_KEY_LENGTH = 255;
/** The meeting signals relayed by `POST /sessions/{id}/signal` (src/core/model.ts SIGNAL_TYPES). */
const SIGNAL_TYPES = ['hello', 'offer', 'answer', 'candidate', 'bye'];
/** An SDP offer is a few KB; this leaves room and still stops a client from flooding a stream. */
const MAX_SIGNAL_BYTES = 64 * 1024;
/** setTimeout's largest delay; a longer one would fire at once. */
const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

const NO_STORE = 'no-store';

/** An answer with an error status and a code of src/core/errors/error-codes.ts. */
class ApiError extends Error {
  /**
   * @param {number} status
   * @param {ErrorCode} code
   * @param {string} message
   * @param {Record<string, string>} [headers]
   */
  constructor(status, code, message, headers = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

/** The error code a fault-injected status answers with, as a real server would. */
function codeForStatus(/** @type {number} */ status) {
  /** @type {ErrorCode} */
  let code = 'invalid-input';
  if (status === 401) code = 'unauthorized';
  else if (status === 403) code = 'forbidden';
  else if (status === 404) code = 'not-found';
  else if (status === 429) code = 'rate-limited';
  else if (status >= 500) code = 'server-error';
  return code;
}

/** @returns {Timers} the environment's timers, bound so that browsers do not throw "Illegal invocation". */
function defaultTimers() {
  return {
    setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
    clearTimeout: (id) => globalThis.clearTimeout(id),
    setInterval: (fn, ms) => globalThis.setInterval(fn, ms),
    clearInterval: (id) => globalThis.clearInterval(id),
  };
}

/** Lets a Node process exit while a long expiry timer is pending; a no-op in browsers and fakes. */
function unref(/** @type {unknown} */ timer) {
  const maybe = /** @type {{ unref?: () => void } | null} */ (timer);
  if (maybe && typeof maybe === 'object' && typeof maybe.unref === 'function') maybe.unref();
}

/** @template T @param {T} value @returns {T} */
function copy(value) {
  return JSON.parse(JSON.stringify(value));
}

function jsonResponse(/** @type {number} */ status, /** @type {string} */ body, /** @type {Record<string, string>} */ headers = {}) {
  return new Response(body, {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': NO_STORE, ...headers },
  });
}

function errorBody(/** @type {ErrorCode} */ code, /** @type {string} */ message) {
  return JSON.stringify({ error: { code, message } });
}

/** @returns {Changes} */
function changes(/** @type {Partial<Changes>} */ parts = {}) {
  return { providers: parts.providers ?? [], requests: parts.requests ?? [], sessions: parts.sessions ?? [] };
}

// ---------------------------------------------------------------------------------------------
// Input checks: every body field is checked for type before any rule looks at it.

/** @returns {Record<string, unknown>} */
function parseJsonObject(/** @type {string} */ text) {
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ApiError(400, 'invalid-input', 'The body is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ApiError(400, 'invalid-input', 'The body must be a JSON object.');
  }
  return value;
}

function requireString(/** @type {Record<string, unknown>} */ body, /** @type {string} */ key) {
  const value = body[key];
  if (typeof value !== 'string' || value === '') throw new ApiError(400, 'invalid-input', `"${key}" must be a non-empty string.`);
  return value;
}

/** The key must be present: `null` is an answer, a missing field is a client bug. */
function requireNullableString(/** @type {Record<string, unknown>} */ body, /** @type {string} */ key) {
  const value = body[key];
  if (value !== null && typeof value !== 'string') throw new ApiError(400, 'invalid-input', `"${key}" must be a string or null.`);
  return value;
}

function requireBoolean(/** @type {Record<string, unknown>} */ body, /** @type {string} */ key) {
  const value = body[key];
  if (typeof value !== 'boolean') throw new ApiError(400, 'invalid-input', `"${key}" must be true or false.`);
  return value;
}

// ---------------------------------------------------------------------------------------------

/**
 * @param {BackendOptions} [options]
 */
export function createClinicBackend(options = {}) {
  const seed = options.seed ?? SEED;
  const now = options.now ?? (() => Date.now());
  const timers = options.timers ?? defaultTimers();
  const heartbeatMs = options.heartbeatMs ?? 10000;
  const tokens = Object.freeze({ ...seed.tokens });

  /** @type {Map<string, Account>} */
  const accounts = new Map(seed.accounts.map((account) => [account.id, account]));
  /** @type {Map<string, SeedUser>} */
  const users = new Map(seed.users.map((user) => [user.id, user]));

  /** @type {Map<string, Provider>} */
  let providers = new Map();
  let resets = 0;
  let epoch = 'epoch-0';
  /** @type {Map<string, SessionRequest>} */
  let requests = new Map();
  /** @type {Map<string, Session>} */
  let sessions = new Map();
  /** Requests created already declined because the provider was unavailable (R5): their provider never hears of them. */
  let hiddenFromProvider = new Set();
  /** @type {Map<string, EventLog>} */
  let eventLogs = new Map();
  /** @type {Map<string, StoredAnswer>} keyed by `${userId} ${idempotencyKey}` */
  let idempotentAnswers = new Map();
  /** @type {Set<EventStream>} */
  const openStreams = new Set();
  /** @type {unknown} */
  let expiryTimer = null;
  // Ids keep counting across resets so that a stale client never mistakes a new request for an old one.
  let lastRequestNumber = 0;
  let lastSessionNumber = 0;

  const faults = createFaults();

  // -------------------------------------------------------------------------------------------
  // State

  function loadSeed() {
    providers = new Map();
    // A new epoch tells clients that versions started over (see Snapshot.epoch).
    epoch = `${Math.random().toString(36).slice(2, 10)}-${++resets}`;
    for (const user of seed.users) {
      if (user.role !== 'provider') continue;
      const account = accountOf(user.id);
      providers.set(user.id, {
        id: user.id,
        name: user.name,
        specialty: user.specialty ?? '',
        available: user.available ?? true,
        notesEnabled: account.notesEnabled,
        version: 1,
      });
    }
    requests = new Map();
    sessions = new Map();
    hiddenFromProvider = new Set();
    eventLogs = new Map(seed.users.map((user) => [user.id, { seq: 0, events: [] }]));
    idempotentAnswers = new Map();
  }

  function accountOf(/** @type {string} */ userId) {
    const user = /** @type {SeedUser} */ (users.get(userId));
    const account = accounts.get(user.accountId);
    if (!account) throw new Error(`Seed error: user ${userId} has an unknown account ${user.accountId}`);
    return account;
  }

  /** @returns {User} */
  function publicUser(/** @type {SeedUser} */ user) {
    return { id: user.id, name: user.name, role: user.role, accountId: user.accountId };
  }

  function timestamp() {
    return new Date(now()).toISOString();
  }

  /** Every change goes through here: the version grows by one, so a stale copy never wins. */
  function touch(/** @type {SessionRequest} */ request) {
    if (request.status !== 'pending') request.queuePosition = null;
    request.version += 1;
    request.updatedAt = timestamp();
  }

  // -------------------------------------------------------------------------------------------
  // Live events: one log per user, so that `seq` counts without gaps on each user's stream.

  function appendEvent(/** @type {string} */ userId, /** @type {(seq: number) => LiveEvent} */ makeEvent) {
    const log = eventLogs.get(userId);
    if (!log) return;
    log.seq += 1;
    const event = makeEvent(log.seq);
    log.events.push(event);
    if (log.events.length > MAX_LOGGED_EVENTS) log.events.shift();
    for (const stream of openStreams) if (stream.userId === userId) stream.sendChange(event);
  }

  /** Provider changes concern everybody: every requester may reach every provider. */
  function publishProvider(/** @type {Provider} */ provider) {
    for (const userId of users.keys()) appendEvent(userId, (seq) => ({ seq, type: 'provider', provider: copy(provider) }));
  }

  function requestAudience(/** @type {SessionRequest} */ request) {
    return hiddenFromProvider.has(request.id) ? [request.requesterId] : [request.requesterId, request.providerId];
  }

  function publishRequest(/** @type {SessionRequest} */ request) {
    for (const userId of requestAudience(request)) appendEvent(userId, (seq) => ({ seq, type: 'request', request: copy(request) }));
  }

  function publishSession(/** @type {Session} */ session) {
    for (const userId of [session.requester.userId, session.provider.userId]) {
      appendEvent(userId, (seq) => ({ seq, type: 'session', session: copy(session) }));
    }
  }

  /** The provider's pending requests, oldest first: their queue (X3, issue 6). */
  function pendingFor(/** @type {string} */ providerId) {
    return [...requests.values()]
      .filter((r) => r.providerId === providerId && r.status === 'pending')
      .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  }

  /** After requests leave a queue, those behind move up: each requester learns their new place. */
  function renumberQueues() {
    for (const providerId of providers.keys()) {
      pendingFor(providerId).forEach((request, index) => {
        if (request.queuePosition === index + 1) return;
        request.queuePosition = index + 1;
        touch(request);
        publishRequest(request);
      });
    }
  }

  // -------------------------------------------------------------------------------------------
  // Expiry (X3): checked lazily on every call and by a timer, so it also works with fake timers.

  function expirePendingRequests() {
    const currentTime = now();
    for (const request of requests.values()) {
      if (request.status === 'pending' && Date.parse(request.expiresAt) <= currentTime) {
        request.status = 'expired';
        touch(request);
        publishRequest(request);
      }
    }
    renumberQueues();
    scheduleNextExpiry();
  }

  function scheduleNextExpiry() {
    if (expiryTimer !== null) timers.clearTimeout(expiryTimer);
    expiryTimer = null;
    let earliest = Infinity;
    for (const request of requests.values()) {
      if (request.status === 'pending') earliest = Math.min(earliest, Date.parse(request.expiresAt));
    }
    if (earliest === Infinity) return;
    const delay = Math.min(Math.max(earliest - now(), 0), MAX_TIMER_DELAY_MS);
    expiryTimer = timers.setTimeout(() => {
      expiryTimer = null;
      expirePendingRequests();
    }, delay);
    unref(expiryTimer);
  }

  // -------------------------------------------------------------------------------------------
  // Commands. Each returns [status, Changes] or throws an ApiError; none awaits, so a command is
  // applied atomically and two racing commands have exactly one winner (X4).

  function findRequest(/** @type {string} */ id) {
    const request = requests.get(id);
    if (!request) throw new ApiError(404, 'not-found', `No request ${id}.`);
    return request;
  }

  function findSession(/** @type {string} */ id) {
    const session = sessions.get(id);
    if (!session) throw new ApiError(404, 'not-found', `No session ${id}.`);
    return session;
  }

  /** Accept, decline and cancel only act on a pending request; the 409 says what happened instead. */
  function assertPending(/** @type {SessionRequest} */ request) {
    if (request.status === 'pending') return;
    if (request.status === 'cancelled') throw new ApiError(409, 'request-cancelled', 'The requester cancelled this request.');
    if (request.status === 'expired') throw new ApiError(409, 'request-expired', 'This request expired before it was answered.');
    throw new ApiError(409, 'request-already-answered', `This request was already ${request.status}.`);
  }

  function assertRole(/** @type {SeedUser} */ user, /** @type {'requester' | 'provider'} */ role) {
    if (user.role !== role) throw new ApiError(403, 'forbidden', `Only a ${role} may do that.`);
  }

  /** R2: more than one service → must choose; exactly one → implied; none → no service. */
  function resolveService(/** @type {Account} */ account, /** @type {string | null} */ serviceId) {
    if (serviceId === null) {
      if (account.services.length > 1) throw new ApiError(400, 'service-required', 'Choose one of the account services.');
      return account.services[0] ?? null;
    }
    const service = account.services.find((candidate) => candidate.id === serviceId);
    if (!service) throw new ApiError(400, 'unknown-service', `The account has no service ${serviceId}.`);
    return service;
  }

  function requestSession(/** @type {SeedUser} */ requester, /** @type {Record<string, unknown>} */ body) {
    const providerId = requireString(body, 'providerId');
    const serviceId = /** @type {string | null} */ (requireNullableString(body, 'serviceId'));
    assertRole(requester, 'requester');
    const provider = providers.get(providerId);
    if (!provider) throw new ApiError(404, 'not-found', `No provider ${providerId}.`);
    const account = accountOf(requester.id);
    const service = resolveService(account, serviceId);
    const alreadyPending = [...requests.values()].some(
      (r) => r.requesterId === requester.id && r.providerId === providerId && r.status === 'pending',
    );
    if (alreadyPending) throw new ApiError(409, 'duplicate-pending', 'There is already a pending request to this provider.');

    const createdAt = now();
    /** @type {SessionRequest} */
    const request = {
      id: `request-${++lastRequestNumber}`,
      requesterId: requester.id,
      requesterName: requester.name,
      providerId: provider.id,
      providerName: provider.name,
      serviceId: service?.id ?? null,
      serviceName: service?.name ?? null,
      status: 'pending',
      createdAt: new Date(createdAt).toISOString(),
      updatedAt: new Date(createdAt).toISOString(),
      expiresAt: new Date(createdAt + account.requestTimeoutSeconds * 1000).toISOString(),
      declineReason: null,
      declineNote: null,
      sessionId: null,
      dismissed: false,
      queuePosition: pendingFor(provider.id).length + 1,
      version: 1,
    };
    if (!provider.available) {
      // R5: declined at once; the provider is never alerted, so the request stays off their stream.
      request.status = 'declined';
      request.declineReason = 'unavailable';
      request.queuePosition = null;
      hiddenFromProvider.add(request.id);
    }
    requests.set(request.id, request);
    publishRequest(request);
    return /** @type {const} */ ([201, changes({ requests: [request] })]);
  }

  function cancelRequest(/** @type {SeedUser} */ user, /** @type {string} */ requestId) {
    const request = findRequest(requestId);
    if (request.requesterId !== user.id) throw new ApiError(403, 'forbidden', 'Only the requester may cancel this request.');
    assertPending(request);
    request.status = 'cancelled';
    touch(request);
    publishRequest(request);
    return /** @type {const} */ ([200, changes({ requests: [request] })]);
  }

  function acceptRequest(/** @type {SeedUser} */ user, /** @type {string} */ requestId, /** @type {Record<string, unknown>} */ body) {
    const enter = requireBoolean(body, 'enter');
    const request = findRequest(requestId);
    if (request.providerId !== user.id) throw new ApiError(403, 'forbidden', 'Only the provider asked may accept this request.');
    assertPending(request);
    const requester = /** @type {SeedUser} */ (users.get(request.requesterId));
    /** @type {Session} */
    const session = {
      id: `session-${++lastSessionNumber}`,
      requestId: request.id,
      serviceName: request.serviceName,
      status: 'open',
      createdAt: timestamp(),
      requester: { userId: requester.id, name: requester.name, status: 'not-arrived' },
      // R8 "Accept and Enter": the provider is in the meeting from the start.
      provider: { userId: user.id, name: user.name, status: enter ? 'in-meeting' : 'not-arrived' },
      version: 1,
    };
    sessions.set(session.id, session);
    request.status = 'accepted';
    request.sessionId = session.id;
    touch(request);
    publishRequest(request);
    publishSession(session);
    return /** @type {const} */ ([200, changes({ requests: [request], sessions: [session] })]);
  }

  function declineRequest(/** @type {SeedUser} */ user, /** @type {string} */ requestId, /** @type {Record<string, unknown>} */ body) {
    const rawNote = /** @type {string | null} */ (requireNullableString(body, 'note'));
    const request = findRequest(requestId);
    if (request.providerId !== user.id) throw new ApiError(403, 'forbidden', 'Only the provider asked may decline this request.');
    assertPending(request);
    // An empty (or blank) note counts as none, so a UI may always send its text field.
    const note = rawNote === null || rawNote.trim() === '' ? null : rawNote.trim();
    if (note !== null && !accountOf(user.id).notesEnabled) {
      throw new ApiError(400, 'notes-disabled', 'Decline notes are not enabled on this account.');
    }
    if (note !== null && note.length > MAX_NOTE_LENGTH) {
      throw new ApiError(400, 'invalid-input', `A note has at most ${MAX_NOTE_LENGTH} characters.`);
    }
    request.status = 'declined';
    request.declineReason = 'provider';
    request.declineNote = note;
    touch(request);
    publishRequest(request);
    return /** @type {const} */ ([200, changes({ requests: [request] })]);
  }

  function dismissRequest(/** @type {SeedUser} */ user, /** @type {string} */ requestId) {
    const request = findRequest(requestId);
    if (request.requesterId !== user.id) throw new ApiError(403, 'forbidden', 'Only the requester may dismiss this request.');
    if (request.status === 'pending') {
      throw new ApiError(400, 'invalid-input', 'A pending request cannot be dismissed; cancel it instead.');
    }
    // Dismissing twice changes nothing; the answer still carries the request so the client can merge it.
    if (!request.dismissed) {
      request.dismissed = true;
      touch(request);
      publishRequest(request);
    }
    return /** @type {const} */ ([200, changes({ requests: [request] })]);
  }

  /** R6: going unavailable declines what is still pending, exactly as if it had arrived now. */
  function autoDeclinePending(/** @type {string} */ providerId) {
    const declined = [];
    for (const request of requests.values()) {
      if (request.providerId !== providerId || request.status !== 'pending') continue;
      request.status = 'declined';
      request.declineReason = 'unavailable';
      touch(request);
      // The provider already saw these requests, so (unlike R5) their other tabs must learn of the decline.
      publishRequest(request);
      declined.push(request);
    }
    return declined;
  }

  function setAvailability(/** @type {SeedUser} */ user, /** @type {Record<string, unknown>} */ body) {
    const available = requireBoolean(body, 'available');
    assertRole(user, 'provider');
    const provider = /** @type {Provider} */ (providers.get(user.id));
    if (provider.available === available) return /** @type {const} */ ([200, changes({ providers: [provider] })]);
    provider.available = available;
    provider.version += 1;
    publishProvider(provider);
    const declined = available ? [] : autoDeclinePending(provider.id);
    return /** @type {const} */ ([200, changes({ providers: [provider], requests: declined })]);
  }

  /** @returns {Participant} */
  function participantOf(/** @type {Session} */ session, /** @type {SeedUser} */ user) {
    if (session.requester.userId === user.id) return session.requester;
    if (session.provider.userId === user.id) return session.provider;
    throw new ApiError(403, 'forbidden', 'Only the participants may enter or leave this session.');
  }

  function enterSession(/** @type {SeedUser} */ user, /** @type {string} */ sessionId) {
    const session = findSession(sessionId);
    const participant = participantOf(session, user);
    if (session.status === 'ended') throw new ApiError(409, 'session-ended', 'This session has ended.');
    // R3/R10: the requester waits in the waiting room; the provider starts the meeting.
    const arrived = participant === session.requester ? 'in-waiting-room' : 'in-meeting';
    if (participant.status !== arrived) {
      participant.status = arrived;
      session.version += 1;
      publishSession(session);
    }
    return /** @type {const} */ ([200, changes({ sessions: [session] })]);
  }

  /**
   * X5: relays a meeting signal to the session's other participant, as a live event on their
   * stream only. Nothing is stored beyond that stream's replay log: signals are not in snapshots.
   * @param {SeedUser} user
   * @param {string} sessionId
   * @param {Record<string, unknown>} body
   * @param {number} bodyBytes
   */
  function relaySignal(user, sessionId, body, bodyBytes) {
    const type = body.type;
    if (typeof type !== 'string' || !SIGNAL_TYPES.includes(type)) {
      throw new ApiError(400, 'invalid-input', `"type" must be one of ${SIGNAL_TYPES.join(', ')}.`);
    }
    if (!('payload' in body)) throw new ApiError(400, 'invalid-input', '"payload" is required (null for none).');
    if (bodyBytes > MAX_SIGNAL_BYTES) throw new ApiError(400, 'invalid-input', `A signal has at most ${MAX_SIGNAL_BYTES} bytes.`);
    const session = findSession(sessionId);
    if (session.requester.userId !== user.id && session.provider.userId !== user.id) {
      throw new ApiError(403, 'forbidden', 'Only the participants may signal in this session.');
    }
    if (session.status === 'ended') throw new ApiError(409, 'session-ended', 'This session has ended.');
    const otherId = session.requester.userId === user.id ? session.provider.userId : session.requester.userId;
    const signal = { sessionId, fromUserId: user.id, type: /** @type {SignalType} */ (type), payload: copy(body.payload) };
    appendEvent(otherId, (seq) => ({ seq, type: 'signal', signal }));
    return /** @type {const} */ ([202, changes()]);
  }

  function leaveSession(/** @type {SeedUser} */ user, /** @type {string} */ sessionId) {
    const session = findSession(sessionId);
    const participant = participantOf(session, user);
    if (session.status === 'ended') throw new ApiError(409, 'session-ended', 'This session has ended.');
    participant.status = 'left';
    session.status = 'ended';
    session.version += 1;
    publishSession(session);
    return /** @type {const} */ ([200, changes({ sessions: [session] })]);
  }

  // -------------------------------------------------------------------------------------------
  // Reads

  /** @returns {Me} */
  function meOf(/** @type {SeedUser} */ user) {
    return { user: publicUser(user), account: copy(accountOf(user.id)) };
  }

  function visibleTo(/** @type {SeedUser} */ user, /** @type {SessionRequest} */ request) {
    if (request.requesterId === user.id) return true;
    return request.providerId === user.id && !hiddenFromProvider.has(request.id);
  }

  /** @returns {Snapshot} */
  function snapshotOf(/** @type {SeedUser} */ user) {
    return copy({
      seq: eventLogs.get(user.id)?.seq ?? 0,
      epoch,
      me: meOf(user),
      providers: [...providers.values()],
      requests: [...requests.values()].filter((request) => visibleTo(user, request)),
      sessions: [...sessions.values()].filter(
        (session) => session.requester.userId === user.id || session.provider.userId === user.id,
      ),
    });
  }

  // -------------------------------------------------------------------------------------------
  // The event stream

  const encoder = new TextEncoder();

  function formatChange(/** @type {LiveEvent} */ event) {
    return `id: ${event.seq}\nevent: change\ndata: ${JSON.stringify(event)}\n\n`;
  }

  function parseLastEventId(/** @type {string | null} */ header) {
    if (header === null || header.trim() === '') return null;
    if (!/^\d+$/.test(header.trim())) throw new ApiError(400, 'invalid-input', 'Last-Event-ID must be a sequence number.');
    return Number(header.trim());
  }

  /**
   * @param {SeedUser} user
   * @param {number | null} lastEventId replay the logged events after this one
   * @param {AbortSignal} signal the client's request; aborting it closes the stream
   */
  function openEventStream(user, lastEventId, signal) {
    /** @type {EventStream} */
    let stream;
    const body = new ReadableStream({
      start(controller) {
        /** @type {unknown} */
        let heartbeat = null;
        /** The event held back by `faults.reorderEvents`, waiting for the next one. */
        /** @type {LiveEvent | null} */
        let heldBack = null;
        let open = true;

        const write = (/** @type {string} */ text) => controller.enqueue(encoder.encode(text));
        const writeChange = (/** @type {LiveEvent} */ event) => {
          write(formatChange(event));
          if (faults.duplicateEvents) write(formatChange(event));
        };
        const release = () => {
          if (!open) return false;
          open = false;
          openStreams.delete(stream);
          if (heartbeat !== null) timers.clearInterval(heartbeat);
          signal.removeEventListener('abort', onAbort);
          return true;
        };
        const onAbort = () => stream.close();

        stream = {
          userId: user.id,
          sendChange(event) {
            if (!open) return;
            if (faults.reorderEvents && heldBack === null) {
              heldBack = event;
              return;
            }
            writeChange(event);
            if (heldBack !== null) {
              const earlier = heldBack;
              heldBack = null;
              writeChange(earlier);
            }
          },
          close() {
            if (release()) controller.close();
          },
          fail(reason) {
            if (release()) controller.error(reason);
          },
          detach() {
            release();
          },
        };
        openStreams.add(stream);

        if (lastEventId !== null) {
          const log = eventLogs.get(user.id);
          for (const event of log?.events ?? []) if (event.seq > lastEventId) stream.sendChange(event);
        }
        // A first chunk at once: gateways that pass a response on only with its first byte must not
        // hold the stream back, and the client knows at once that bytes flow (issue 16.1, 16.2).
        write(`event: heartbeat\ndata: ${JSON.stringify({ seq: eventLogs.get(user.id)?.seq ?? 0 })}\n\n`);
        heartbeat = timers.setInterval(() => {
          // A held-back event goes out now rather than never: reordered, not lost.
          if (heldBack !== null) {
            const earlier = heldBack;
            heldBack = null;
            writeChange(earlier);
          }
          // The stream's position, so that a client that missed the latest event notices.
          write(`event: heartbeat\ndata: ${JSON.stringify({ seq: eventLogs.get(user.id)?.seq ?? 0 })}\n\n`);
        }, heartbeatMs);
        unref(heartbeat);
        if (signal.aborted) stream.close();
        else signal.addEventListener('abort', onAbort);
      },
      cancel() {
        // The reader went away (client disconnected); the stream is already closed for it, so
        // only stop writing and forget it.
        stream.detach();
      },
    });
    return new Response(body, {
      status: 200,
      headers: {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': NO_STORE,
        // Asks buffering reverse proxies (nginx) to pass each event on at once.
        'X-Accel-Buffering': 'no',
      },
    });
  }

  // -------------------------------------------------------------------------------------------
  // Fault injection (for the client's resilience tests)

  function createFaults() {
    const switches = {
      /** @type {{ status: number, remaining: number, retryAfterSeconds?: number } | null} */
      failure: null,
      losesNext: 0,
      delayMs: 0,
      duplicateEvents: false,
      reorderEvents: false,
      blockStream: false,
      /**
       * The next `count` commands (POST/PUT) answer `status` without being applied.
       * @param {number} status
       * @param {number} [count]
       * @param {{ retryAfterSeconds?: number }} [options] 429 always carries Retry-After (default 1 s)
       */
      failNext(status, count = 1, options = {}) {
        switches.failure = { status, remaining: count, retryAfterSeconds: options.retryAfterSeconds };
      },
      /** The next command is applied, but its answer is lost: `handle` throws as fetch would. */
      loseResponseNext() {
        switches.losesNext += 1;
      },
      /** Errors out every open event stream at once, as a dropped connection would. */
      dropStreams() {
        for (const stream of [...openStreams]) stream.fail(new TypeError('network error'));
      },
      clear() {
        switches.failure = null;
        switches.losesNext = 0;
        switches.delayMs = 0;
        switches.duplicateEvents = false;
        switches.reorderEvents = false;
        switches.blockStream = false;
      },
    };
    return switches;
  }

  /** @returns {Response | null} the injected failure for this command, if one is due */
  function injectedFailure() {
    const failure = faults.failure;
    if (!failure || failure.remaining <= 0) return null;
    failure.remaining -= 1;
    if (failure.remaining === 0) faults.failure = null;
    /** @type {Record<string, string>} */
    const headers = {};
    const retryAfter = failure.retryAfterSeconds ?? (failure.status === 429 ? 1 : undefined);
    if (retryAfter !== undefined) headers['Retry-After'] = String(retryAfter);
    const code = codeForStatus(failure.status);
    return jsonResponse(failure.status, errorBody(code, `Injected failure (${failure.status}).`), headers);
  }

  function sleep(/** @type {number} */ ms) {
    return new Promise((resolve) => timers.setTimeout(() => resolve(undefined), ms));
  }

  // -------------------------------------------------------------------------------------------
  // Routing

  function authenticate(/** @type {Request} */ request) {
    const header = request.headers.get('Authorization') ?? '';
    const token = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
    const userId = token === undefined ? undefined : tokens[token];
    const user = userId === undefined ? undefined : users.get(userId);
    if (!user) throw new ApiError(401, 'unauthorized', 'A valid bearer token is required.');
    return user;
  }

  /** The path after the `/api` prefix, as decoded segments; null when the URL is not under `/api`. */
  function apiSegments(/** @type {Request} */ request) {
    const { pathname } = new URL(request.url);
    const match = /^(?:.*?)\/api(\/.*)?$/.exec(pathname);
    if (!match) return null;
    try {
      return (match[1] ?? '').split('/').filter(Boolean).map(decodeURIComponent);
    } catch {
      return null;
    }
  }

  /**
   * Runs one command (POST/PUT) against the caller's state.
   * @param {SeedUser} user
   * @param {string} method
   * @param {string[]} path
   * @param {string} bodyText
   * @returns {readonly [number, Changes]}
   */
  function runCommand(user, method, path, bodyText) {
    const answer = routeCommand(user, method, path, bodyText);
    renumberQueues();
    return answer;
  }

  /**
   * @param {SeedUser} user
   * @param {string} method
   * @param {string[]} path
   * @param {string} bodyText
   * @returns {readonly [number, Changes]}
   */
  function routeCommand(user, method, path, bodyText) {
    const body = () => parseJsonObject(bodyText);
    const [collection, id = '', action] = path;
    if (method === 'POST' && collection === 'requests' && path.length === 1) return requestSession(user, body());
    if (method === 'PUT' && collection === 'availability' && path.length === 1) return setAvailability(user, body());
    if (method === 'POST' && collection === 'requests' && path.length === 3) {
      if (action === 'cancel') return cancelRequest(user, id);
      if (action === 'accept') return acceptRequest(user, id, body());
      if (action === 'decline') return declineRequest(user, id, body());
      if (action === 'dismiss') return dismissRequest(user, id);
    }
    if (method === 'POST' && collection === 'sessions' && path.length === 3) {
      if (action === 'enter') return enterSession(user, id);
      if (action === 'leave') return leaveSession(user, id);
      if (action === 'signal') return relaySignal(user, id, body(), new TextEncoder().encode(bodyText).length);
    }
    throw new ApiError(404, 'not-found', `No endpoint ${method} /${path.join('/')}.`);
  }

  function idempotencyKeyOf(/** @type {Request} */ request) {
    const key = request.headers.get('Idempotency-Key');
    if (!key || key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
      throw new ApiError(400, 'invalid-input', 'Every command needs an Idempotency-Key header (1–255 characters).');
    }
    return key;
  }

  function forgetOldAnswers() {
    const oldest = now() - IDEMPOTENCY_TTL_MS;
    for (const [key, answer] of idempotentAnswers) if (answer.storedAt < oldest) idempotentAnswers.delete(key);
  }

  /**
   * A command with its Idempotency-Key: a replay gets the first answer, byte for byte, and
   * changes nothing. Everything after the body is read runs without awaiting, so two copies of
   * one command racing each other still apply once.
   * @param {Request} request
   * @param {SeedUser} user
   * @param {string[]} path
   */
  async function answerCommand(request, user, path) {
    const key = idempotencyKeyOf(request);
    const bodyText = await request.text();
    expirePendingRequests();
    forgetOldAnswers();
    const fingerprint = `${request.method} /${path.join('/')} ${bodyText}`;
    const storeKey = `${user.id} ${key}`;
    const stored = idempotentAnswers.get(storeKey);
    if (stored) {
      if (stored.fingerprint !== fingerprint) {
        throw new ApiError(400, 'invalid-input', 'This Idempotency-Key was already used for a different command.');
      }
      return jsonResponse(stored.status, stored.body, { 'Idempotent-Replayed': 'true' });
    }
    let status;
    let body;
    try {
      const [okStatus, result] = runCommand(user, request.method, path, bodyText);
      status = okStatus;
      body = JSON.stringify(result);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      status = error.status;
      body = errorBody(error.code, error.message);
    }
    // Rule violations are answers too: a retry must not turn a 409 into a success.
    idempotentAnswers.set(storeKey, { fingerprint, status, body, storedAt: now() });
    scheduleNextExpiry();
    return jsonResponse(status, body);
  }

  /** @param {Request} request */
  async function route(request) {
    const path = apiSegments(request);
    if (path === null) throw new ApiError(404, 'not-found', 'Not an API path.');
    const method = request.method.toUpperCase();
    const endpoint = `${method} /${path.join('/')}`;

    if (endpoint === 'POST /reset') {
      reset();
      return jsonResponse(200, JSON.stringify({ ok: true }));
    }
    const user = authenticate(request);
    if (endpoint === 'GET /me') return jsonResponse(200, JSON.stringify(meOf(user)));
    if (endpoint === 'GET /snapshot') return jsonResponse(200, JSON.stringify(snapshotOf(user)));
    if (endpoint === 'GET /ice-servers') {
      const turn = options.turn;
      const at = turn?.now?.() ?? now();
      const answer = turn ? await turnCredentials(turn, user.id, at) : { iceServers: [], expiresAt: new Date(at + 3600_000).toISOString() };
      return jsonResponse(200, JSON.stringify(answer));
    }
    if (endpoint === 'GET /events') {
      if (faults.blockStream) throw new ApiError(503, 'server-error', 'Event streams are blocked (injected).');
      return openEventStream(user, parseLastEventId(request.headers.get('Last-Event-ID')), request.signal);
    }
    if (method === 'POST' || method === 'PUT') return answerCommand(request, user, path);
    throw new ApiError(404, 'not-found', `No endpoint ${endpoint}.`);
  }

  function isCommand(/** @type {Request} */ request) {
    const method = request.method.toUpperCase();
    if (method !== 'POST' && method !== 'PUT') return false;
    const path = apiSegments(request);
    return !(path && path.length === 1 && path[0] === 'reset');
  }

  /**
   * Serves one request of the HTTP contract.
   * @param {Request} request
   * @returns {Promise<Response>}
   */
  async function handle(request) {
    expirePendingRequests();
    const command = isCommand(request);
    let response = command ? injectedFailure() : null;
    const losesResponse = !response && command && faults.losesNext > 0;
    if (losesResponse) faults.losesNext -= 1;
    if (!response) {
      try {
        response = await route(request);
      } catch (error) {
        if (error instanceof ApiError) {
          response = jsonResponse(error.status, errorBody(error.code, error.message), error.headers);
        } else {
          console.error('[mock clinic] unexpected error', error);
          response = jsonResponse(500, errorBody('server-error', 'The mock clinic failed unexpectedly.'));
        }
      }
    }
    if (faults.delayMs > 0) await sleep(faults.delayMs);
    if (losesResponse) {
      // The command was applied (and its answer stored for a replay); only the answer is lost.
      await response.body?.cancel();
      throw new TypeError('Failed to fetch');
    }
    return response;
  }

  // -------------------------------------------------------------------------------------------
  // Control

  /** Back to the seed: state, event logs and idempotency keys; open streams end cleanly. */
  function reset() {
    close();
    loadSeed();
  }

  /** Stops every timer and stream, so that a test process can exit. */
  function close() {
    for (const stream of [...openStreams]) stream.close();
    if (expiryTimer !== null) timers.clearTimeout(expiryTimer);
    expiryTimer = null;
  }

  /** @returns {ServerState} a deep copy of the whole truth, for tests to compare against */
  function state() {
    return copy({ providers: [...providers.values()], requests: [...requests.values()], sessions: [...sessions.values()] });
  }

  loadSeed();

  return {
    handle,
    reset,
    close,
    state,
    faults,
    tokens,
    /** How many event streams are open now (tests check that aborted streams are released). */
    openStreamCount: () => openStreams.size,
  };
}

/** @typedef {ReturnType<typeof createClinicBackend>} ClinicBackend */
