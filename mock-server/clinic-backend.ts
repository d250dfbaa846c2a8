/**
 * The mock clinic: a thin in-memory shell around the clinic's rules (src/rules/), speaking the
 * HTTP contract of docs/http-contract.md. Fetch API only (`Request` in, `Response` out, the event
 * stream as a `ReadableStream`), so the same module runs in Node 20 (mock-server/node-server.mjs)
 * and in the browser (behind an MSW service worker, mock-server/browser.js).
 *
 * Its parts, one file each: the store and the views (store.ts), routing, authentication and
 * idempotency (router.ts), the per-user event logs (event-log.ts), the event streams
 * (streams.ts), the fault switches (faults.ts) and the seed (seed.ts). Everything that depends on
 * time goes through `now()` and `timers`, so that tests drive expiry and heartbeats with fakes.
 */
import { codeForStatus, HEARTBEAT_INTERVAL_MS } from '../src/core/contract/constants.js';
import { snapshotOf, meOf } from '../src/rules/index.js';
import { turnCredentials, type TurnConfig } from '../src/rules/turn-credentials.js';
import { createEventLog } from './event-log.js';
import { createFaults, takeInjectedFailure } from './faults.js';
import { ApiError, errorBody, jsonResponse } from './http.js';
import { apiSegments, createRouter } from './router.js';
import { SEED, type Seed } from './seed.js';
import { createStore } from './store.js';
import { createStreams, unref, type Timers } from './streams.js';

export interface BackendOptions {
  /** The directory to start from (default: ./seed.ts). */
  seed?: Seed;
  /** The server's clock, in ms since the epoch. */
  now?: () => number;
  /** Used for expiry, heartbeats and `faults.delayMs`. */
  timers?: Timers;
  /** Interval of `event: heartbeat` on every stream (default 10000). */
  heartbeatMs?: number;
  /**
   * The TURN server whose short-lived credentials `GET /ice-servers` hands out (issue 18 §3);
   * `now` only to test expiry. Without it the list is empty.
   */
  turn?: TurnConfig & { now?: () => number };
  /**
   * Presence (issue 16.6), in ms: a user none of whose streams has been open this long is shown as
   * gone (`connected: false`); a stream that opens brings them back at once. A user never seen
   * with a stream is not judged (shown as before). Default: off (no `connected` field anywhere), as the SDK's own tests expect; `npm run
   * mock-server` turns it on with `PRESENCE_GRACE_MS`.
   */
  presenceGraceMs?: number | null;
}

/** setTimeout's largest delay; a longer one would fire at once. */
const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

/** The environment's timers, bound so that browsers do not throw "Illegal invocation". */
function defaultTimers(): Timers {
  return {
    setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
    clearTimeout: (id) => globalThis.clearTimeout(id as number),
    setInterval: (fn, ms) => globalThis.setInterval(fn, ms),
    clearInterval: (id) => globalThis.clearInterval(id as number),
  };
}

export function createClinicBackend(options: BackendOptions = {}) {
  const seed = options.seed ?? SEED;
  const now = options.now ?? (() => Date.now());
  const timers = options.timers ?? defaultTimers();
  const tokens = Object.freeze({ ...seed.tokens });

  const store = createStore(seed);
  const log = createEventLog();
  const faults = createFaults(() => streams.failAll(new TypeError('network error')));
  const presence = createPresence(options.presenceGraceMs ?? null);
  const streams = createStreams({ log, faults, timers, heartbeatMs: options.heartbeatMs ?? HEARTBEAT_INTERVAL_MS, now, ...presence.hooks });
  const router = createRouter({ store, log, now, tokens });
  let expiryTimer: unknown = null;

  function loadSeed() {
    store.load();
    log.clear(store.users.keys());
    router.forgetAnswers();
    presence.stop();
  }

  /**
   * Presence (issue 16.6): open streams counted per user; a user whose count fell to 0 is gone once
   * the grace period passes on `timers`. A gone user stays gone for what happens later too (a
   * session accepted while their tab is closed shows them disconnected), until a stream opens.
   */
  function createPresence(graceMs: number | null) {
    const open = new Map<string, number>();
    const graceTimers = new Map<string, unknown>();
    const gone = new Set<string>();
    const stopTimer = (userId: string) => {
      if (graceTimers.has(userId)) timers.clearTimeout(graceTimers.get(userId));
      graceTimers.delete(userId);
    };
    const startTimer = (userId: string, ms: number) => {
      stopTimer(userId);
      const timer = timers.setTimeout(() => {
        graceTimers.delete(userId);
        if ((open.get(userId) ?? 0) > 0) return;
        gone.add(userId);
        router.setPresence(userId, false);
      }, ms);
      unref(timer);
      graceTimers.set(userId, timer);
    };
    return {
      hooks:
        graceMs === null
          ? {}
          : {
              onOpen(userId: string) {
                open.set(userId, (open.get(userId) ?? 0) + 1);
                stopTimer(userId);
                if (gone.delete(userId)) router.setPresence(userId, true);
              },
              onClose(userId: string) {
                const left = (open.get(userId) ?? 1) - 1;
                open.set(userId, left);
                if (left === 0) startTimer(userId, graceMs);
              },
            },
      /** After a command: whoever is gone is shown so in what the command made (a new session). */
      settle() {
        for (const userId of gone) router.setPresence(userId, false);
      },
      stop() {
        for (const userId of [...graceTimers.keys()]) stopTimer(userId);
        gone.clear();
      },
    };
  }

  /** Expiry is checked on every call and by a timer at the next `expiresAt`, so fake timers work too. */
  function expireAndSchedule() {
    router.expireDue();
    if (expiryTimer !== null) timers.clearTimeout(expiryTimer);
    expiryTimer = null;
    const earliest = store.nextExpiry();
    if (earliest === Infinity) return;
    expiryTimer = timers.setTimeout(() => {
      expiryTimer = null;
      expireAndSchedule();
    }, Math.min(Math.max(earliest - now(), 0), MAX_TIMER_DELAY_MS));
    unref(expiryTimer);
  }

  function parseLastEventId(header: string | null): number | null {
    if (header === null || header.trim() === '') return null;
    if (!/^\d+$/.test(header.trim())) throw new ApiError('invalid-input', 'Last-Event-ID must be a sequence number.');
    return Number(header.trim());
  }

  /** 17.10: only the holder of the seed's reset token (the demo) may reset over HTTP. */
  function authorizeReset(request: Request) {
    const token = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('Authorization') ?? '')?.[1];
    if (!seed.resetToken || token !== seed.resetToken) throw new ApiError('unauthorized', 'Only the demo may reset the clinic.');
  }

  async function route(request: Request): Promise<Response> {
    const path = apiSegments(request);
    if (path === null) throw new ApiError('not-found', 'Not an API path.');
    const method = request.method.toUpperCase();
    const endpoint = `${method} /${path.join('/')}`;
    if (endpoint === 'POST /reset') {
      authorizeReset(request);
      reset();
      return jsonResponse(200, JSON.stringify({ ok: true }));
    }
    const user = router.authenticate(request);
    if (endpoint === 'GET /me') return jsonResponse(200, JSON.stringify(meOf(user, store.accountOf(user))));
    if (endpoint === 'GET /snapshot') {
      return jsonResponse(200, JSON.stringify(snapshotOf(store.snapshotView(user, log.position(user.id)), now())));
    }
    if (endpoint === 'GET /ice-servers') {
      const turn = options.turn;
      const at = turn?.now?.() ?? now();
      const answer = turn ? await turnCredentials(turn, user.id, at) : { iceServers: [], expiresAt: new Date(at + 3600_000).toISOString() };
      return jsonResponse(200, JSON.stringify(answer));
    }
    if (endpoint === 'GET /events') {
      if (faults.blockStream) throw new ApiError('server-error', 'Event streams are blocked (injected).', {}, 503);
      return streams.openEventStream(user.id, parseLastEventId(request.headers.get('Last-Event-ID')), request.signal);
    }
    if (method === 'POST' || method === 'PUT') {
      const answer = await router.answerCommand(request, user, path);
      presence.settle();
      expireAndSchedule();
      return answer;
    }
    throw new ApiError('not-found', `No endpoint ${endpoint}.`);
  }

  function isCommand(request: Request): boolean {
    const method = request.method.toUpperCase();
    if (method !== 'POST' && method !== 'PUT') return false;
    const path = apiSegments(request);
    return !(path && path.length === 1 && path[0] === 'reset');
  }

  /** Serves one request of the HTTP contract. */
  async function handle(request: Request): Promise<Response> {
    expireAndSchedule();
    const command = isCommand(request);
    const injected = command ? takeInjectedFailure(faults) : null;
    let response: Response | null = null;
    if (injected) {
      const headers: Record<string, string> = injected.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(injected.retryAfterSeconds) };
      response = jsonResponse(injected.status, errorBody(codeForStatus(injected.status), `Injected failure (${injected.status}).`), headers);
    }
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
    if (faults.delayMs > 0) await new Promise((resolve) => timers.setTimeout(() => resolve(undefined), faults.delayMs));
    if (losesResponse) {
      // The command was applied (and its answer stored for a replay); only the answer is lost.
      await response.body?.cancel();
      throw new TypeError('Failed to fetch');
    }
    return response;
  }

  /** Back to the seed: state, event logs and idempotency keys; open streams end cleanly. */
  function reset() {
    close();
    loadSeed();
  }

  /** Stops every timer and stream, so that a test process can exit. */
  function close() {
    streams.closeAll();
    presence.stop();
    if (expiryTimer !== null) timers.clearTimeout(expiryTimer);
    expiryTimer = null;
  }

  loadSeed();

  return {
    handle,
    reset,
    close,
    /** A deep copy of the whole truth, for tests to compare against. */
    state: () => store.state(),
    faults,
    tokens,
    /** How many event streams are open now (tests check that aborted streams are released). */
    openStreamCount: () => streams.count(),
  };
}

export type ClinicBackend = ReturnType<typeof createClinicBackend>;
export type { Timers } from './streams.js';
