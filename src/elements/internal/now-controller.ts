/**
 * Re-renders its host every `intervalMs` while connected, for "waiting for 3 minutes" texts.
 * `now` is read at render time, so fake timers in tests drive it.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class NowController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #intervalMs: number;
  #timer: ReturnType<typeof setInterval> | null = null;

  constructor(host: ReactiveControllerHost, intervalMs = 1000) {
    this.#host = host;
    this.#intervalMs = intervalMs;
    host.addController(this);
  }

  /**
   * The server's time where the host knows a clinic (its clock may be minutes off the server's:
   * issue 16.7), else this machine's.
   */
  get now(): number {
    const clinic = (this.#host as { clinic?: { serverNow(): number } }).clinic;
    return clinic ? clinic.serverNow() : Date.now();
  }

  hostConnected(): void {
    this.#timer = setInterval(() => this.#host.requestUpdate(), this.#intervalMs);
  }

  hostDisconnected(): void {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
  }
}
