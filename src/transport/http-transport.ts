/**
 * The HTTP transport: the contract of docs/openapi.yaml over fetch (through ky), with live events
 * as server-sent events read from a fetch stream so that the token stays in the Authorization
 * header. The only module that imports the HTTP client.
 */
import ky, { type KyInstance, type Options as KyOptions } from 'ky';
import { ClinicError } from '../core/errors/clinic-error.js';
import { HttpError } from '../core/errors/http-error.js';
import { NetworkError } from '../core/errors/network-error.js';
import { PayloadError } from '../core/errors/payload-error.js';
import type { Changes, Command, Snapshot } from '../core/model.js';
import { parseChanges, parseLiveEvent, parseSnapshot } from '../core/contract/parse.js';
import { SseParser } from './sse-parser.js';
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
  /** How long a command or snapshot may take, in ms (the live stream has no timeout). */
  timeoutMs?: number;
  /** A fetch to use instead of the global one (tests, or a host's instrumented fetch). */
  fetch?: typeof fetch;
}

type Route = { method: 'post' | 'put'; path: string; body?: unknown };

function routeOf(command: Command): Route {
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

function retryAfterSeconds(response: Response): number | undefined {
  const header = response.headers.get('Retry-After');
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
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
 * The cause a host may log: name and message only. ky's errors hold the Request, and with it the
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

/** A heartbeat's `{"seq": n}`; anything else (older servers send `{}`) means unknown. */
function heartbeatSeq(data: string): number | null {
  try {
    const seq = (JSON.parse(data) as { seq?: unknown }).seq;
    return typeof seq === 'number' && Number.isSafeInteger(seq) && seq >= 0 ? seq : null;
  } catch {
    return null;
  }
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    throw new PayloadError('body');
  }
}

export class HttpTransport implements Transport {
  readonly #http: KyInstance;
  readonly #options: HttpTransportOptions;
  #refreshing: Promise<string | null> | null = null;

  constructor(options: HttpTransportOptions) {
    this.#options = options;
    const base = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;
    const kyOptions: KyOptions = {
      prefixUrl: new URL(base, globalThis.location?.href ?? 'http://localhost/').href,
      retry: 0, // the core retries commands itself, with the same idempotency key
      throwHttpErrors: false,
      timeout: options.timeoutMs ?? 15_000,
      credentials: 'omit',
      cache: 'no-store',
    };
    if (options.fetch) kyOptions.fetch = options.fetch;
    this.#http = ky.create(kyOptions);
  }

  async snapshot(signal?: AbortSignal): Promise<Snapshot> {
    const response = await this.#request('get', 'snapshot', { signal });
    return parseSnapshot(await readJson(response));
  }

  async send(command: Command, options: CommandOptions): Promise<Changes> {
    const route = routeOf(command);
    const response = await this.#request(route.method, route.path, {
      json: route.body ?? {},
      headers: { 'Idempotency-Key': options.idempotencyKey },
      signal: options.signal,
    });
    return parseChanges(await readJson(response));
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

  async #readStream(
    handlers: LiveStreamHandlers,
    options: LiveStreamOptions,
    signal: AbortSignal,
    close: (error: ClinicError) => void,
  ): Promise<void> {
    const headers: Record<string, string> = { Accept: 'text/event-stream' };
    if (options.lastSeq !== null) headers['Last-Event-ID'] = String(options.lastSeq);
    const response = await this.#request('get', 'events', { headers, signal, timeout: false });
    if (!response.body || !(response.headers.get('Content-Type') ?? '').includes('text/event-stream')) {
      throw new PayloadError('events.contentType');
    }
    handlers.onOpen();
    const parser = new SseParser((message) => {
      if (signal.aborted) return;
      if (message.event === 'heartbeat') {
        handlers.onHeartbeat(heartbeatSeq(message.data));
        return;
      }
      if (message.event !== 'change') return;
      let payload: unknown;
      try {
        payload = JSON.parse(message.data);
      } catch {
        throw new PayloadError('event.data');
      }
      handlers.onEvent(parseLiveEvent(payload));
    });
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parser.push(decoder.decode(value, { stream: true }));
      }
    } finally {
      reader.releaseLock();
    }
    close(new NetworkError('network'));
  }

  /** One HTTP exchange with the bearer token, refreshing it once on 401. */
  async #request(method: 'get' | 'post' | 'put', path: string, options: KyOptions): Promise<Response> {
    const sentToken = await this.#options.getToken();
    let response = await this.#fetchWithToken(method, path, options, sentToken);
    if (response.status === 401 && this.#options.refreshToken) {
      // A request sent with the old token while another one refreshed it just uses the new one.
      const current = await this.#options.getToken();
      const token = current && current !== sentToken ? current : await this.#refreshOnce();
      if (token) response = await this.#fetchWithToken(method, path, options, token);
    }
    if (!response.ok) throw await errorFromResponse(response);
    return response;
  }

  async #fetchWithToken(method: 'get' | 'post' | 'put', path: string, options: KyOptions, token: string | null): Promise<Response> {
    const headers = new Headers(options.headers as HeadersInit | undefined);
    if (token) headers.set('Authorization', `Bearer ${token}`);
    try {
      return await this.#http(path, { ...options, method, headers });
    } catch (error) {
      throw asClinicError(error);
    }
  }

  /** Many requests may fail with 401 at once; they all wait for one refresh. */
  #refreshOnce(): Promise<string | null> {
    if (!this.#refreshing) {
      const refresh = this.#options.refreshToken!;
      this.#refreshing = refresh()
        .catch(() => null)
        .finally(() => {
          this.#refreshing = null;
        });
    }
    return this.#refreshing;
  }
}
