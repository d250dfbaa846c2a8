/**
 * The server's time, as this tab best knows it: the local clock plus the offset learned from the
 * server (`serverTime` of a snapshot or heartbeat, or the HTTP `Date` header). Every duration the
 * user reads ("Waiting for 2 minutes", "Waiting long") is measured on it, so a provider PC whose
 * clock is ten minutes fast still shows a new request as new (issue 16.7).
 */
import type { Clock } from './clock.js';

/** Offsets smaller than this are noise (the `Date` header has whole seconds, and answers travel). */
const NOISE_MS = 2_000;

export class ServerClock {
  readonly #local: Clock;
  #offsetMs = 0;

  constructor(local: Clock) {
    this.#local = local;
  }

  /** Learns from a server timestamp (ISO 8601) read just now; anything unreadable is ignored. */
  observe(serverTime: string | null | undefined): void {
    if (!serverTime) return;
    const server = Date.parse(serverTime);
    if (Number.isNaN(server)) return;
    const offset = server - this.#local.now();
    this.#offsetMs = Math.abs(offset) < NOISE_MS ? 0 : offset;
  }

  /** The server's time now, in ms since the epoch. */
  now(): number {
    return this.#local.now() + this.#offsetMs;
  }

  /** Server time minus local time, in ms (0 until learned, or when within noise). */
  get offsetMs(): number {
    return this.#offsetMs;
  }
}
