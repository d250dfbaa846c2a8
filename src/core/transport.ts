/**
 * The contract between the state core and a backend. A host with its own backend implements this
 * interface (or the HTTP contract in docs/openapi.yaml, and uses HttpTransport). docs/transport.md
 * (in the package) gives the order of calls, when to call `onOpen`, the heartbeat watchdog, which
 * errors are retryable and how a refused token leads to a refresh or a sign-out. Implementations
 * validate every payload before handing it over with the exported `parseSnapshot`,
 * `parseChanges` and `parseLiveEvent` (issue 19.6) and reject with a ClinicError subclass.
 */
import type { ClinicError } from './errors/clinic-error.js';
import type { ContractViolation } from './contract/parse.js';
import type { Changes, Command, IceServers, LiveEvent, Snapshot } from './model.js';

export interface CommandOptions {
  /** Reused verbatim when the same command is retried, so the server applies it once. */
  idempotencyKey: string;
  signal?: AbortSignal;
}

export interface LiveStreamHandlers {
  /** The stream is open; events follow. */
  onOpen(): void;
  onEvent(event: LiveEvent): void;
  /**
   * An event arrived whose record broke the contract and was left out (issue 17.4): its `seq`
   * counts, so that no gap is seen and the stream stays live. A transport that cannot tell leaves
   * it out (the gap is then closed by a snapshot).
   */
  onSkipped?(seq: number): void;
  /**
   * The server said it is still there; `seq` is the stream's latest sequence number where the
   * server tells it, so that a client missing the last event notices.
   */
  onHeartbeat(seq: number | null, serverTime?: string | null): void;
  /**
   * Bytes arrived (any: an event, a heartbeat, a comment). A stream that opens but delivers none
   * is treated as push blocked by a buffering proxy (issue 16.2); a transport that cannot tell
   * leaves it out, and events and heartbeats count instead.
   */
  onData?(): void;
  /**
   * The stream says how far it has got (`seq`), without bytes of its own: the tab relay's word
   * when another tab's stream is shared (issue 16.3). A client that holds less catches up. Said
   * by the SDK's tab relay only; a transport need not call it (heartbeats carry the same).
   */
  onReached?(seq: number): void;
  /** The stream ended or failed; the core decides when to reconnect. */
  onClose(error: ClinicError): void;
}

export interface LiveStreamOptions {
  /** The last sequence number the client applied; the server may replay what came after it. */
  lastSeq: number | null;
}

export interface Transport {
  /**
   * Where this transport's live stream may be shared between the tabs of one user (issue 16.3):
   * the same key means the same backend (the HTTP transport gives its base URL). Without it each
   * clinic opens its own stream.
   */
  readonly streamKey?: string;
  snapshot(signal?: AbortSignal): Promise<Snapshot>;
  send(command: Command, options: CommandOptions): Promise<Changes>;
  /** Opens the live stream; the returned function closes it (and calls no handler after). */
  openLiveStream(handlers: LiveStreamHandlers, options: LiveStreamOptions): () => void;
  /**
   * The signed-in participant's ICE servers with short-lived TURN credentials (issue 18 §3),
   * for the built-in call. Optional: without it the call uses the servers its adapter was given.
   */
  iceServers?(signal?: AbortSignal): Promise<IceServers>;
  /**
   * Tells `listener` of each record from the backend (snapshot, live event, command answer) left
   * out, or kept without a bad field, because it broke the contract (issue 17.4); the clinic
   * passes it on to the host (`vc-contract-violation`). Returns the function that stops telling.
   * Optional: a transport that cannot tell leaves it out.
   */
  watchContractViolations?(listener: (violation: ContractViolation) => void): () => void;
}

/** What a transport made for `<vc-clinic base-url>` needs: where the backend is and the token source. */
export interface TransportConnection {
  /** The backend's base URL, such as `/api`. */
  baseUrl: string;
  /** Gives the current bearer token; called for every request, never stored. */
  getToken: () => string | null | Promise<string | null>;
  /** Called once when the backend refuses the token: a fresh token, or null to sign out. */
  refreshToken: () => Promise<string | null>;
}

/** Makes a transport for a connection. */
export type MakeTransport = (connection: TransportConnection) => Transport;

/**
 * Loads, on first use, what makes the transport of `<vc-clinic base-url>`. The registering entry
 * (`defineVirtualClinic`, which `@virtual-clinic/sdk/define` calls) hands `<vc-clinic>` one that
 * imports the HTTP transport on demand, so that elements never import a transport and a host with
 * its own transport never downloads the HTTP client.
 */
export type LazyTransportFactory = () => Promise<MakeTransport>;
