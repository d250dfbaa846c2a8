/**
 * A backend that misbehaves on purpose, for the tests of issues 16 and 17: the mock clinic answers
 * everything, and a test scripts any route over it — a gateway that holds the stream, a proxy that
 * buffers it, a lagging replica, a flood of heartbeats, 404s, `Retry-After`, odd bodies. One helper
 * for every such test, so each test states only the misbehaviour.
 */
import { createClinic, type Clinic, type ClinicOptions } from '../../src/core/clinic.js';
import { HttpTransport, type HttpTransportOptions } from '../../src/transport/http-transport.js';
import { BASE_URL, createBackend, type Backend } from './fixtures.js';
import type { ManualClock } from './manual-clock.js';

/** `GET snapshot`, `GET events`, `POST requests`, `POST requests/*` … (paths after the base URL). */
export type RouteKey = string;
/** Answers a request; `passOn()` asks the mock clinic instead (to answer as is, or to alter). */
export type RouteHandler = (request: Request, passOn: () => Promise<Response>) => Response | Promise<Response>;

/** An event stream the test writes by hand. */
export interface ScriptedStream {
  readonly request: Request;
  write(text: string): void;
  heartbeat(seq: number, extra?: Record<string, unknown>): void;
  close(): void;
  /** Whether the client went away (cancelled the body). */
  readonly cancelled: boolean;
}

const encoder = new TextEncoder();

export function jsonAnswer(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

export function errorAnswer(status: number, code: string, headers: Record<string, string> = {}): Response {
  return jsonAnswer(status, { error: { code, message: 'scripted' } }, headers);
}

/** The same answer with its body passed through `edit` chunk by chunk (text in, text out; null drops the chunk). */
export function editStream(response: Response, edit: (chunk: string) => string | null): Response {
  const decoder = new TextDecoder();
  const body = response.body!.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        const text = edit(decoder.decode(chunk, { stream: true }));
        if (text) controller.enqueue(encoder.encode(text));
      },
    }),
  );
  return new Response(body, { status: response.status, headers: response.headers });
}

export class ScriptedBackend {
  /** The mock clinic behind the script (its `faults`, `state()`, `handle`). */
  readonly mock: Backend;
  /** Every request the clients sent, in order. */
  readonly sent: Request[] = [];
  /** The streams opened by `openScriptedStream`, in order. */
  readonly streams: ScriptedStream[] = [];
  readonly #routes = new Map<RouteKey, RouteHandler>();

  constructor(clock?: ManualClock) {
    this.mock = clock ? createBackend({ now: clock.now, timers: clock.timers }) : createBackend();
  }

  /** Scripts a route (`'GET snapshot'`, `'GET events'`, `'POST requests'`); `null` gives it back to the mock. */
  on(route: RouteKey, handler: RouteHandler | null): this {
    if (handler) this.#routes.set(route, handler);
    else this.#routes.delete(route);
    return this;
  }

  /** How many requests went to a route so far. */
  count(route: RouteKey): number {
    return this.sent.filter((request) => routeOf(request) === route).length;
  }

  readonly fetch: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    this.sent.push(request.clone());
    const handler = this.#routes.get(routeOf(request));
    const passOn = () => this.mock.handle(request);
    return handler ? handler(request, passOn) : passOn();
  };

  /** An event stream whose bytes the test writes (`write`, `heartbeat`); it sends nothing by itself. */
  openScriptedStream = (request: Request): Response => {
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    let open = true;
    const stream: ScriptedStream = {
      request,
      write: (text) => {
        if (open) controller.enqueue(encoder.encode(text));
      },
      heartbeat: (seq, extra = {}) => stream.write(`event: heartbeat\ndata: ${JSON.stringify({ seq, ...extra })}\n\n`),
      close: () => {
        if (!open) return;
        open = false;
        controller.close();
      },
      get cancelled() {
        return !open;
      },
    };
    const body = new ReadableStream<Uint8Array>({
      start: (c) => {
        controller = c;
      },
      cancel: () => {
        open = false;
      },
    });
    request.signal.addEventListener('abort', () => {
      open = false;
    });
    this.streams.push(stream);
    return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
  };

  /** A clinic of `token` talking to this backend through the real HTTP transport. */
  connect(token: string, options: { transport?: Partial<HttpTransportOptions>; clinic?: Partial<ClinicOptions> } = {}): Clinic {
    const transport = new HttpTransport({ baseUrl: BASE_URL, getToken: () => token, fetch: this.fetch, ...options.transport });
    return createClinic({ transport, watchWakeSignals: false, tabs: false, ...options.clinic });
  }

  close(): void {
    this.mock.close();
  }
}

/** `GET events`, `POST requests/*` (ids as `*`) for a request to the base URL. */
function routeOf(request: Request): RouteKey {
  const path = new URL(request.url).pathname.replace(new URL(BASE_URL).pathname, '').replace(/^\/+/, '');
  const parts = path.split('/').map((part, i) => (i === 1 && part !== '' ? '*' : part));
  return `${request.method} ${parts.join('/')}`;
}
