/**
 * The HTTP transport: the contract of docs/openapi.yaml over the platform's `fetch`, with live
 * events as server-sent events read from a fetch stream so that the token stays in the
 * Authorization header. This file holds the HTTP exchange (token, refresh, timeout, errors, a wrong
 * base URL) and the commands; reading the open live stream, from bytes to typed events, is
 * `live-stream.ts`.
 *
 * No HTTP client library (issue 15.5): what one adds (retries, hooks, HTTP errors, JSON helpers)
 * the core does itself, because the contract asks for it (the same idempotency key on every retry,
 * typed errors from the status, one token refresh on 401). ky, used until then with all of that
 * switched off, still cloned every request to keep it for a retry: in Chromium the clone of a
 * request with a body took 0.8–1.2 ms, and ky's option merging 0.9 ms more, between the click on
 * Accept and the request leaving; and it was 4.5 KB gzip of every page.
 */
import { ClinicError } from '../core/errors/clinic-error.js';
import { HttpError } from '../core/errors/http-error.js';
import { NetworkError } from '../core/errors/network-error.js';
import { PayloadError } from '../core/errors/payload-error.js';
import type { Changes, Command, IceServers, Snapshot } from '../core/model.js';
import { parseChangesKeepingValid, parseIceServers, parseSnapshot, type ContractViolation } from '../core/contract/parse.js';
import { isoTime, readLiveStream } from './live-stream.js';
import type { CommandOptions, LiveStreamHandlers, LiveStreamOptions, Transport } from '../core/transport.js';

export interface HttpTransportOptions {
  /** The backend's base URL, such as `https://ehr.example/api/virtual-clinic` or `/api`. */
  baseUrl: string;
  /** Gives the current bearer token; called for every request, never stored by the SDK. */
  getToken: () => string | null | Promise<string | null>;
  /**
   * Called once when the server answers 401, however many requests were in flight; resolves to
   * a fresh token, or null when the user must sign in again.
   */
  refreshToken?: () => Promise<string | null>;
  /**
   * How long a command or snapshot may wait for its answer, in ms (default 15 000; from 1 to
   * 2 147 483 647, else the constructor throws a RangeError). The live stream has no timeout.
   */
  timeoutMs?: number;
  /** A fetch to use instead of the global one (tests, or a host's instrumented fetch). */
  fetch?: typeof fetch;
  /**
   * Told of each record of a snapshot, a live event or a command's answer left out (or kept
   * without a bad nullable field) because it breaks the contract (issue 17.4): the record's kind,
   * id and bad field, never its value. The rest loads; the stream stays live. The clinic hears the
   * same through `watchContractViolations`.
   */
  onContractViolation?: (violation: ContractViolation) => void;
}

type Route = { method: 'post' | 'put'; path: string; body?: unknown };

/** The HTTP route of a command (docs/openapi.yaml); the test servers of other transports reuse it. */
export function routeOf(command: Command): Route {
  const id = (value: string) => encodeURIComponent(value);
  switch (command.type) {
    case 'request-session':
      return { method: 'post', path: 'requests', body: { providerId: command.providerId, serviceId: command.serviceId } };
    case 'cancel-request':
      return { method: 'post', path: `requests/${id(command.requestId)}/cancel` };
    case 'accept-request':
      return { method: 'post', path: `requests/${id(command.requestId)}/accept`, body: { enter: command.enter } };
    case 'decline-request':
      return { method: 'post', path: `requests/${id(command.requestId)}/decline`, body: { note: command.note } };
    case 'dismiss-request':
      return { method: 'post', path: `requests/${id(command.requestId)}/dismiss` };
    case 'set-availability':
      return { method: 'put', path: 'availability', body: { available: command.available } };
    case 'enter-session':
      return { method: 'post', path: `sessions/${id(command.sessionId)}/enter` };
    case 'leave-session':
      return { method: 'post', path: `sessions/${id(command.sessionId)}/leave` };
    case 'send-signal':
      return { method: 'post', path: `sessions/${id(command.sessionId)}/signal`, body: { type: command.signalType, payload: command.payload } };
  }
}

const isThenable = <T>(value: T | PromiseLike<T>): value is PromiseLike<T> => typeof (value as PromiseLike<T> | null)?.then === 'function';

function retryAfterSeconds(response: Response): number | undefined {
  const header = response.headers.get('Retry-After');
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

/** Where a base URL does not lead to a clinic backend, the developer reads why, once per page and base URL (issue 16.10). */
const toldDevelopers = new Set<string>();
function tellDeveloperOnce(baseUrl: string, reason: string): void {
  if (toldDevelopers.has(baseUrl)) return;
  toldDevelopers.add(baseUrl);
  console.error(`[virtual-clinic] base-url ${baseUrl} does not answer as a clinic backend: ${reason}. Check the base-url attribute (docs/backend.md).`);
}

/** One console line per bad field for the developer (`snapshot.providers[].name`), however many records break it. */
const toldViolations = new Set<string>();
function tellViolationOnce(violation: ContractViolation): void {
  const field = violation.path.replace(/\[\d+\]/g, '[]');
  if (toldViolations.has(field)) return;
  toldViolations.add(field);
  const outcome = violation.dropped === 'field' ? 'the record was kept without that field' : 'that record was left out';
  console.warn(`[virtual-clinic] the backend broke the contract at ${field}: ${outcome} (docs/openapi.yaml).`);
}

/** The base URL is wrong: the contract's own endpoints are missing, or answer something else. */
function misconfigured(): ClinicError {
  return new ClinicError('misconfigured');
}

function isJson(response: Response): boolean {
  return /^application\/([\w.+-]*\+)?json\b/i.test(response.headers.get('Content-Type') ?? '');
}

/** The server's clock from a response's `Date` header (readable cross-origin only where exposed). */
function dateHeader(response: Response): string | undefined {
  const date = Date.parse(response.headers.get('Date') ?? '');
  return Number.isNaN(date) ? undefined : new Date(date).toISOString();
}

async function errorFromResponse(response: Response): Promise<HttpError> {
  let code: unknown;
  try {
    const body = (await response.json()) as { error?: { code?: unknown } };
    code = body?.error?.code;
  } catch {
    // A proxy's HTML error page: the status alone says what happened.
  }
  return new HttpError(response.status, code, retryAfterSeconds(response));
}

/**
 * The cause a host may log: name and message only. A host's `fetch` may throw an error that holds the Request, and with it the
 * Authorization header (issue 8 §3: the token never appears in an error).
 */
function safeCause(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const cause = new Error(error.message);
  cause.name = error.name;
  return cause;
}

function asClinicError(error: unknown): ClinicError {
  if (error instanceof ClinicError) return error;
  if (error instanceof Error && error.name === 'TimeoutError') return new NetworkError('timeout', safeCause(error));
  return new NetworkError('network', safeCause(error));
}

/** The longest delay a browser's timer keeps (2³¹ − 1 ms, about 24.8 days). */
const MAX_TIMER_MS = 2_147_483_647;

/** One HTTP exchange's options (ms for the timeout; `false`: none, as the live stream has). */
interface ExchangeOptions {
  /** Sent as the JSON body, with `Content-Type: application/json`. */
  json?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal | undefined;
  timeout?: number | false;
}

/**
 * Runs `exchange` with a signal that aborts when `signal` does, or `ms` after the start; then it
 * rejects with a `TimeoutError`, also when a host's own `fetch` ignores the signal. The time covers
 * the answer's headers, not reading its body; `signal` still aborts the body afterwards.
 */
function withTimeout(exchange: (signal: AbortSignal) => Promise<Response>, ms: number, signal: AbortSignal | undefined): Promise<Response> {
  const controller = new AbortController();
  if (signal?.aborted) controller.abort(signal.reason);
  else signal?.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
  return new Promise<Response>((resolve, reject) => {
    const timer = setTimeout(() => {
      const error = new Error(`no answer within ${ms} ms`);
      error.name = 'TimeoutError';
      controller.abort(error);
      reject(error);
    }, ms);
    let answer: Promise<Response>;
    try {
      answer = exchange(controller.signal);
    } catch (error) {
      // A host's fetch that throws at once (or a Request the browser refuses): no timer left behind.
      clearTimeout(timer);
      reject(error);
      return;
    }
    answer.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    throw new PayloadError('body');
  }
}

export class HttpTransport implements Transport {
  readonly #options: HttpTransportOptions;
  readonly #baseUrl: string;
  readonly #timeoutMs: number;
  #refreshing: Promise<string | null> | null = null;
  #corsProbe: Promise<boolean> | null = null;
  #answered = false;
  readonly #violationListeners = new Set<(violation: ContractViolation) => void>();
  /** Tells the developer (console, once per field), the option and every listener. */
  readonly #reportViolation = (violation: ContractViolation): void => {
    tellViolationOnce(violation);
    this.#options.onContractViolation?.(violation);
    for (const listener of this.#violationListeners) listener(violation);
  };

  constructor(options: HttpTransportOptions) {
    this.#options = options;
    const base = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;
    this.#baseUrl = new URL(base, globalThis.location?.href ?? 'http://localhost/').href;
    this.#timeoutMs = options.timeoutMs ?? 15_000;
    // A browser runs a longer timer at once: every request would time out as it starts.
    if (!(this.#timeoutMs > 0 && this.#timeoutMs <= MAX_TIMER_MS)) throw new RangeError(`timeoutMs must be a number of ms from 1 to ${MAX_TIMER_MS}, got ${options.timeoutMs}`);
  }

  /** The host's fetch, or the global one as it is now (a test or a host may wrap it after us). */
  get #fetch(): typeof fetch {
    return this.#options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  /** The tabs of one user share one stream per base URL (issue 16.3). */
  get streamKey(): string {
    return this.#baseUrl;
  }

  async snapshot(signal?: AbortSignal): Promise<Snapshot> {
    const response = await this.#request('get', 'snapshot', { signal }, true);
    if (!isJson(response)) {
      // An HTML page (a single-page app's fallback, a login portal): not the clinic's API.
      tellDeveloperOnce(this.#baseUrl, `GET snapshot answered ${response.headers.get('Content-Type') || 'no Content-Type'}, not JSON`);
      throw misconfigured();
    }
    const body = await readJson(response);
    const snapshot = parseSnapshot(body, 'snapshot', this.#reportViolation);
    // Durations are measured on the server's clock (issue 16.7): its own word, else the Date header.
    const serverTime = isoTime((body as { serverTime?: unknown }).serverTime) ?? dateHeader(response);
    return serverTime === undefined ? snapshot : { ...snapshot, serverTime };
  }

  async iceServers(signal?: AbortSignal): Promise<IceServers> {
    const response = await this.#request('get', 'ice-servers', { signal });
    return parseIceServers(await readJson(response));
  }

  async send(command: Command, options: CommandOptions): Promise<Changes> {
    const route = routeOf(command);
    const response = await this.#request(route.method, route.path, {
      json: route.body ?? {},
      headers: { 'Idempotency-Key': options.idempotencyKey },
      signal: options.signal,
    });
    return parseChangesKeepingValid(await readJson(response), 'changes', this.#reportViolation);
  }

  watchContractViolations(listener: (violation: ContractViolation) => void): () => void {
    this.#violationListeners.add(listener);
    return () => this.#violationListeners.delete(listener);
  }

  openLiveStream(handlers: LiveStreamHandlers, options: LiveStreamOptions): () => void {
    const controller = new AbortController();
    let closed = false;
    const close = (error: ClinicError) => {
      if (closed) return;
      closed = true;
      handlers.onClose(error);
    };
    void this.#readStream(handlers, options, controller.signal, close).catch((error: unknown) => {
      if (controller.signal.aborted) return;
      close(asClinicError(error));
      controller.abort();
    });
    return () => {
      closed = true;
      controller.abort();
    };
  }

  /** Opens `GET events` (the HTTP exchange's checks first), then reads it to its end (`live-stream.ts`). */
  async #readStream(
    handlers: LiveStreamHandlers,
    options: LiveStreamOptions,
    signal: AbortSignal,
    close: (error: ClinicError) => void,
  ): Promise<void> {
    const headers: Record<string, string> = { Accept: 'text/event-stream' };
    if (options.lastSeq !== null) headers['Last-Event-ID'] = String(options.lastSeq);
    const response = await this.#request('get', 'events', { headers, signal, timeout: false }, true);
    if (!response.body || !(response.headers.get('Content-Type') ?? '').includes('text/event-stream')) {
      tellDeveloperOnce(this.#baseUrl, `GET events answered ${response.headers.get('Content-Type') || 'no Content-Type'}, not text/event-stream`);
      throw misconfigured();
    }
    handlers.onOpen();
    await readLiveStream(response.body, handlers, signal, this.#reportViolation);
    close(new NetworkError('network'));
  }

  /**
   * One HTTP exchange with the bearer token, refreshing it once on 401 (the status alone decides:
   * issue 17.7). `ownEndpoint`: a path every clinic backend serves, so a 404 there means a wrong
   * base URL rather than a missing item (issue 16.10).
   */
  async #request(method: 'get' | 'post' | 'put', path: string, options: ExchangeOptions, ownEndpoint = false): Promise<Response> {
    // A token given at once is used at once: the request leaves in the caller's task, before the
    // screen re-renders the click that sent it (issue 15.5).
    const pending = this.#token(this.#options.getToken);
    const sentToken = isThenable(pending) ? await pending : pending;
    let response = await this.#fetchWithToken(method, path, options, sentToken);
    if (response.status === 401 && this.#options.refreshToken) {
      // A request sent with the old token while another one refreshed it just uses the new one.
      const current = await this.#token(this.#options.getToken);
      const token = current && current !== sentToken ? current : await this.#refreshOnce();
      if (token) response = await this.#fetchWithToken(method, path, options, token);
    }
    if (ownEndpoint && response.status === 404) {
      tellDeveloperOnce(this.#baseUrl, `GET ${path} answered 404`);
      throw misconfigured();
    }
    if (!response.ok) throw await errorFromResponse(response);
    return response;
  }

  /**
   * The host's token: as it was given (at once, or a promise). A host callback that throws, or
   * whose promise rejects, becomes a typed error, its own error left behind.
   */
  #token(source: () => string | null | PromiseLike<string | null>): string | null | Promise<string | null> {
    let token: string | null | PromiseLike<string | null>;
    try {
      token = source();
    } catch {
      throw new ClinicError('token-unavailable');
    }
    if (!isThenable(token)) return token;
    return Promise.resolve(token).catch(() => {
      throw new ClinicError('token-unavailable');
    });
  }

  async #fetchWithToken(method: 'get' | 'post' | 'put', path: string, options: ExchangeOptions, token: string | null): Promise<Response> {
    const headers = new Headers(options.headers);
    if (token) headers.set('Authorization', `Bearer ${token}`);
    let body: string | undefined;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers.set('Content-Type', 'application/json');
    }
    const doFetch = this.#fetch;
    const url = this.#baseUrl + path;
    const init = { method: method.toUpperCase(), headers, body, credentials: 'omit', cache: 'no-store' } satisfies RequestInit;
    const timeout = options.timeout ?? this.#timeoutMs;
    try {
      const response = await (timeout === false
        ? doFetch(new Request(url, { ...init, signal: options.signal ?? null }))
        : withTimeout((signal) => doFetch(new Request(url, { ...init, signal })), timeout, options.signal));
      this.#answered = true;
      return response;
    } catch (error) {
      const clinicError = asClinicError(error);
      // A backend that answered once is reachable under CORS: later failures are the network's.
      if (clinicError.code === 'network' && !this.#answered && !options.signal?.aborted && (await this.#refusedByCors())) {
        tellDeveloperOnce(this.#baseUrl, 'the browser refused the answer (CORS: the backend must allow this page\'s origin and the Authorization header)');
        throw misconfigured();
      }
      throw clinicError;
    }
  }

  /**
   * A fetch that fails with a TypeError is a dropped network or a CORS refusal; the browser does not
   * say which. A request without CORS (`no-cors`, no credentials, no token) reaches a server that
   * is there: if it does, the failure was CORS. Only for another origin, and once per base URL.
   */
  #refusedByCors(): Promise<boolean> {
    if (this.#corsProbe) return this.#corsProbe;
    const here = globalThis.location?.origin;
    if (!here || new URL(this.#baseUrl).origin === here) return Promise.resolve(false);
    const doFetch = this.#fetch;
    // A host's fetch that throws at once answers "not CORS", as one that rejects does.
    this.#corsProbe = Promise.resolve()
      .then(() => doFetch(new URL('snapshot', this.#baseUrl).href, { mode: 'no-cors', credentials: 'omit', cache: 'no-store' }))
      .then(
      () => true,
      () => false,
    );
    // A drop is asked about again next time; a refusal stays a refusal.
    void this.#corsProbe.then((refused) => {
      if (!refused) this.#corsProbe = null;
    });
    return this.#corsProbe;
  }

  /** Many requests may fail with 401 at once; they all wait for one refresh. */
  #refreshOnce(): Promise<string | null> {
    if (!this.#refreshing) {
      const refresh = this.#options.refreshToken!;
      this.#refreshing = new Promise<string | null>((resolve) => resolve(this.#token(refresh)))
        .catch(() => null)
        .finally(() => {
          this.#refreshing = null;
        });
    }
    return this.#refreshing;
  }
}
