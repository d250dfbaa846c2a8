// docs/transport.md — what the two example transports share: the messages of a small clinic
// protocol (your backend has its own), its error answers mapped to the SDK's errors, and the
// host's token refreshed once for every call refused at the same moment.
import {
  HttpError,
  isClinicError,
  NetworkError,
  parseLiveEvent,
  type ClinicError,
  type Command,
  type LiveStreamHandlers,
} from '@virtual-clinic/sdk';

/** The server's answer to a call: an HTTP-like status, so its errors map as in the docs' table. */
export interface Answer {
  status: number;
  /** The payload (200), or `{ error: { code } }`. */
  body: unknown;
  /** How long to wait before a retry, in seconds (429, 503). */
  retryAfterSeconds?: number;
}

/** What a client says; every message carries the token it is sent with. */
export type ClientMessage =
  | { type: 'subscribe'; token: string | null; lastSeq: number | null }
  | { type: 'snapshot'; token: string | null }
  | { type: 'send'; token: string | null; command: Command; idempotencyKey: string };

/** What the server pushes on a subscription, once it accepted the user. */
export type StreamMessage =
  | { type: 'event'; event: unknown } // checked with parseLiveEvent before the core sees it
  | { type: 'heartbeat'; seq: number | null; serverTime: string | null };

/** The SDK's error for a refused call: retryable for 5xx and 429, `unauthorized` for 401. */
export function errorOf(answer: Answer): HttpError {
  const code = (answer.body as { error?: { code?: unknown } } | null)?.error?.code;
  return new HttpError(answer.status, code, answer.retryAfterSeconds);
}

/** Anything else thrown becomes a NetworkError (retryable), as the core would take it. */
export const asClinicError = (error: unknown): ClinicError => (isClinicError(error) ? error : new NetworkError('network', error));

/**
 * The handlers of one live stream, kept to the contract: `open` once the server accepted the user
 * (not when we started asking), `close` once and nothing after it (nor after the core's own
 * close, `stop`), and each message passed on: every heartbeat (the core's watchdog, not a timer
 * here, finds a dead stream), each event only after `parseLiveEvent` accepted it.
 */
export function streamHandlers(handlers: LiveStreamHandlers, stopped: () => void) {
  let closed = false;
  let opened = false;
  const open = () => {
    if (opened || closed) return;
    opened = true;
    handlers.onOpen();
  };
  return {
    open,
    isClosed: () => closed,
    close(error: ClinicError) {
      if (closed) return;
      closed = true;
      stopped();
      handlers.onClose(error);
    },
    /** What the core's returned function does: ends the stream, and no handler is called after it. */
    stop() {
      closed = true;
      stopped();
    },
    deliver(message: StreamMessage) {
      if (closed) return;
      open(); // a message means the server accepted the user
      handlers.onData?.();
      if (message.type === 'heartbeat') return handlers.onHeartbeat(message.seq, message.serverTime);
      let event;
      try {
        event = parseLiveEvent(message.event);
      } catch {
        // Never reaches the stores; the gap its seq leaves is closed by a snapshot.
        return;
      }
      handlers.onEvent(event);
    },
  };
}

export interface TokenSource {
  /** The host's current token; called for every call, never stored. */
  getToken: () => string | null | Promise<string | null>;
  /** Called once when the server refuses the token: a fresh one, or null to sign out. */
  refreshToken: () => Promise<string | null>;
}

/**
 * Makes a call with the host's token; on 401 asks for a fresh token once (one refresh for every
 * call refused at the same moment) and repeats the call with it. Resolves to the payload; rejects
 * with the answer's `HttpError` (`unauthorized` after a second refusal: the core signs out).
 */
export function authorizedCalls(tokens: TokenSource) {
  let refreshing: Promise<string | null> | null = null;
  const refreshOnce = () =>
    (refreshing ??= tokens
      .refreshToken()
      .catch(() => null)
      .finally(() => (refreshing = null)));

  return async function call(attempt: (token: string | null) => Promise<Answer>): Promise<unknown> {
    const sent = await tokens.getToken();
    let answer = await attempt(sent);
    if (answer.status === 401) {
      // Another call may have refreshed the token meanwhile: use that one.
      const current = await tokens.getToken();
      const fresh = current && current !== sent ? current : await refreshOnce();
      if (fresh) answer = await attempt(fresh);
    }
    if (answer.status >= 400) throw errorOf(answer);
    return answer.body;
  };
}
