/**
 * A clock the test moves by hand, for both the client (`Clock`) and the mock backend (`now`,
 * `timers`): backoff, heartbeats, polling and expiry run in order without waiting on the wall clock.
 */
import type { Clock } from '../../src/core/clock.js';

interface Timer {
  at: number;
  callback: () => void;
  every: number | null;
}

/** Lets pending promise chains (fetch, streams, Lit updates) run. */
export async function flush(rounds = 3): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

export class ManualClock implements Clock {
  #now: number;
  #timers = new Map<number, Timer>();
  #nextId = 1;

  constructor(start = Date.parse('2026-11-25T09:00:00Z')) {
    this.#now = start;
  }

  now = (): number => this.#now;

  setTimeout = (callback: () => void, ms: number): number => this.#add(callback, ms, null);
  setInterval = (callback: () => void, ms: number): number => this.#add(callback, ms, Math.max(1, ms));
  clearTimeout = (handle: unknown): void => {
    this.#timers.delete(handle as number);
  };
  clearInterval = (handle: unknown): void => {
    this.#timers.delete(handle as number);
  };

  /** The backend's `timers` option. */
  get timers() {
    return { setTimeout: this.setTimeout, clearTimeout: this.clearTimeout, setInterval: this.setInterval, clearInterval: this.clearInterval };
  }

  get pendingTimers(): number {
    return this.#timers.size;
  }

  /**
   * Moves time forward without running any timer, as a suspended machine does: the timers that
   * fell due run late, at the next `advance`.
   */
  sleep(ms: number): void {
    this.#now += ms;
  }

  /** Moves time forward by `ms`, running every timer that falls due, in order. */
  async advance(ms: number): Promise<void> {
    const end = this.#now + ms;
    await flush();
    for (;;) {
      let nextId: number | null = null;
      let next: Timer | null = null;
      for (const [id, timer] of this.#timers) {
        if (timer.at <= end && (!next || timer.at < next.at)) {
          next = timer;
          nextId = id;
        }
      }
      if (!next || nextId === null) break;
      this.#now = Math.max(this.#now, next.at);
      if (next.every === null) this.#timers.delete(nextId);
      else next.at += next.every;
      next.callback();
      await flush();
    }
    this.#now = end;
    await flush();
  }

  #add(callback: () => void, ms: number, every: number | null): number {
    const id = this.#nextId++;
    this.#timers.set(id, { at: this.#now + Math.max(0, ms), callback, every });
    return id;
  }
}
