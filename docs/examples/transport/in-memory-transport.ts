// docs/transport.md — an in-memory transport: the backend is an object in the same page (a
// storybook, an offline demo, a test of your page's wiring). No wire, so every rule of the
// Transport contract shows plainly: the order of calls, onOpen, heartbeats passed on, errors as
// ClinicErrors, a refused token refreshed once, and every payload checked before the core sees it.
import {
  NetworkError,
  parseChanges,
  parseSnapshot,
  type Changes,
  type Command,
  type CommandOptions,
  type LiveStreamHandlers,
  type LiveStreamOptions,
  type Snapshot,
  type Transport,
} from '@virtual-clinic/sdk';
import { asClinicError, authorizedCalls, streamHandlers, type Answer, type StreamMessage, type TokenSource } from './protocol.js';

/** The backend, in the same page. Its answers are untrusted data, as if they came over a wire. */
export interface InMemoryClinicServer {
  snapshot(token: string | null): Promise<Answer>;
  send(token: string | null, command: Command, idempotencyKey: string): Promise<Answer>;
  /**
   * Subscribes to the user's live events. A 200 answer means the server accepted the user; only
   * then does it call `listener` (events and heartbeats, in order) and, when it ends the
   * subscription, `onEnd`. `unsubscribe` stops both.
   */
  subscribe(
    token: string | null,
    lastSeq: number | null,
    listener: (message: StreamMessage) => void,
    onEnd: () => void,
  ): Promise<{ answer: Answer; unsubscribe(): void }>;
}

export class InMemoryTransport implements Transport {
  readonly #server: InMemoryClinicServer;
  readonly #call: ReturnType<typeof authorizedCalls>;

  constructor(server: InMemoryClinicServer, tokens: TokenSource) {
    this.#server = server;
    this.#call = authorizedCalls(tokens);
  }

  async snapshot(): Promise<Snapshot> {
    return parseSnapshot(await this.#call((token) => this.#server.snapshot(token)));
  }

  async send(command: Command, { idempotencyKey }: CommandOptions): Promise<Changes> {
    // A retry of the same command comes with the same key: the server applies it once.
    return parseChanges(await this.#call((token) => this.#server.send(token, command, idempotencyKey)));
  }

  openLiveStream(handlers: LiveStreamHandlers, { lastSeq }: LiveStreamOptions): () => void {
    let unsubscribe = () => {};
    const stream = streamHandlers(handlers, () => unsubscribe());
    this.#call(async (token) => {
      const subscription = await this.#server.subscribe(token, lastSeq, stream.deliver, () => stream.close(new NetworkError('network')));
      if (subscription.answer.status === 200) {
        if (stream.isClosed()) subscription.unsubscribe();
        else unsubscribe = subscription.unsubscribe;
      }
      return subscription.answer;
    }).then(stream.open, (error: unknown) => stream.close(asClinicError(error)));
    // Called by the core on sign-out, on destroy, by the heartbeat watchdog and before a reconnect.
    return stream.stop;
  }
}
