/**
 * The provider's alerts for requests that wait (X2): a chime that repeats at a gentle interval
 * until every request is handled, a desktop notification per new request that brings the
 * dashboard forward when clicked, and the count of waiting requests in the page title. Only while
 * the provider is available (R6), and sound and notifications only in the tab that leads the
 * user's tabs. The visible highlight and the screen-reader announcement live in
 * <vc-request-queue>.
 */
import type { Clinic } from '../core/clinic.js';
import { systemClock, type Clock } from '../core/clock.js';
import type { SessionRequest } from '../core/model.js';
import type { Chime } from './chime.js';
import type { Notifier, ShownNotification } from './notifier.js';
import { setTitleCount } from './title-count.js';

export interface ProviderAlertsOptions {
  chime: Chime;
  notifier: Notifier;
  clock?: Clock;
  /** How often the chime repeats while someone waits, in ms (default 30 s). */
  chimeIntervalMs?: number;
  /** The text of a notification: `generic` (default) never shows a name on the lock screen. */
  notificationText: (requests: SessionRequest[], newest: SessionRequest) => { title: string; body: string };
  /** The page title while `count` requests wait. */
  titleText: (count: number, original: string) => string;
  /** Called when the user clicks a notification (after the window is focused). */
  onNotificationClick: (request: SessionRequest) => void;
  /** The document whose title shows the count (none in tests that do not want it). */
  document?: Document | null;
  /** The chime should have rung and the browser refused it (autoplay policy; issue 16 case 5). */
  onSoundBlocked?: () => void;
}

export interface AlertSwitches {
  sound: boolean;
  notifications: boolean;
  title: boolean;
}

export class ProviderAlerts {
  /** What is on; the host and the user each switch these (both must allow). */
  switches: AlertSwitches = { sound: true, notifications: true, title: true };

  readonly #clinic: Clinic;
  readonly #options: ProviderAlertsOptions;
  readonly #clock: Clock;
  readonly #chimeIntervalMs: number;
  /** This reader's cursor in the clinic's arrivals; null until loaded (the first load is not news). */
  #cursor: number | null = null;
  #chimeTimer: unknown = null;
  #shown = new Map<string, ShownNotification>();
  #unsubscribe: Array<() => void> = [];

  constructor(clinic: Clinic, options: ProviderAlertsOptions) {
    this.#clinic = clinic;
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
    this.#chimeIntervalMs = options.chimeIntervalMs ?? 30_000;
  }

  start(): void {
    if (this.#unsubscribe.length) return;
    const update = () => this.update();
    this.#unsubscribe.push(
      this.#clinic.$incomingRequests.listen(update),
      this.#clinic.$myProvider.listen(update),
      this.#clinic.$isLeader.listen(update),
      this.#clinic.$me.listen(update),
      // Keeps the arrivals counting while the alerts run; they are read in update().
      this.#clinic.arrivals.$arrivals.listen(() => {}),
    );
    this.update();
  }

  stop(): void {
    for (const stop of this.#unsubscribe.splice(0)) stop();
    this.#stopChime();
    if (this.#options.document) setTitleCount(this.#options.document, this, 0);
    for (const notification of this.#shown.values()) notification.close();
    this.#shown.clear();
    this.#cursor = null;
  }

  /** Re-reads the stores and brings every alert in line with them. */
  update(): void {
    const requests = this.#clinic.$incomingRequests.get();
    const loaded = this.#clinic.$me.get() !== null;
    const available = this.#clinic.$myProvider.get()?.available === true;
    const leads = this.#clinic.$isLeader.get();
    const waiting = available ? requests : [];

    // New requests: what arrived since the last look (core/arrivals.ts); a reload must not ring.
    const ids = new Set(requests.map((r) => r.id));
    const cursor = this.#cursor;
    this.#cursor = loaded ? this.#clinic.arrivals.latest() : null; // signed out: the next user's first load is not news either
    const fresh = cursor === null || !available ? [] : this.#clinic.arrivals.since(cursor, 'request').filter((r) => ids.has(r.id));

    if (leads && this.switches.notifications && fresh.length) this.#notify(waiting, fresh[0]!);
    for (const [id, notification] of this.#shown) {
      if (!ids.has(id)) {
        notification.close();
        this.#shown.delete(id);
      }
    }

    if (leads && this.switches.sound && waiting.length) {
      if (fresh.length) this.#stopChime(); // ring now for the new one, then at the interval
      this.#startChime();
    } else this.#stopChime();

    const doc = this.#options.document;
    if (doc) setTitleCount(doc, this, this.switches.title ? waiting.length : 0, this.#options.titleText);
  }

  #notify(requests: SessionRequest[], newest: SessionRequest): void {
    const { title, body } = this.#options.notificationText(requests, newest);
    const shown = this.#options.notifier.show(title, { body, tag: `virtual-clinic-${newest.id}` }, () => {
      globalThis.focus?.();
      this.#options.onNotificationClick(newest);
    });
    if (shown) this.#shown.set(newest.id, shown);
  }

  #startChime(): void {
    if (this.#chimeTimer !== null) return;
    const ring = () => {
      if (this.#options.chime.play() === false) this.#options.onSoundBlocked?.();
      this.#chimeTimer = this.#clock.setTimeout(ring, this.#chimeIntervalMs);
    };
    ring();
  }

  /** Rings at once if a request waits (after the user lifted a sound block), then at the interval. */
  ringNow(): void {
    this.#stopChime();
    this.update();
  }

  #stopChime(): void {
    if (this.#chimeTimer !== null) this.#clock.clearTimeout(this.#chimeTimer);
    this.#chimeTimer = null;
  }
}
