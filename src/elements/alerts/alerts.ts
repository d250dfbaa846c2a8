import { html, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { WebAudioChime, type Chime } from '../../alerts/chime.js';
import { browserNotifier, type NotificationPermissionState, type Notifier } from '../../alerts/notifier.js';
import { ProviderAlerts } from '../../alerts/provider-alerts.js';
import type { Clock } from '../../core/clock.js';
import { ClinicElement } from '../internal/clinic-element.js';
import { stateParts } from '../internal/state-parts.js';
import { controls, tokens } from '../internal/shared.styles.js';
import { isolateParams } from '../internal/user-text.js';
import { FocusKeeper, keepFocus } from '../internal/focus-keeper.js';
import { alertsStyles } from './alerts.styles.js';

/**
 * @summary The provider's alerts for waiting requests (X2): a chime generated in the browser that
 * repeats until every request is handled, desktop notifications, and the count in the page title
 * — only while the provider is available, and sound and notifications in one tab only. Shows the
 * user's own switches (sound on or off, notifications on request). Renders nothing for a requester.
 *
 * @event vc-notification-click - The user clicked a desktop notification; `detail.requestId`. The page was focused.
 * @event vc-sound-blocked - Sound is on but the browser refuses to play it until the user clicks the page (autoplay policy); `detail.reason`.
 *
 * @csspart base - The wrapper (a group labelled "Alerts").
 * @csspart sound-switch - The sound on/off switch.
 * @csspart sound-blocked - "Sound is blocked: click to turn it on", while the browser refuses sound (a click anywhere lifts it too).
 * @csspart notifications-button - Turn On Desktop Notifications (asks the browser; only on click).
 * @csspart notifications-switch - Desktop notifications on/off, once allowed.
 * @csspart busy - With a button's own part while its action is under way (`notifications-button busy`): style the busy state from outside (issue 19.5).
 * @csspart notifications-blocked - The message when the browser blocks notifications.
 */
export class VcAlerts extends ClinicElement {
  static override styles = [tokens, controls, alertsStyles];

  /** The host turns the chime off for everyone on this page. */
  @property({ type: Boolean, attribute: 'no-sound' })
  accessor noSound = false;

  /** The host turns desktop notifications off. */
  @property({ type: Boolean, attribute: 'no-notifications' })
  accessor noNotifications = false;

  /** The host keeps the page title as it is. */
  @property({ type: Boolean, attribute: 'no-title' })
  accessor noTitle = false;

  /** Seconds between chimes while someone waits. */
  @property({ type: Number, attribute: 'chime-interval' })
  accessor chimeInterval = 30;

  /** `names`: notifications name the requester (they may show on a lock screen); default: a count only. */
  @property({ attribute: 'notification-detail' })
  accessor notificationDetail: 'count' | 'names' = 'count';

  /** Where the chime comes from (tests and hosts with their own sound). */
  @property({ attribute: false })
  accessor chime: Chime = new WebAudioChime();

  @property({ attribute: false })
  accessor notifier: Notifier = browserNotifier;

  @property({ attribute: false })
  accessor clock: Clock | undefined = undefined;

  /** The user's own switches (in memory: they last as long as the page). */
  @state() private accessor soundOn = true;
  @state() private accessor notificationsOn = true;
  @state() private accessor permission: NotificationPermissionState = 'default';
  /** The browser's permission prompt is open (the button is busy meanwhile). */
  @state() private accessor askingPermission = false;

  /** The browser refuses sound until a user gesture (issue 16 case 5). */
  @state() private accessor soundBlocked = false;

  readonly #me = this.watch((c) => c.$me, null);
  /** Turn On Desktop Notifications gives way to the switch or the blocked message: focus follows (issue 20.2). */
  readonly #focusKeeper = new FocusKeeper(this);
  #alerts: ProviderAlerts | null = null;
  /** After the user lifted the block with the button, focus goes to the sound switch that replaced it. */
  #focusSoundSwitch = false;

  override connectedCallback(): void {
    super.connectedCallback();
    this.permission = this.notifier.permission();
    this.requestUpdate(); // re-inserted: start the alerts again (updated())
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#listenForGesture(false);
    this.#alerts?.stop();
    this.#alerts = null;
    // The audio context is the browser's to keep otherwise; a re-attached tag makes a new one.
    (this.chime as { close?: () => void }).close?.();
  }

  protected override updated(changed: PropertyValues<this>): void {
    // Also after the host removed the tag and put it back (or moved it): disconnecting stopped the alerts.
    const stopped = this.#alerts === null && this.clinic !== null && this.clinic !== undefined;
    if (stopped || changed.has('clinic') || changed.has('chime') || changed.has('notifier') || changed.has('clock') || changed.has('chimeInterval')) {
      this.#alerts?.stop();
      this.#alerts = this.clinic ? this.#create() : null;
      this.#applySwitches();
      this.#alerts?.start();
    } else this.#applySwitches();
    // Known before a request comes: a station reloaded overnight shows it at once.
    if (this.#soundWanted() && this.chime.blocked === true) this.#setSoundBlocked(true);
    if (this.#focusSoundSwitch) {
      this.#focusSoundSwitch = false;
      this.renderRoot.querySelector<HTMLElement>('[part="sound-switch"]')?.focus();
    }
  }

  #soundWanted(): boolean {
    return this.soundOn && !this.noSound && this.#me.value?.user.role === 'provider';
  }

  #setSoundBlocked(blocked: boolean): void {
    if (blocked === this.soundBlocked) return;
    this.soundBlocked = blocked;
    this.#listenForGesture(blocked);
    if (!blocked) return;
    this.fire('vc-sound-blocked', { reason: 'autoplay-policy' });
    // Shown and said: a screen-reader user would otherwise wait for a chime that never comes (issue 20.3).
    this.announcer.announce(this.localize.term('alerts.sound-blocked'));
  }

  /** While blocked, any click or key press on the page lifts the browser's block: check again then. */
  #listenForGesture(on: boolean): void {
    const view = this.ownerDocument.defaultView;
    for (const type of ['pointerdown', 'keydown'] as const) {
      view?.removeEventListener(type, this.#onGesture, { capture: true });
      if (on) view?.addEventListener(type, this.#onGesture, { capture: true, passive: true });
    }
  }

  readonly #onGesture = (): void => {
    if (this.chime.blocked === true) return;
    this.#setSoundBlocked(false);
    this.#alerts?.ringNow();
  };

  async #unlockSound(): Promise<void> {
    const unlocked = (await this.chime.unlock?.()) ?? this.chime.blocked !== true;
    if (!unlocked || this.chime.blocked === true) return;
    this.#focusSoundSwitch = true;
    this.#setSoundBlocked(false);
    this.#alerts?.ringNow();
  }

  #create(): ProviderAlerts {
    return new ProviderAlerts(this.clinic!, {
      chime: this.chime,
      notifier: this.notifier,
      clock: this.clock,
      chimeIntervalMs: Math.max(5, this.chimeInterval) * 1000,
      document: this.ownerDocument,
      titleText: (count, title) => this.localize.term('alerts.title', { count, title }),
      notificationText: (requests, newest) => ({
        title: this.localize.term('alerts.notification-title'),
        body:
          this.notificationDetail === 'names'
            ? this.localize.term('alerts.notification-body-named', isolateParams({ requester: newest.requesterName, service: newest.serviceName ?? '' }))
            : this.localize.term('alerts.notification-body', { count: requests.length }),
      }),
      onSoundBlocked: () => {
        if (this.#soundWanted()) this.#setSoundBlocked(true);
      },
      onNotificationClick: (request) => {
        this.fire('vc-notification-click', { requestId: request.id });
        this.scrollIntoView?.({ block: 'nearest' });
      },
    });
  }

  #applySwitches(): void {
    if (!this.#alerts) return;
    this.#alerts.switches = {
      sound: this.soundOn && !this.noSound,
      notifications: this.notificationsOn && !this.noNotifications && this.permission === 'granted',
      title: !this.noTitle,
    };
    this.#alerts.update();
  }

  async #turnOnNotifications(): Promise<void> {
    // Asked only here, from the user's click: browsers block (and users distrust) prompts on load.
    if (this.askingPermission) return;
    this.askingPermission = true;
    try {
      this.permission = await this.notifier.requestPermission();
    } finally {
      this.askingPermission = false;
    }
    this.notificationsOn = this.permission === 'granted';
    // The button gives way to a message, which takes focus (the focus keeper): a screen reader reads
    // it there, once. Announcing it as well would read it twice (issue 20.3: each change heard once).
  }

  protected override render() {
    if (this.#me.value?.user.role !== 'provider') return html``;
    const t = this.localize.term.bind(this.localize);
    const showNotifications = !this.noNotifications && this.permission !== 'unsupported';
    return html`
      <fieldset part="base" data-focus-scope>
        <legend>${t('alerts.label')}</legend>
        ${this.noSound
          ? null
          : html`<button ${keepFocus()} part="sound-switch" data-focus-slot="sound" type="button" role="switch" aria-checked=${this.soundOn ? 'true' : 'false'} @click=${() => (this.soundOn = !this.soundOn)}>
                ${t('alerts.sound')}
              </button>
              ${this.soundBlocked && this.soundOn
                ? html`<button ${keepFocus()} part="sound-blocked" data-focus-slot="sound" type="button" @click=${this.#unlockSound}>${t('alerts.sound-blocked')}</button>`
                : null}`}
        ${!showNotifications
          ? null
          : this.permission === 'granted'
            ? html`<button ${keepFocus()}
                part="notifications-switch"
                data-focus-slot="notifications"
                type="button"
                role="switch"
                aria-checked=${this.notificationsOn ? 'true' : 'false'}
                @click=${() => (this.notificationsOn = !this.notificationsOn)}
              >
                ${t('alerts.notifications')}
              </button>`
            : this.permission === 'denied'
              ? html`<span part="notifications-blocked" data-focus-landing>${t('alerts.notifications-denied')}</span>`
              : html`<button
                  ${keepFocus()}
                  part=${stateParts('notifications-button', { busy: this.askingPermission })}
                  data-focus-slot="notifications"
                  type="button"
                  aria-busy=${this.askingPermission ? 'true' : 'false'}
                  @click=${this.#turnOnNotifications}
                >${t('alerts.notifications-turn-on')}</button>`}
      </fieldset>
    `;
  }
}
