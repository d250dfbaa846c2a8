// docs/transport.md — a WebSocket transport. The protocol is this example's (yours will differ):
// the live stream is one socket that subscribes with the token and is acknowledged; a snapshot or
// a command is one short-lived socket that carries one request and one answer (short to show; a
// production transport may multiplex calls on one socket with request ids). The server refuses
// with the close code 4000 + an HTTP status (4401: not signed in), its error code as the reason.
import {
  NetworkError,
  parseChanges,
  parseSnapshot,
  PayloadError,
  type Changes,
  type Command,
  type CommandOptions,
  type LiveStreamHandlers,
  type LiveStreamOptions,
  type Snapshot,
  type Transport,
} from '@virtual-clinic/sdk';
import { asClinicError, authorizedCalls, streamHandlers, type Answer, type ClientMessage, type StreamMessage, type TokenSource } from './protocol.js';

export interface WebSocketTransportOptions extends TokenSource {
  /** The backend's socket, such as `wss://clinic.example/live`. */
  url: string;
  /** How long a snapshot or a command may take, in ms (the live stream has none: the core watches it). */
  timeoutMs?: number;
}

/** The server's refusal in a close code (4000 + status); null for a close of the network's making. */
function refusalOf(event: CloseEvent): Answer | null {
  if (event.code < 4000 || event.code > 4999) return null;
  return { status: event.code - 4000, body: { error: { code: event.reason } } };
}

function readMessage(data: unknown): { type?: unknown } & Record<string, unknown> {
  try {
    const message: unknown = JSON.parse(String(data));
    if (message && typeof message === 'object') return message as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new PayloadError('message');
}

export class WebSocketTransport implements Transport {
  readonly #options: WebSocketTransportOptions;
  readonly #call: ReturnType<typeof authorizedCalls>;

  constructor(options: WebSocketTransportOptions) {
    this.#options = options;
    this.#call = authorizedCalls(options);
  }

  async snapshot(signal?: AbortSignal): Promise<Snapshot> {
    return parseSnapshot(await this.#call((token) => this.#ask({ type: 'snapshot', token }, signal)));
  }

  async send(command: Command, { idempotencyKey, signal }: CommandOptions): Promise<Changes> {
    // A retry of the same command comes with the same key: the server applies it once.
    return parseChanges(await this.#call((token) => this.#ask({ type: 'send', token, command, idempotencyKey }, signal)));
  }

  /** One request on its own socket: resolves to the server's answer; a socket that fails is a NetworkError. */
  #ask(request: ClientMessage, signal?: AbortSignal): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(this.#options.url);
      const settle = (outcome: () => void) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        socket.onclose = socket.onmessage = null;
        socket.close();
        outcome();
      };
      const onAbort = () => settle(() => reject(new NetworkError('network')));
      const timer = setTimeout(() => settle(() => reject(new NetworkError('timeout'))), this.#options.timeoutMs ?? 15_000);
      signal?.addEventListener('abort', onAbort);
      socket.onopen = () => socket.send(JSON.stringify(request));
      socket.onmessage = ({ data }) =>
        settle(() => {
          const answer = readMessage(data);
          if (answer.type !== 'answer' || typeof answer.status !== 'number') return reject(new PayloadError('answer'));
          resolve(answer as unknown as Answer);
        });
      socket.onclose = (event) => {
        const refusal = refusalOf(event);
        settle(() => (refusal ? resolve(refusal) : reject(new NetworkError('network'))));
      };
    });
  }

  openLiveStream(handlers: LiveStreamHandlers, { lastSeq }: LiveStreamOptions): () => void {
    let socket: WebSocket | null = null;
    const stream = streamHandlers(handlers, () => socket?.close());
    const subscribe = (token: string | null) =>
      new Promise<Answer>((resolve, reject) => {
        const current = (socket = new WebSocket(this.#options.url));
        let subscribed = false;
        current.onopen = () => current.send(JSON.stringify({ type: 'subscribe', token, lastSeq } satisfies ClientMessage));
        current.onmessage = ({ data }) => {
          if (stream.isClosed()) return;
          let message;
          try {
            message = readMessage(data);
          } catch (error) {
            return stream.close(asClinicError(error));
          }
          // The socket's `open` is not enough: the stream is open once the server accepted the user.
          if (subscribed) stream.deliver(message as StreamMessage);
          else if (message.type === 'subscribed') {
            subscribed = true;
            resolve({ status: 200, body: null });
          }
        };
        current.onclose = (event) => {
          if (!subscribed) {
            const refusal = refusalOf(event);
            return refusal ? resolve(refusal) : reject(new NetworkError('network'));
          }
          // The stream ended: the core reconnects (and a refused token is refreshed then).
          stream.close(new NetworkError('network'));
        };
      });
    this.#call(subscribe).then(stream.open, (error: unknown) => stream.close(asClinicError(error)));
    // Called by the core on sign-out, on destroy, by the heartbeat watchdog and before a reconnect.
    return stream.stop;
  }
}
