/**
 * Keeps the entity state equal to the server's: a snapshot on every (re)connect, then the live
 * events in sequence. A duplicate is ignored, a gap or reordering triggers a resync; a dropped or
 * silent stream reconnects with backoff; a stream that never opens falls back to polling.
 */
import { atom } from 'nanostores';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.js';
import type { Clock } from './clock.js';
import type { ConnectionState } from './connection.js';
import type { EntityState } from './entity-state.js';
import type { ClinicError } from './errors/clinic-error.js';
import { NetworkError } from './errors/network-error.js';
import type { Snapshot, LiveEvent, Signal } from './model.js';
import type { Transport } from './transport.js';

export interface LiveSyncOptions {
  backoff?: BackoffPolicy;
  /** Silence longer than this means the stream is dead (the server beats every 10 s). */
  heartbeatTimeoutMs?: number;
  /** How often to take a snapshot while push is unavailable. */
  pollIntervalMs?: number;
  /** Failed stream attempts before polling starts beside the retries. */
  pollAfterFailures?: number;
  /**
   * Whether this tab polls at the full rate; the others (followers of a leading tab) poll three
   * times less often and hear the leader's snapshots through `onPolled`.
   */
  pollsFully?: () => boolean;
  /** A snapshot taken by polling, for the leading tab to share. */
  onPolled?: (snapshot: Snapshot) => void;
  random?: () => number;
}

export class LiveSync {
  readonly $connection = atom<ConnectionState>('idle');
  /** How many snapshots were taken: a figure for tests and benchmarks. */
  snapshotsTaken = 0;

  readonly #transport: Transport;
  readonly #state: EntityState;
  readonly #clock: Clock;
  readonly #onSignedOut: (error: ClinicError) => void;
  readonly #onSignal: (signal: Signal) => void;
  readonly #backoff: BackoffPolicy;
  readonly #heartbeatTimeoutMs: number;
  readonly #pollIntervalMs: number;
  readonly #pollAfterFailures: number;
  readonly #options: LiveSyncOptions;
  readonly #random: () => number;

  #running = false;
  #generation = 0;
  #lastSeq: number | null = null;
  #snapshotApplied = false;
  #buffer: LiveEvent[] = [];
  #closeStream: (() => void) | null = null;
  #attempt = 0;
  #reconnectTimer: unknown = null;
  #watchdog: unknown = null;
  #pollTimer: unknown = null;
  #epoch: string | null = null;
  #polling = false;
  #snapshotInFlight: Promise<boolean> | null = null;
  #snapshotGeneration = -1;
  #synced: Array<() => void> = [];
  /** The seqs of the signals handed over already, so that a replay or a held event is not handed over twice. */
  #signalsDelivered = new Set<number>();

  constructor(
    transport: Transport,
    state: EntityState,
    clock: Clock,
    onSignedOut: (error: ClinicError) => void,
    options: LiveSyncOptions = {},
    onSignal: (signal: Signal) => void = () => {},
  ) {
    this.#transport = transport;
    this.#state = state;
    this.#clock = clock;
    this.#onSignedOut = onSignedOut;
    this.#onSignal = onSignal;
    this.#backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.#heartbeatTimeoutMs = options.heartbeatTimeoutMs ?? 25_000;
    this.#pollIntervalMs = options.pollIntervalMs ?? 10_000;
    this.#pollAfterFailures = options.pollAfterFailures ?? 3;
    this.#options = options;
    this.#random = options.random ?? Math.random;
  }

  get running(): boolean {
    return this.#running;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#attempt = 0;
    this.#connect();
  }

  stop(state: ConnectionState = 'idle'): void {
    this.#running = false;
    this.#generation++;
    this.#teardown();
    this.#stopPolling();
    this.#snapshotInFlight = null;
    this.$connection.set(state);
    // Whoever waits for a sync learns that none is coming (signed out, or stopped): they read
    // $connection; a promise left pending would hang a host's `await clinic.start()`.
    for (const resolve of this.#synced.splice(0)) resolve();
  }

  /** Forget the stream position (after sign-out the next user starts afresh). */
  reset(): void {
    this.#lastSeq = null;
    this.#snapshotApplied = false;
    this.#buffer = [];
    this.#signalsDelivered.clear();
  }

  /** Reconnect now: the network came back, the tab became visible, the machine woke. */
  wake(): void {
    if (!this.#running) return;
    const state = this.$connection.get();
    if (state === 'connected') {
      void this.resync();
      return;
    }
    this.#attempt = 0;
    this.#connect();
  }

  /** The browser reports it lost the network: show it, and keep trying. */
  markOffline(): void {
    if (this.#running && this.$connection.get() !== 'connected') this.$connection.set('offline');
  }

  /** Takes a snapshot now and resolves once it is applied (false when it failed). */
  resync(): Promise<boolean> {
    this.#snapshotApplied = false;
    // Stopped (signed out, idle): a snapshot now would refill what sign-out emptied.
    if (!this.#running) return Promise.resolve(false);
    return this.#takeSnapshot(this.#generation);
  }

  /** Resolves when the state is in sync with the server (now, if it already is). */
  whenSynced(): Promise<void> {
    const state = this.$connection.get();
    if (state === 'signed-out') return Promise.resolve();
    if (this.#snapshotApplied && (state === 'connected' || state === 'polling')) return Promise.resolve();
    return new Promise((resolve) => this.#synced.push(resolve));
  }

  #connect(): void {
    this.#teardown();
    const generation = ++this.#generation;
    const state = this.$connection.get();
    if (state !== 'polling') this.$connection.set(state === 'idle' || state === 'connecting' || state === 'signed-out' ? 'connecting' : 'reconnecting');
    this.#snapshotApplied = false;
    this.#buffer = [];
    this.#closeStream = this.#transport.openLiveStream(
      {
        onOpen: () => {
          if (generation !== this.#generation) return;
          this.#armWatchdog();
          void this.#takeSnapshot(generation);
        },
        onEvent: (event) => {
          if (generation !== this.#generation) return;
          this.#armWatchdog();
          this.#receive(event);
        },
        onHeartbeat: (seq) => {
          if (generation !== this.#generation) return;
          this.#armWatchdog();
          // The server says how far the stream has got: if we hold less, an event was lost on
          // the way, and no later event would reveal the gap.
          if (seq !== null && this.#snapshotApplied && seq > (this.#lastSeq ?? 0)) void this.resync();
        },
        onClose: (error) => {
          if (generation !== this.#generation) return;
          this.#closeStream = null;
          this.#failed(error);
        },
      },
      { lastSeq: this.#lastSeq },
    );
    this.#armWatchdog();
  }

  #receive(event: LiveEvent): void {
    // A signal is handed over as soon as it arrives, even while a snapshot is under way: no
    // snapshot holds it, so waiting for one (which then covers its seq) would lose it. Its seq
    // still goes through the ordering below, so that gaps are noticed as for any event.
    if (event.type === 'signal') this.#deliverSignal(event.seq, event.signal);
    if (!this.#snapshotApplied) {
      this.#buffer.push(event);
      return;
    }
    const last = this.#lastSeq ?? 0;
    if (event.seq <= last) return; // a duplicate, or a replay we already hold
    if (event.seq > last + 1) {
      // A gap: something was lost or comes out of order. The snapshot is the truth; events held
      // meanwhile are applied after it.
      this.#buffer.push(event);
      void this.resync();
      return;
    }
    this.#state.applyEvent(event);
    this.#lastSeq = event.seq;
  }

  #deliverSignal(seq: number, signal: Signal): void {
    if (this.#signalsDelivered.has(seq)) return;
    this.#signalsDelivered.add(seq);
    // Enough to recognise replays of a reconnect; the oldest entries go first.
    if (this.#signalsDelivered.size > 500) this.#signalsDelivered.delete(this.#signalsDelivered.values().next().value!);
    this.#onSignal(signal);
  }

  #takeSnapshot(generation: number): Promise<boolean> {
    // A snapshot already under way for this connection serves; one for an older connection does
    // not (its answer will be dropped), so this connection takes its own.
    if (this.#snapshotInFlight && this.#snapshotGeneration === generation) return this.#snapshotInFlight;
    this.#snapshotGeneration = generation;
    const attempt = this.#snapshotOnce(generation).finally(() => {
      if (this.#snapshotInFlight === attempt) this.#snapshotInFlight = null;
    });
    this.#snapshotInFlight = attempt;
    return attempt;
  }

  async #snapshotOnce(generation: number): Promise<boolean> {
    try {
      const snapshot = await this.#transport.snapshot();
      if (generation !== this.#generation) return false;
      this.snapshotsTaken++;
      const startedOver = snapshot.epoch !== undefined && this.#epoch !== null && snapshot.epoch !== this.#epoch;
      if (snapshot.epoch !== undefined) this.#epoch = snapshot.epoch;
      this.#state.replace(snapshot, startedOver);
      // The server's stream started over (a reset backend): old seqs will be reused.
      if (startedOver || snapshot.seq < (this.#lastSeq ?? 0)) this.#signalsDelivered.clear();
      this.#lastSeq = snapshot.seq;
      this.#snapshotApplied = true;
      const held = this.#buffer.sort((a, b) => a.seq - b.seq);
      this.#buffer = [];
      for (const event of held) this.#receive(event);
      if (this.#closeStream) {
        this.#attempt = 0;
        this.#stopPolling();
        this.$connection.set('connected');
      } else {
        this.$connection.set('polling');
        this.#options.onPolled?.(snapshot);
      }
      for (const resolve of this.#synced.splice(0)) resolve();
      return true;
    } catch (error) {
      if (generation !== this.#generation) return false;
      const clinicError = error as ClinicError;
      if (clinicError.code === 'unauthorized') this.#signedOut(clinicError);
      else if (this.#closeStream) {
        // The stream is up but the snapshot failed: start over, so nothing is applied on a guess.
        this.#closeStream();
        this.#closeStream = null;
        this.#failed(clinicError);
      }
      return false;
    }
  }

  #failed(error: ClinicError): void {
    this.#clearWatchdog();
    if (!this.#running) return;
    if (error.code === 'unauthorized') {
      this.#signedOut(error);
      return;
    }
    const offline = globalThis.navigator?.onLine === false;
    if (this.$connection.get() !== 'polling') this.$connection.set(offline ? 'offline' : 'reconnecting');
    this.#attempt++;
    if (this.#attempt >= this.#pollAfterFailures) this.#startPolling();
    const delay = backoffDelay(this.#attempt - 1, this.#backoff, this.#random);
    this.#reconnectTimer = this.#clock.setTimeout(() => {
      this.#reconnectTimer = null;
      this.#connect();
    }, delay);
  }

  #signedOut(error: ClinicError): void {
    this.stop('signed-out');
    this.#onSignedOut(error);
  }

  #startPolling(): void {
    if (this.#polling) return;
    this.#polling = true;
    const poll = async () => {
      this.#pollTimer = null;
      if (!this.#closeStream) await this.#takeSnapshot(this.#generation);
      if (!this.#polling) return;
      // Scheduled after the snapshot, when this tab knows whether it leads its user's tabs.
      const leads = this.#options.pollsFully?.() ?? true;
      this.#pollTimer = this.#clock.setTimeout(() => void poll(), leads ? this.#pollIntervalMs : 3 * this.#pollIntervalMs);
    };
    void poll();
  }

  #stopPolling(): void {
    this.#polling = false;
    if (this.#pollTimer !== null) this.#clock.clearTimeout(this.#pollTimer);
    this.#pollTimer = null;
  }

  #armWatchdog(): void {
    this.#clearWatchdog();
    this.#watchdog = this.#clock.setTimeout(() => {
      this.#watchdog = null;
      // Silence: the connection may be dead without either side having noticed (Wi-Fi roaming).
      this.#closeStream?.();
      this.#closeStream = null;
      this.#failed(new NetworkError('timeout'));
    }, this.#heartbeatTimeoutMs);
  }

  #clearWatchdog(): void {
    if (this.#watchdog !== null) this.#clock.clearTimeout(this.#watchdog);
    this.#watchdog = null;
  }

  /** Ends the stream and its timers; polling goes on across reconnect attempts (stop() ends it). */
  #teardown(): void {
    this.#closeStream?.();
    this.#closeStream = null;
    this.#clearWatchdog();
    if (this.#reconnectTimer !== null) this.#clock.clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = null;
  }
}
