/**
 * Keeps the clinic's state equal to the server's: a snapshot on every (re)connect, asked for at once
 * beside the stream, then the live events in sequence. A duplicate is ignored; a gap is held and
 * closed by a snapshot, retried with backoff until one covers it; a dropped or silent stream
 * reconnects with backoff that resets only after a healthy spell; a stream that never opens, or
 * opens and delivers nothing, falls back to polling. Whatever the server sends, the work stays
 * bounded (issues 5, 16 and 17).
 */
import { atom } from 'nanostores';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.js';
import type { Clock } from './clock.js';
import type { ConnectionState } from './connection.js';
import type { EntityState } from './clinic-state.js';
import { isClinicError, type ClinicError } from './errors/clinic-error.js';
import { NetworkError } from './errors/network-error.js';
import type { SkippedEvent } from './contract/parse.js';
import type { Snapshot, LiveEvent, Signal } from './model.js';
import { ServerClock } from './server-clock.js';
import type { Transport } from './transport.js';

export interface LiveSyncOptions {
  backoff?: BackoffPolicy;
  /** Silence longer than this (ms, default 25 000) means the stream is dead (the server beats every 10 s). */
  heartbeatTimeoutMs?: number;
  /** How often to take a snapshot while push is unavailable. */
  pollIntervalMs?: number;
  /** Failed stream attempts before polling starts beside the retries. */
  pollAfterFailures?: number;
  /**
   * A stream that opened but delivered no byte for this long is held by a buffering proxy: push
   * counts as blocked and polling starts (issue 16.2). The contract asks for a first chunk at once.
   */
  firstByteTimeoutMs?: number;
  /** A connection live this long is healthy: the reconnect backoff starts over (issue 17.3). */
  healthyAfterMs?: number;
  /** Drops of an opened stream, without a healthy spell between, before the state says `unstable`. */
  unstableAfterDrops?: number;
  /** The waits between snapshots that try to close a gap the last one did not (issue 17.1). */
  catchUpBackoff?: BackoffPolicy;
  /** Snapshots asked for by gaps or heartbeats come no more often than this (issue 17.3). */
  minResyncIntervalMs?: number;
  /** The longest the SDK honours a server's `Retry-After` on its own (issue 17.6). */
  maxServerWaitMs?: number;
  /** Events held while a gap is open; older ones go (the snapshot covers them). */
  maxHeldEvents?: number;
  /**
   * Catch-up snapshots that may fail to reach what the stream claimed (a gap, a heartbeat's seq)
   * before the claim is judged false and dropped (default 5): a lagging replica converges well
   * before, while a claim nobody can honour (a forged tab message, a server that miscounts) would
   * otherwise keep the connection catching up forever (issue 17.8). A true claim comes back with
   * the next heartbeat or event, and the catch-up starts again.
   */
  maxCatchUpSnapshots?: number;
  /**
   * Whether this tab polls at the full rate; the others (followers of a leading tab) poll three
   * times less often and hear the leader's snapshots through `onPolled`.
   */
  pollsFully?: () => boolean;
  /** A snapshot taken by polling, for the leading tab to share. */
  onPolled?: (snapshot: Snapshot) => void;
  /**
   * Everything the live stream delivered (an event once applied), for the leading tab to tell
   * the user's other tabs (issue 16.3, shared-stream.ts): the stream's events reach this live sync
   * straight from the transport, and the relay hears them from here.
   */
  onStreamMessage?: (message: LiveStreamMessage) => void;
  /**
   * A connection problem the host should hear of (`misconfigured`, `token-unavailable`): told once
   * per code until the connection is healthy again.
   */
  onProblem?: (error: ClinicError) => void;
  random?: () => number;
}

/** What the live stream delivered, as one tab tells another (issue 16.3): one per handler call. */
export type LiveStreamMessage =
  | { kind: 'open' }
  | { kind: 'data' }
  | { kind: 'event'; event: LiveEvent }
  | { kind: 'skipped'; seq: number }
  | { kind: 'heartbeat'; seq: number | null; serverTime: string | null }
  | { kind: 'close' };

/** What the stream hands over: an event, or the seq of one whose record was left out (issue 17.4). */
type Received = LiveEvent | SkippedEvent;

type TimerName = 'watchdog' | 'firstByte' | 'healthy' | 'catchUp' | 'poll' | 'reconnect';

function asClinicError(error: unknown): ClinicError {
  return isClinicError(error) ? error : new NetworkError('network');
}

export class LiveSync {
  readonly $connection = atom<ConnectionState>('idle');
  /** The server's time as learned from snapshots and heartbeats (issue 16.7). */
  readonly serverClock: ServerClock;
  /** How many snapshots were taken: a figure for tests and benchmarks. */
  snapshotsTaken = 0;

  readonly #transport: Transport;
  readonly #state: EntityState;
  readonly #clock: Clock;
  readonly #onSignedOut: (error: ClinicError) => void;
  readonly #onSignal: (signal: Signal) => void;
  readonly #options: LiveSyncOptions;
  readonly #backoff: BackoffPolicy;
  readonly #catchUpBackoff: BackoffPolicy;
  readonly #random: () => number;

  #running = false;
  #generation = 0;
  /** The seq of the last event applied (or of the snapshot). */
  #lastSeq: number | null = null;
  /** The highest seq this stream said it has reached (heartbeats, events). */
  #serverSeq: number | null = null;
  /** A snapshot was applied for this connection: events may be applied on top. */
  #base = false;
  /** A snapshot is under way: events wait for it. */
  #holding = false;
  #held: Received[] = [];
  #behind = false;
  #closeStream: (() => void) | null = null;
  #streamOpen = false;
  #streamDelivered = false;
  /** When the stream last spoke (the clock's ms): the watchdog counts silence from it. */
  #heardAt = 0;
  #pushBlocked = false;
  /** What the state shows while nothing is live. */
  #down: 'connecting' | 'reconnecting' | 'offline' = 'connecting';
  #problem: ClinicError | null = null;
  #told = new Set<string>();
  #attempt = 0;
  #drops = 0;
  #unstable = false;
  #catchUpAttempt = 0;
  /** The last catch-up ended by dropping what the snapshots never reached (see `maxCatchUpSnapshots`). */
  #claimsDropped = false;
  #lastCatchUpAt = Number.NEGATIVE_INFINITY;
  /** No snapshot before this time: the server asked (`Retry-After`). */
  #snapshotNotBefore = 0;
  /** The pending timers, one of each kind at most. */
  readonly #timers = new Map<TimerName, unknown>();
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
    this.#options = options;
    this.#backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.#catchUpBackoff = options.catchUpBackoff ?? { baseMs: 1_000, capMs: 30_000 };
    this.#random = options.random ?? Math.random;
    this.serverClock = new ServerClock(clock);
  }

  get running(): boolean {
    return this.#running;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#attempt = 0;
    this.#drops = 0;
    this.#unstable = false;
    this.#down = 'connecting';
    this.#connect();
  }

  stop(state: ConnectionState = 'idle'): void {
    this.#running = false;
    this.#generation++;
    this.#teardown();
    this.#stopPolling();
    this.#clearTimer('catchUp');
    this.#snapshotInFlight = null;
    this.#holding = false;
    this.$connection.set(state);
    // Whoever waits for a sync learns that none is coming (signed out, or stopped): they read
    // $connection; a promise left pending would hang a host's `await clinic.start()`.
    for (const resolve of this.#synced.splice(0)) resolve();
  }

  /** Forget the stream position (after sign-out the next user starts afresh). */
  reset(): void {
    this.#lastSeq = null;
    this.#serverSeq = null;
    this.#base = false;
    this.#held = [];
    this.#behind = false;
    this.#claimsDropped = false;
    this.#problem = null;
    this.#told.clear();
    this.#signalsDelivered.clear();
  }

  /** Reconnect now: the network came back, the tab became visible, the machine woke. */
  wake(): void {
    if (!this.#running) return;
    if (this.#live) {
      void this.resync();
      return;
    }
    this.#attempt = 0;
    this.#down = this.#down === 'offline' ? 'reconnecting' : this.#down;
    this.#connect();
  }

  /** The browser reports it lost the network: show it, and keep trying. */
  markOffline(): void {
    if (!this.#running || this.#live) return;
    this.#down = 'offline';
    this.#publish();
  }

  /** Takes a snapshot now and resolves once it is applied (false when it failed). */
  resync(): Promise<boolean> {
    // Stopped (signed out, idle): a snapshot now would refill what sign-out emptied.
    if (!this.#running) return Promise.resolve(false);
    return this.#takeSnapshot(this.#generation);
  }

  /** Resolves when the state holds the server's (now, if it already does), or when no sync is coming. */
  whenSynced(): Promise<void> {
    const state = this.$connection.get();
    if (state === 'signed-out' || state === 'misconfigured' || this.#base) return Promise.resolve();
    return new Promise((resolve) => this.#synced.push(resolve));
  }

  /** The stream is open, a snapshot lies under it, and nothing says a proxy holds it back. */
  get #live(): boolean {
    return this.#streamOpen && this.#base && !this.#pushBlocked;
  }

  #publish(): void {
    if (!this.#running) return;
    this.$connection.set(this.#stateNow());
  }

  #stateNow(): ConnectionState {
    if (this.#problem?.code === 'misconfigured') return 'misconfigured';
    // Unstable first: a connection that flaps says so once, not at every drop and return.
    if (this.#unstable) return 'unstable';
    if (this.#live) return this.#behind ? 'catching-up' : 'connected';
    if (this.#polling) return 'polling';
    return this.#down;
  }

  #connect(): void {
    this.#teardown();
    const generation = ++this.#generation;
    this.#streamOpen = false;
    this.#streamDelivered = false;
    this.#serverSeq = null;
    this.#base = false;
    this.#held = [];
    this.#behind = false;
    const current = () => generation === this.#generation;
    const tell = this.#options.onStreamMessage ?? (() => {});
    this.#closeStream = this.#transport.openLiveStream(
      {
        onOpen: () => {
          if (!current()) return;
          tell({ kind: 'open' });
          this.#streamOpen = true;
          this.#armWatchdog();
          if (!this.#streamDelivered) this.#armFirstByte(generation);
          this.#afterChange();
        },
        onData: () => {
          if (!current()) return;
          tell({ kind: 'data' });
          this.#delivered();
          this.#armWatchdog();
        },
        onEvent: (event) => {
          if (!current()) return;
          this.#delivered();
          this.#armWatchdog();
          this.#receive(event);
          // Applied here first: the other tabs hear it after (their copy is no faster for waiting).
          tell({ kind: 'event', event });
        },
        onSkipped: (seq) => {
          if (!current()) return;
          tell({ kind: 'skipped', seq });
          this.#delivered();
          this.#armWatchdog();
          this.#receive({ seq, type: 'skipped' });
        },
        onHeartbeat: (seq, serverTime) => {
          if (!current()) return;
          tell({ kind: 'heartbeat', seq, serverTime: serverTime ?? null });
          this.#delivered();
          this.#armWatchdog();
          this.serverClock.observe(serverTime);
          if (seq !== null) this.#reached(seq);
        },
        onReached: (seq) => {
          // How far the stream has got, and nothing more: no bytes came, so neither the first-byte
          // check nor the watchdog hears of it.
          if (current()) this.#reached(seq);
        },
        onClose: (error) => {
          if (!current()) return;
          tell({ kind: 'close' });
          this.#closeStream = null;
          this.#failed(error);
        },
      },
      { lastSeq: this.#lastSeq },
    );
    this.#armWatchdog();
    this.#publish();
    // Beside the stream, not after it: a gateway that holds the stream's headers until its first
    // byte must not hold the data back (issue 16.1). Events that arrive first wait for it.
    void this.#takeSnapshot(generation);
  }

  /**
   * The server (or the leading tab) says how far the stream has got: if we hold less, an event was
   * lost on the way, and no later event would reveal the gap.
   */
  #reached(seq: number): void {
    this.#serverSeq = Math.max(this.#serverSeq ?? 0, seq);
    if (this.#base && !this.#holding) this.#checkBehind();
  }

  #delivered(): void {
    if (this.#streamDelivered) return;
    this.#streamDelivered = true;
    this.#clearTimer('firstByte');
    if (this.#pushBlocked) {
      this.#pushBlocked = false;
      this.#stopPolling();
    }
    this.#afterChange();
  }

  #receive(event: Received): void {
    // A signal is handed over as soon as it arrives, even while a snapshot is under way: no
    // snapshot holds it, so waiting for one (which then covers its seq) would lose it. Its seq
    // still goes through the ordering below, so that gaps are noticed as for any event.
    if (event.type === 'signal') this.#deliverSignal(event.seq, event.signal);
    this.#serverSeq = Math.max(this.#serverSeq ?? 0, event.seq);
    if (!this.#base || this.#holding) {
      this.#hold(event);
      return;
    }
    const last = this.#lastSeq ?? 0;
    if (event.seq <= last) return; // a duplicate, or a replay we already hold
    if (event.seq > last + 1) {
      // A gap: something was lost or comes out of order. Held until the missing piece comes or a
      // snapshot covers it.
      this.#hold(event);
      this.#checkBehind();
      return;
    }
    this.#lastSeq = event.seq;
    this.#apply(event);
    this.#applyHeld();
    if (this.#behind) this.#checkBehind();
  }

  /** Applies an event; a store listener that throws is its own failure, never the connection's (issue 16.4). */
  #apply(event: Received): void {
    // A skipped event only moves the position on: its record was left out.
    if (event.type === 'skipped') return;
    try {
      this.#state.applyEvent(event);
    } catch {
      // The stores hold the event; whoever listened failed on their own.
    }
  }

  #hold(event: Received): void {
    this.#held.push(event);
    // Bounded whatever the server sends: the oldest go, and the snapshot that closes the gap covers them.
    if (this.#held.length > (this.#options.maxHeldEvents ?? 1_000)) this.#held.shift();
  }

  /** Applies the held events that now follow on; drops those already covered. */
  #applyHeld(): void {
    if (this.#held.length === 0) return;
    const waiting: Received[] = [];
    for (const event of this.#held.sort((a, b) => a.seq - b.seq)) {
      const last = this.#lastSeq ?? 0;
      if (event.seq <= last) continue;
      if (event.seq === last + 1) {
        this.#lastSeq = event.seq;
        this.#apply(event);
      } else waiting.push(event);
    }
    this.#held = waiting;
  }

  /**
   * Behind: events wait beyond a gap, or the stream said it reached further than we hold. Then a
   * snapshot is taken, and another with growing waits as long as one does not close the gap — a
   * lagging replica converges, and a server that always claims more costs a snapshot per wait.
   */
  #checkBehind(): void {
    const behind = this.#streamOpen && (this.#held.length > 0 || (this.#serverSeq ?? 0) > (this.#lastSeq ?? 0));
    if (!behind) {
      if (this.#behind) {
        this.#behind = false;
        // Caught up, unless by dropping a claim: a server that keeps claiming more keeps its long waits.
        if (!this.#claimsDropped) this.#catchUpAttempt = 0;
        this.#claimsDropped = false;
        this.#clearTimer('catchUp');
        this.#publish();
      }
      return;
    }
    if (!this.#behind) {
      this.#behind = true;
      this.#publish();
    }
    if (this.#timers.has('catchUp') || this.#holding) return;
    const now = this.#clock.now();
    const minInterval = this.#options.minResyncIntervalMs ?? 2_000;
    const wait =
      this.#catchUpAttempt === 0
        ? this.#lastCatchUpAt + minInterval - now
        : Math.max(minInterval, backoffDelay(this.#catchUpAttempt, this.#catchUpBackoff, this.#random));
    this.#catchUpAttempt++;
    const delay = Math.max(wait, this.#snapshotNotBefore - now);
    const generation = this.#generation;
    const catchUp = () => {
      if (generation !== this.#generation || !this.#running) return;
      this.#lastCatchUpAt = this.#clock.now();
      void this.#takeSnapshot(generation);
    };
    if (delay <= 0) catchUp();
    else this.#setTimer('catchUp', catchUp, delay);
  }

  /** The snapshots never reached what the stream claimed: held events and the claimed seq go; the snapshot is the truth. */
  #dropUnreachedClaims(): void {
    if (this.#held.length === 0 && (this.#serverSeq ?? 0) <= (this.#lastSeq ?? 0)) return;
    this.#held = [];
    this.#serverSeq = this.#lastSeq;
    this.#claimsDropped = true;
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
    this.#holding = true;
    const attempt = this.#snapshotOnce(generation).finally(() => {
      if (this.#snapshotInFlight === attempt) {
        this.#snapshotInFlight = null;
        this.#holding = false;
      }
    });
    this.#snapshotInFlight = attempt;
    return attempt;
  }

  async #snapshotOnce(generation: number): Promise<boolean> {
    let snapshot: Snapshot;
    try {
      snapshot = await this.#transport.snapshot();
    } catch (error) {
      if (generation !== this.#generation) return false;
      this.#snapshotFailed(asClinicError(error));
      return false;
    }
    if (generation !== this.#generation) return false;
    this.snapshotsTaken++;
    this.serverClock.observe(snapshot.serverTime);
    const startedOver = snapshot.epoch !== undefined && this.#epoch !== null && snapshot.epoch !== this.#epoch;
    if (snapshot.epoch !== undefined) this.#epoch = snapshot.epoch;
    try {
      this.#state.replace(snapshot, startedOver);
    } catch {
      // A listener of the stores failed (issue 16.4): the stores hold the snapshot all the same.
    }
    // The server's stream started over (a reset backend): old seqs will be reused.
    if (startedOver || snapshot.seq < (this.#lastSeq ?? 0)) this.#signalsDelivered.clear();
    if (startedOver) this.#serverSeq = null;
    this.#lastSeq = snapshot.seq;
    this.#base = true;
    this.#holding = false;
    if (this.#problem?.code === 'misconfigured') this.#problem = null;
    this.#applyHeld();
    if (this.#catchUpAttempt >= (this.#options.maxCatchUpSnapshots ?? 5)) this.#dropUnreachedClaims();
    if (!(this.#streamOpen && this.#streamDelivered)) {
      if (this.#polling) this.#options.onPolled?.(snapshot);
    } else this.#stopPolling();
    this.#checkBehind();
    this.#afterChange();
    for (const resolve of this.#synced.splice(0)) resolve();
    return true;
  }

  #snapshotFailed(error: ClinicError): void {
    this.#holding = false;
    this.#noteRetryAfter(error);
    if (error.code === 'unauthorized') {
      this.#signedOut(error);
      return;
    }
    if (this.#closeStream) {
      // The stream is up but the snapshot failed: start over, so nothing is applied on a guess.
      this.#closeStream();
      this.#closeStream = null;
      this.#failed(error);
      return;
    }
    // Polling: the next poll tries again; a problem the host should know of is told.
    this.#noteProblem(error);
    this.#publish();
  }

  /** The server asked for quiet (429 or 503 with `Retry-After`): no snapshot before then, capped. */
  #noteRetryAfter(error: ClinicError): void {
    if (error.retryAfterSeconds === undefined) return;
    const wait = Math.min(error.retryAfterSeconds * 1000, this.#options.maxServerWaitMs ?? 300_000);
    this.#snapshotNotBefore = Math.max(this.#snapshotNotBefore, this.#clock.now() + wait);
  }

  #noteProblem(error: ClinicError): void {
    if (error.code !== 'misconfigured' && error.code !== 'token-unavailable') return;
    if (error.code === 'misconfigured') {
      this.#problem = error;
      this.#publish();
      // No sync is coming until the set-up is fixed: a host awaiting `start()` reads why.
      for (const resolve of this.#synced.splice(0)) resolve();
    }
    if (this.#told.has(error.code)) return;
    this.#told.add(error.code);
    this.#options.onProblem?.(error);
  }

  #failed(error: ClinicError): void {
    this.#clearWatchdog();
    this.#clearTimer('firstByte');
    this.#clearTimer('healthy');
    this.#clearTimer('catchUp');
    if (!this.#running) return;
    if (error.code === 'unauthorized') {
      this.#signedOut(error);
      return;
    }
    this.#noteRetryAfter(error);
    this.#noteProblem(error);
    // A stream that delivered and dropped: one more sign of an unstable connection. One that never
    // opened, or never delivered, is blocked push, which polling answers.
    if (this.#streamOpen && this.#streamDelivered) {
      this.#drops++;
      if (this.#drops >= (this.#options.unstableAfterDrops ?? 3)) this.#unstable = true;
    }
    this.#streamOpen = false;
    this.#streamDelivered = false;
    this.#down = globalThis.navigator?.onLine === false ? 'offline' : 'reconnecting';
    this.#attempt++;
    if (this.#attempt >= (this.#options.pollAfterFailures ?? 3) || this.#pushBlocked) this.#startPolling();
    const now = this.#clock.now();
    const serverAsked = error.retryAfterSeconds === undefined ? 0 : Math.min(error.retryAfterSeconds * 1000, this.#options.maxServerWaitMs ?? 300_000);
    const delay = Math.max(backoffDelay(this.#attempt - 1, this.#backoff, this.#random), serverAsked, this.#snapshotNotBefore - now);
    this.#setTimer('reconnect', () => this.#connect(), delay);
    this.#publish();
  }

  #signedOut(error: ClinicError): void {
    this.stop('signed-out');
    this.#onSignedOut(error);
  }

  /** After anything that may make the connection live: show it, and start the healthy clock. */
  #afterChange(): void {
    this.#publish();
    if (!this.#live || !this.#streamDelivered || this.#timers.has('healthy')) return;
    this.#setTimer('healthy', () => {
      if (!this.#live) return;
      // Proved healthy for a while: only now the backoff starts over (a stream that closes just
      // after each snapshot must not reset it every time), and the host may hear of problems again.
      this.#attempt = 0;
      this.#drops = 0;
      this.#unstable = false;
      this.#told.clear();
      this.#publish();
    }, this.#options.healthyAfterMs ?? 30_000);
  }

  #startPolling(): void {
    if (this.#polling) return;
    this.#polling = true;
    const poll = async () => {
      if (!(this.#streamOpen && this.#streamDelivered) && this.#clock.now() >= this.#snapshotNotBefore) await this.#takeSnapshot(this.#generation);
      if (!this.#polling) return;
      // Scheduled after the snapshot, when this tab knows whether it leads its user's tabs.
      const leads = this.#options.pollsFully?.() ?? true;
      const interval = (this.#options.pollIntervalMs ?? 10_000) * (leads ? 1 : 3);
      this.#setTimer('poll', () => void poll(), Math.max(interval, this.#snapshotNotBefore - this.#clock.now()));
    };
    void poll();
    this.#publish();
  }

  #stopPolling(): void {
    this.#polling = false;
    this.#clearTimer('poll');
  }

  /**
   * The stream spoke: silence is counted from now. One timer runs per silence, not one per chunk
   * (a busy stream re-armed a timer twice per event, issue 15.5): when it fires early it waits
   * for the rest of the silence that is left.
   */
  #armWatchdog(): void {
    this.#heardAt = this.#clock.now();
    if (!this.#timers.has('watchdog')) this.#watchdogAfter(this.#silenceMs);
  }

  /** How long the stream may stay silent, in ms (`heartbeatTimeoutMs`, 25 s by default). */
  get #silenceMs(): number {
    return this.#options.heartbeatTimeoutMs ?? 25_000;
  }

  #watchdogAfter(ms: number): void {
    this.#setTimer('watchdog', () => {
      const left = this.#heardAt + this.#silenceMs - this.#clock.now();
      if (left > 0) return this.#watchdogAfter(left);
      // Silence: the connection may be dead without either side having noticed (Wi-Fi roaming).
      this.#closeStream?.();
      this.#closeStream = null;
      this.#failed(new NetworkError('timeout'));
    }, ms);
  }

  #armFirstByte(generation: number): void {
    this.#clearTimer('firstByte');
    this.#setTimer('firstByte', () => {
      if (generation !== this.#generation || this.#streamDelivered) return;
      // Open, and not one byte: a proxy buffers the stream. Poll beside it until bytes come.
      this.#pushBlocked = true;
      this.#startPolling();
    }, this.#options.firstByteTimeoutMs ?? 12_000);
  }

  #clearWatchdog(): void {
    this.#clearTimer('watchdog');
  }

  #setTimer(name: TimerName, callback: () => void, ms: number): void {
    this.#clearTimer(name);
    this.#timers.set(
      name,
      this.#clock.setTimeout(() => {
        this.#timers.delete(name);
        callback();
      }, ms),
    );
  }

  #clearTimer(name: TimerName): void {
    if (this.#timers.has(name)) this.#clock.clearTimeout(this.#timers.get(name));
    this.#timers.delete(name);
  }

  /** Ends the stream and its timers; polling goes on across reconnect attempts (stop() ends it). */
  #teardown(): void {
    this.#closeStream?.();
    this.#closeStream = null;
    this.#streamOpen = false;
    this.#streamDelivered = false;
    this.#clearWatchdog();
    this.#clearTimer('firstByte');
    this.#clearTimer('healthy');
    this.#clearTimer('reconnect');
  }
}
