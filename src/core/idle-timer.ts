/**
 * The idle timeout behind automatic sign-out: after `timeoutMs` without activity the session ends,
 * and `warningMs` before that the user is warned and may stay signed in with one action (WCAG
 * 2.2.1 asks for at least 20 seconds). No DOM: the caller reports activity, the clock says when.
 */
import type { Clock } from './clock.js';

/** WCAG 2.2.1 Timing Adjustable: the user has at least this long to extend the time limit. */
export const MIN_IDLE_WARNING_MS = 20_000;
/** A shorter timeout would leave the user no quiet time between warnings. */
export const MIN_IDLE_TIMEOUT_MS = 60_000;

export const IDLE_PHASES = [
  /** Not counting (not signed in, or held while the user is in a session). */
  'stopped',
  /** Counting: the user was active recently. */
  'active',
  /** The warning is up; `deadline` is when the session ends. */
  'warning',
  /** The time ran out and `onTimeout` was called; `start()` counts again. */
  'timed-out',
] as const;
export type IdlePhase = (typeof IDLE_PHASES)[number];

export interface IdleTimerOptions {
  clock: Clock;
  /** Inactivity that ends the session, in ms (at least `MIN_IDLE_TIMEOUT_MS`). */
  timeoutMs: number;
  /** How long before the end the warning comes, in ms (at least `MIN_IDLE_WARNING_MS`). */
  warningMs: number;
  /** The warning is due: the session ends at `deadline` (ms on the clock) unless there is activity. */
  onWarning(deadline: number): void;
  /** Activity during the warning: the session goes on. */
  onContinue(): void;
  onTimeout(): void;
}

export class IdleTimer {
  readonly #clock: Clock;
  readonly #timeoutMs: number;
  readonly #warningMs: number;
  readonly #options: IdleTimerOptions;
  #phase: IdlePhase = 'stopped';
  #lastActivity = 0;
  #deadline = 0;
  #timer: unknown = null;

  constructor(options: IdleTimerOptions) {
    this.#options = options;
    this.#clock = options.clock;
    this.#warningMs = Math.max(MIN_IDLE_WARNING_MS, options.warningMs);
    this.#timeoutMs = Math.max(MIN_IDLE_TIMEOUT_MS, options.timeoutMs, this.#warningMs + MIN_IDLE_WARNING_MS);
  }

  get phase(): IdlePhase {
    return this.#phase;
  }

  /** When the session ends if nothing happens (ms on the clock); null while stopped or timed out. */
  get deadline(): number | null {
    if (this.#phase === 'warning') return this.#deadline;
    if (this.#phase === 'active') return this.#lastActivity + this.#timeoutMs;
    return null;
  }

  get timeoutMs(): number {
    return this.#timeoutMs;
  }

  get warningMs(): number {
    return this.#warningMs;
  }

  /** Starts counting from now (no-op while already counting). */
  start(): void {
    if (this.#phase === 'active' || this.#phase === 'warning') return;
    this.#phase = 'active';
    this.#lastActivity = this.#clock.now();
    this.#schedule(this.#timeoutMs - this.#warningMs);
  }

  /** Stops counting; a warning on screen is withdrawn (`onContinue`). */
  stop(): void {
    const warned = this.#phase === 'warning';
    this.#clear();
    this.#phase = 'stopped';
    if (warned) this.#options.onContinue();
  }

  /**
   * The user did something. Cheap enough for every pointer move: it only notes the time, and the
   * timer, when it fires, looks at how long ago that was.
   */
  activity(): void {
    if (this.#phase === 'stopped' || this.#phase === 'timed-out') return;
    this.#lastActivity = this.#clock.now();
    if (this.#phase === 'warning') {
      this.#phase = 'active';
      this.#schedule(this.#timeoutMs - this.#warningMs);
      this.#options.onContinue();
    }
  }

  #check(): void {
    this.#timer = null;
    const now = this.#clock.now();
    if (this.#phase === 'active') {
      const idleFor = now - this.#lastActivity;
      if (idleFor >= this.#timeoutMs) {
        // The timer ran late (a suspended machine, a throttled background tab): the user was away
        // for the whole timeout, so the session ends without a warning nobody would see.
        this.#timeOut();
        return;
      }
      const warnIn = this.#timeoutMs - this.#warningMs - idleFor;
      if (warnIn > 0) {
        this.#schedule(warnIn);
        return;
      }
      this.#phase = 'warning';
      // However late the warning comes, the user gets at least the minimum time to answer it.
      this.#deadline = Math.max(this.#lastActivity + this.#timeoutMs, now + MIN_IDLE_WARNING_MS);
      this.#schedule(this.#deadline - now);
      this.#options.onWarning(this.#deadline);
      return;
    }
    if (this.#phase === 'warning') {
      if (now >= this.#deadline) this.#timeOut();
      else this.#schedule(this.#deadline - now);
    }
  }

  #timeOut(): void {
    this.#phase = 'timed-out';
    this.#options.onTimeout();
  }

  #schedule(ms: number): void {
    this.#clear();
    this.#timer = this.#clock.setTimeout(() => this.#check(), Math.max(0, ms));
  }

  #clear(): void {
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    this.#timer = null;
  }
}
